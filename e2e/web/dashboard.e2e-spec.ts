// Acceptance 4 of the KPIs issue, in Chromium against the running platform: a ministry agent (demo account)
// opens /tableau-de-bord (sent through /connexion and back), changes a filter (the page updates and the URL
// says so) and downloads the CSV export; the demo learner is refused with a 403 page. axe on each page;
// screenshots at 1280 and 390 px in tmp/screenshots/dashboard-*.png.
import { KPI_CSV_COLUMNS } from '@academie/contracts';
import { DEMO_ACCOUNTS } from '@academie/server-testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, seriousA11yViolations, webUrl } from './browser';

const screenshotDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tmp', 'screenshots');
const DASHBOARD_TITLE = 'Tableau de bord des indicateurs';

function demoAccount(role: 'ministry' | 'learner') {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.role === role);
  if (account === undefined) throw new Error(`no demo account with the role ${role}`);
  return account;
}

const url = (path: string) => new URL(path, webUrl()).toString();

async function screenshot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `dashboard-${name}.png`), fullPage: true });
  // The full page is tall: parts of it, a screen or two high, are easier to look at.
  const { width, height } = await page.evaluate(() => ({ width: document.documentElement.clientWidth, height: document.documentElement.scrollHeight }));
  const step = width > 600 ? 1400 : 1600;
  for (let y = 0, part = 1; y < height; y += step, part += 1) {
    await page.screenshot({ path: join(screenshotDir, `dashboard-${name}-${part}.png`), fullPage: true, clip: { x: 0, y, width, height: Math.min(step, height - y) } });
  }
}

/** Opens the dashboard signed out, checks the way to /connexion, signs in there and comes back. */
async function signInThroughDashboard(page: Page, email: string, password: string) {
  await page.goto(url('/tableau-de-bord'), { waitUntil: 'networkidle' });
  try {
    await page.getByRole('heading', { level: 1, name: /Connexion/ }).waitFor({ timeout: 30_000 });
  } catch (error) {
    await screenshot(page, 'failed-sign-in');
    throw new Error(`no sign-in page at ${page.url()}: ${(await page.locator('main').innerText()).slice(0, 500)}`, { cause: error });
  }
  const current = new URL(page.url());
  expect(current.pathname).toBe('/connexion');
  expect(current.searchParams.get('retour')).toBe('/tableau-de-bord');
  await page.getByRole('textbox', { name: /^Adresse e-mail/ }).fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
}

