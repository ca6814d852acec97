// The home page as a visitor sees it, in Chromium, against the running web server (which serves the
// build and proxies /api to the API, itself on a seeded database). E2E_WEB_URL is set by the e2e
// global setup.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, seriousA11yViolations, webUrl } from './browser';

const SEEDED_COURSE_TITLE = "Découvrir l'IA générative pour sa TPE";
const screenshotDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tmp', 'screenshots');

describe('home page', () => {
  let browser: Browser;
  let page: Page;
  const requested: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await openPage(browser);
    page.on('request', (request) => requested.push(request.url()));
    // A CSP violation, a missing asset or an uncaught exception shows up here.
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
    });

    await page.goto(webUrl(), { waitUntil: 'networkidle' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the catalogue heading and the seeded course', async () => {
    const heading = page.getByRole('heading', { level: 1, name: "Se former à l'intelligence artificielle" });
    await heading.waitFor({ state: 'visible', timeout: 15_000 });

    const course = page.getByRole('heading', { level: 3, name: SEEDED_COURSE_TITLE });
    await course.waitFor({ state: 'visible', timeout: 15_000 });

    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.title()).toContain("Académie de l'IA");

    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, 'home.png'), fullPage: true });
  }, 30_000);

  it('uses the Marianne font served by the site itself', async () => {
    await page.evaluate(() => document.fonts.ready);
    const loadedFamilies = await page.evaluate(() =>
      [...document.fonts].filter((face) => face.status === 'loaded').map((face) => face.family),
    );
    expect(loadedFamilies.some((family) => family.replace(/["']/g, '') === 'Marianne')).toBe(true);

    const origin = new URL(webUrl()).origin;
    const fonts = requested.filter((url) => /Marianne-[\w-]+\.woff2(\?|$)/.test(url));
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((url) => new URL(url).origin === origin)).toBe(true);
  });

  it('has no serious or critical accessibility violation (axe, WCAG 2.2 AA)', async () => {
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 30_000);

  it('offers to sign in and to create an account', async () => {
    await page.getByRole('link', { name: 'Se connecter' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.getByRole('link', { name: 'Créer un compte' }).count()).toBeGreaterThan(0);
  });

  it('sends no request to another host', () => {
    const origin = new URL(webUrl()).origin;
    const foreign = requested.filter((url) => {
      const { protocol } = new URL(url);
      return protocol !== 'data:' && protocol !== 'blob:' && new URL(url).origin !== origin;
    });
    expect(requested.length).toBeGreaterThan(0);
    expect(foreign).toEqual([]);
  });

  it('loads without console errors, failed requests or page errors', () => {
    expect(problems).toEqual([]);
  });
});
