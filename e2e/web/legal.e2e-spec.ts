// The legal pages a French public service must show, reached as a visitor does: from the DSFR footer of the home
// page (mentions légales, données personnelles, gestion des cookies, accessibilité), in Chromium against the
// running platform. Each page is checked with axe, for its title and its main contents; their text is a chunk of
// its own that the home page does not load.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, seriousA11yViolations, webUrl } from './browser';

const screenshotDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tmp', 'screenshots');

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(screenshotDir, `legal-${name}.png`), fullPage: true });
}

describe('legal pages, from the footer', () => {
  let browser: Browser;
  let page: Page;
  const requested: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await openPage(browser);
    page.setDefaultTimeout(60_000);
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('response', (response) => {
      // A 401 on the session refresh is how a signed-out visitor's page learns there is no session.
      if (response.status() >= 400 && response.status() !== 401) problems.push(`HTTP ${response.status()} ${response.url()}`);
    });
    await page.goto(webUrl(), { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1, name: "Se former à l'intelligence artificielle" }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  const footer = () => page.locator('#pied-de-page');

  it('the footer holds the four mandatory links, and the home page does not load their text', async () => {
    const links = footer().getByRole('link');
    const byName = async (name: string | RegExp) => links.filter({ hasText: name }).first().getAttribute('href');
    expect(await byName('Accessibilité : non conforme')).toBe('/accessibilite');
    expect(await byName('Mentions légales')).toBe('/mentions-legales');
    expect(await byName('Données personnelles')).toBe('/donnees-personnelles');
    expect(await byName('Gestion des cookies')).toBe('/donnees-personnelles#cookies');
    expect(requested.filter((path) => /legal-pages-[\w-]+\.js$/.test(path))).toEqual([]);
  }, 60_000);

  it('« Mentions légales »: publisher, publication director, host; placeholders say they are', async () => {
    await footer().getByRole('link', { name: 'Mentions légales' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mentions légales' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/mentions-legales');
    expect(await page.title()).toMatch(/^Mentions légales/);
    for (const heading of ['Éditeur', 'Directeur ou directrice de la publication', 'Hébergement', 'Réutilisation des contenus']) {
      await page.getByRole('heading', { level: 2, name: heading }).waitFor();
    }
    // Every value still to be given by the publisher is marked, and the page says so at the top.
    expect(await page.getByText('à confirmer', { exact: true }).count()).toBeGreaterThanOrEqual(5);
    await page.getByText(/Version provisoire/).waitFor();
    // The layout moved the focus to the main content, as after a page load.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('contenu');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'mentions-legales');
  }, 60_000);

  it('« Données personnelles »: purposes, legal bases, retention per kind of data, rights and where to exercise them', async () => {
    await footer().getByRole('link', { name: 'Données personnelles' }).click();
    await page.getByRole('heading', { level: 1, name: 'Données personnelles' }).waitFor();
    expect(await page.title()).toMatch(/^Données personnelles/);

    const bases = page.getByRole('table', { name: 'Finalités et bases légales' });
    await bases.getByRole('cell', { name: /Mission d’intérêt public/ }).waitFor();
    await bases.getByRole('cell', { name: /Votre consentement/ }).waitFor();

    const retention = page.getByRole('table', { name: 'Durées de conservation par catégorie de données' });
    const rowText = async (name: RegExp) => (await retention.getByRole('row', { name }).textContent()) ?? '';
    expect(await rowText(/Événements de progression/)).toContain('730 jours');
    expect(await rowText(/xAPI/)).toContain('1095 jours');
    expect(await rowText(/Journal des actions sensibles/)).toContain('365 jours');
    expect(await rowText(/E-mails envoyés/)).toContain('90 jours');
    expect(await rowText(/Compte et profil/)).toContain('suppression de votre compte');
    expect(await rowText(/Attestations/)).toContain('vérifier');
    expect(await rowText(/Indicateurs/)).toContain('moins de 10 personnes');

    // The rights that the profile page serves link to it.
    const rights = page.locator('ul').filter({ hasText: 'Accès et portabilité' });
    expect(await rights.getByRole('link', { name: 'Mon profil' }).count()).toBeGreaterThanOrEqual(2);
    expect(await rights.getByRole('link', { name: 'Mon organisation' }).count()).toBe(1);
    for (const right of ['Rectification', 'Opposition et limitation', 'Effacement']) await rights.getByText(right).waitFor();
    await page.getByRole('link', { name: /adresser une plainte à la CNIL \(nouvelle fenêtre\)/ }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'donnees-personnelles');
  }, 60_000);

  it('« Gestion des cookies » leads to the cookies section, scrolled into view with the focus on its heading', async () => {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await footer().getByRole('link', { name: 'Gestion des cookies' }).click();
    await page.waitForURL((address) => address.hash === '#cookies');
    const heading = page.getByRole('heading', { level: 2, name: 'Cookies et stockage dans votre navigateur' });
    await page.waitForFunction(() => document.activeElement?.id === 'cookies');
    // In the viewport (900 px high), give or take the half pixel of a scroll that aligns it with the top.
    const box = await heading.boundingBox();
    expect(box?.y ?? -10).toBeGreaterThanOrEqual(-2);
    expect(box?.y ?? Infinity).toBeLessThan(900);
    const cookies = page.getByRole('table', { name: 'Cookies et stockage local utilisés' });
    for (const name of ['academie_refresh', 'academie_csrf', 'academie_sso']) await cookies.getByRole('cell', { name, exact: true }).waitFor();

    // From another page too (the section comes with the page's chunk, after the navigation).
    await page.goto(new URL('/catalogue', webUrl()).toString(), { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await footer().getByRole('link', { name: 'Gestion des cookies' }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'cookies');
  }, 60_000);

  it('« Accessibilité »: the statement, non conforme, with the checks run, recourse and the multi-year plan', async () => {
    await footer().getByRole('link', { name: 'Accessibilité : non conforme' }).click();
    await page.getByRole('heading', { level: 1, name: 'Déclaration d’accessibilité' }).waitFor();
    expect(await page.title()).toMatch(/^Déclaration d’accessibilité/);
    await page.getByText(/est non conforme au référentiel général d’amélioration de l’accessibilité \(RGAA\)/).waitFor();
    await page.getByText(/aucun audit de conformité n’a encore été réalisé/).waitFor();
    for (const heading of [
      'État de conformité',
      'Résultats des tests',
      'Contenus non accessibles',
      'Retour d’information et contact',
      'Voies de recours',
      'Schéma pluriannuel de mise en accessibilité 2026-2028',
    ]) {
      await page.getByRole('heading', { level: 2, name: heading }).waitFor();
    }
    await page.getByText(/axe-core/).first().waitFor();
    await page.getByRole('heading', { level: 3, name: 'Dérogations pour charge disproportionnée' }).waitFor();
    await page.getByRole('link', { name: /formulaire en ligne du Défenseur des droits/ }).waitFor();
    const plan = page.getByRole('table', { name: 'Étapes du schéma pluriannuel' });
    expect(await plan.getByRole('row', { name: /^2027/ }).textContent()).toMatch(/Audit de conformité RGAA/);
    expect(await plan.getByRole('row', { name: /^2028/ }).textContent()).toMatch(/Correction des non-conformités/);
    await plan.getByRole('rowheader', { name: 'Chaque année' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'accessibilite');
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'accessibilite-mobile');
  }, 60_000);

  it('loads without console errors, failed requests or page errors', () => {
    expect(problems).toEqual([]);
  });
});