describe('ministry dashboard', () => {
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await openPage(browser);
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('sends a signed-out visitor to /connexion, then shows the dashboard to the ministry agent', async () => {
    const ministry = demoAccount('ministry');
    await signInThroughDashboard(page, ministry.email, ministry.password);
    await page.getByRole('heading', { level: 1, name: DASHBOARD_TITLE }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/tableau-de-bord');
    expect(await page.title()).toBe(`${DASHBOARD_TITLE} - Académie de l'IA`);

    // Progress toward the goal, the trajectory, companies, breakdowns and regions.
    await page.getByRole('heading', { level: 2, name: /Objectif : 15.000.000 personnes formées/ }).waitFor();
    await page.getByRole('heading', { name: /^Trajectoire vers 15.000.000/ }).waitFor();
    await page.getByRole('progressbar', { name: /Part de l’objectif de 15.000.000/ }).waitFor();
    await page.getByRole('table', { name: /Entreprises touchées par catégorie/ }).waitFor();
    await page.getByRole('table', { name: /Personnes formées par public/ }).waitFor({ state: 'attached' });
    await page.getByRole('table', { name: /Classement des régions/ }).waitFor();
    expect(await page.getByRole('table', { name: /Classement des régions/ }).locator('tbody tr').count()).toBeGreaterThanOrEqual(18);
    await page.getByText('« < 10 » : le secret statistique').waitFor();
    await page.getByRole('link', { name: 'Tableau de bord' }).first().waitFor();
    await page.getByTestId('periode-resume').getByText(/toute la France, tous publics/).waitFor();

    // A chart's table can be shown to everyone.
    const toggle = page.getByRole('button', { name: 'Voir le tableau' }).first();
    await toggle.click();
    expect(await page.getByRole('button', { name: 'Masquer le tableau' }).first().getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('button', { name: 'Masquer le tableau' }).first().click();

    await page.evaluate(() => document.fonts.ready);
    await screenshot(page, 'desktop');
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 60_000);

  it('changes a filter: the figures are fetched again and the URL carries the filter', async () => {
    const refreshed = page.waitForResponse(
      (response) => response.url().includes('/api/kpi/timeseries') && response.url().includes('audience=apprenti') && response.ok(),
    );
    const breakdown = page.waitForResponse(
      (response) => response.url().includes('/api/kpi/breakdown') && response.url().includes('by=region') && response.url().includes('audience=apprenti'),
    );
    await page.getByLabel('Public', { exact: true }).selectOption('apprenti');
    await Promise.all([refreshed, breakdown]);
    expect(new URL(page.url()).searchParams.get('public')).toBe('apprenti');
    await page.getByTestId('periode-resume').getByText(/Public : Apprenti ou apprentie/).waitFor();
    // The audience breakdown is not filtered on itself, and says so.
    await page.getByText('Le filtre « Public » ne s’applique pas à cette ventilation').first().waitFor();

    // The URL alone gives the same view (reload), and the back button the previous one.
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByTestId('periode-resume').getByText(/Public : Apprenti ou apprentie/).waitFor();
    expect(await page.getByLabel('Public', { exact: true }).inputValue()).toBe('apprenti');
    await page.goBack();
    await page.getByTestId('periode-resume').getByText(/tous publics/).waitFor();
    await page.goForward();
    await page.getByTestId('periode-resume').getByText(/Public : Apprenti ou apprentie/).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 60_000);

  it('downloads the CSV export with its documented header', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger les indicateurs (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('academie-ia-indicateurs.csv');
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, total] = text.slice(1).split('\r\n');
    expect(header).toBe(KPI_CSV_COLUMNS.join(','));
    expect(total?.startsWith('total,')).toBe(true);
    await page.getByText('Fichier academie-ia-indicateurs.csv téléchargé.').waitFor();
  }, 30_000);

  it('fits a 390 px wide screen', async () => {
    const mobile = await openPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      const ministry = demoAccount('ministry');
      await signInThroughDashboard(mobile, ministry.email, ministry.password);
      await mobile.getByRole('heading', { level: 1, name: DASHBOARD_TITLE }).waitFor({ timeout: 15_000 });
      await mobile.getByRole('table', { name: /Classement des régions/ }).waitFor({ timeout: 15_000 });
      // No horizontal scrolling of the page itself.
      expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot(mobile, 'mobile');
    } finally {
      await mobile.context().close();
    }
  }, 60_000);

  it('raised no page error', () => {
    expect(pageErrors).toEqual([]);
  });
});

describe('dashboard refused to a learner', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await openPage(browser);
    page.setDefaultTimeout(15_000);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows a French 403 page and no KPI', async () => {
    const kpiCalls: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/kpi')) kpiCalls.push(request.url());
    });
    const learner = demoAccount('learner');
    await signInThroughDashboard(page, learner.email, learner.password);
    await page.getByRole('heading', { level: 1, name: 'Accès refusé' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/tableau-de-bord');
    await page.getByText('Erreur 403').waitFor();
    await page.getByText(/réservé aux agents du ministère/).waitFor();
    expect(await page.title()).toBe("Accès refusé - Académie de l'IA");
    expect(await page.getByRole('link', { name: 'Tableau de bord' }).count()).toBe(0);
    expect(kpiCalls).toEqual([]);
    await screenshot(page, 'learner-403');
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 60_000);
});
