// Acceptance 6 of the accounts issue, as a person does it in Chromium against the running platform:
// sign up, receive the verification e-mail, verify, sign in, set the profile, sign out, sign in again.
// Every page visited is checked with axe. E-mails are read from the platform's test SMTP server through
// `waitForMail` (e2e/support/mail.mjs).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { waitForMail } from '../support/mail.mjs';
import { launchChromium, openPage, seriousA11yViolations, webUrl } from './browser';

const screenshotDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tmp', 'screenshots');
const runId = process.env.E2E_RUN_ID ?? Date.now().toString(36);
const person = {
  firstName: 'Camille',
  lastName: 'Lefèvre',
  email: `camille.lefevre.${runId}@example.fr`,
  // 12 characters or more, not a common password, not built on the name or the address.
  password: 'Trois baleines bleues à Brest',
};

describe('account journey', () => {
  let browser: Browser;
  let page: Page;
  /** Failed requests and page errors; the journey's one expected failure (a wrong password) is allowed. */
  const problems: string[] = [];
  const expectedFailures = new Set<string>();

  const url = (path: string) => new URL(path, webUrl()).toString();
  const pathOf = () => new URL(page.url()).pathname;

  async function screenshot(name: string) {
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, `account-${name}.png`), fullPage: true });
  }

  async function expectAccessible() {
    expect(await seriousA11yViolations(page)).toEqual([]);
  }

  async function signIn(email: string, password: string) {
    await page.getByRole('textbox', { name: /^Adresse e-mail/ }).fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  }

  beforeAll(async () => {
    browser = await launchChromium();
    page = await openPage(browser);
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      const key = `${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`;
      if (response.status() >= 400 && !expectedFailures.has(key)) problems.push(`HTTP ${key}`);
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('signs up with a first name, a last name, an e-mail address and a password', async () => {
    await page.goto(url('/'), { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: 'Créer un compte' }).first().click();
    await page.getByRole('heading', { level: 1, name: /Création de compte/ }).waitFor();
    expect(pathOf()).toBe('/inscription');
    await expectAccessible();

    // Submitting the empty form explains each field and puts the focus on the first one.
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByText('Saisissez votre prénom.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('autocomplete'))).toBe('given-name');
    expect(await page.title()).toMatch(/^Erreur/);
    await expectAccessible();

    await page.getByLabel('Prénom').fill(person.firstName);
    await page.getByLabel('Nom', { exact: true }).fill(person.lastName);
    await page.getByRole('textbox', { name: /^Adresse e-mail/ }).fill(person.email);
    // The label of a new password carries a hint: « Mot de passe Une phrase de plusieurs mots… ».
    await page.getByLabel(/^Mot de passe/).fill(person.password);
    await page.getByRole('button', { name: 'Créer mon compte' }).click();

    await page.getByRole('heading', { level: 1, name: 'Vérifiez votre boîte mail' }).waitFor();
    await page.getByText(person.email).waitFor();
    await expectAccessible();
    await screenshot('signed-up');
  }, 60_000);

  it('receives the verification e-mail and verifies the address with its link', async () => {
    const mail = await waitForMail(person.email);
    expect(mail.subject).toMatch(/adresse e-mail/i);
    const link = /\/verifier-email\?token=[^\s"'<>]+/.exec(mail.text)?.[0];
    expect(link).toBeDefined();

    await page.goto(url(link ?? ''), { waitUntil: 'networkidle' });
    await page.getByText('Votre adresse e-mail est vérifiée').waitFor();
    await expectAccessible();
    await screenshot('verified');

    // The link is single use: opened again, it explains and offers to send a new one.
    const again = await openPage(browser);
    try {
      await again.goto(url(link ?? ''), { waitUntil: 'networkidle' });
      await again.getByText('Ce lien de vérification n’est plus valable').waitFor({ timeout: 15_000 });
      expect(await again.getByRole('button', { name: 'Renvoyer l’e-mail' }).count()).toBe(1);
    } finally {
      await again.context().close();
    }
  }, 90_000);

  it('signs in (a wrong password is refused plainly) and lands on the incomplete profile', async () => {
    await page.getByRole('link', { name: 'Se connecter' }).last().click();
    await page.getByRole('heading', { level: 1, name: /Connexion/ }).waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible();

    expectedFailures.add('401 POST /api/auth/login');
    await signIn(person.email, 'Pas le bon mot de passe du tout');
    await page.getByRole('heading', { name: 'Adresse e-mail ou mot de passe incorrect' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('connexion-alerte');
    await expectAccessible();
    expectedFailures.delete('401 POST /api/auth/login');

    await signIn(person.email, person.password);
    await page.waitForURL(url('/mon-profil'));
    await page.getByRole('heading', { level: 1, name: 'Mon profil' }).waitFor();
    await page.getByText('Complétez votre profil').waitFor();
    await page.getByText(`${person.firstName} ${person.lastName}`).waitFor();
    await page.getByText(person.email).waitFor();
    expect(await page.getByText('Vérifiée', { exact: true }).count()).toBe(1);
    // Signed in: the header offers the profile and signing out instead.
    await page.getByRole('button', { name: 'Se déconnecter' }).first().waitFor();
    await expectAccessible();
  }, 60_000);

  it('sets the profile and sees the audience it gives', async () => {
    // A SIREN whose check digit is wrong is refused on its field before anything is sent.
    await page.locator('label', { hasText: 'Je suis salarié ou salariée' }).click();
    await page.getByLabel('Nombre de salariés de l’entreprise qui vous emploie').selectOption('11');
    await page.getByLabel('Votre région').selectOption('53');
    await page.getByLabel('Secteur d’activité (facultatif)').selectOption('J');
    await page.getByLabel(/Numéro SIREN/).fill('130 025 266');
    await page.getByRole('button', { name: 'Enregistrer mon profil' }).click();
    await page.getByText(/Le numéro SIREN n’est pas valide/).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('profil-siren');
    await expectAccessible();

    await page.getByLabel(/Numéro SIREN/).fill('130 025 265');
    await page.getByRole('button', { name: 'Enregistrer mon profil' }).click();
    await page.getByRole('heading', { name: 'Votre profil est enregistré' }).waitFor();
    await page.getByText('« Petite ou moyenne entreprise (10 à 249 personnes) »').first().waitFor();
    await expectAccessible();
    await screenshot('profile-saved');

    // After a reload the session comes back from the refresh cookie, and the profile from the API.
    await page.reload({ waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: 'Mon profil' }).waitFor();
    expect(await page.getByLabel('Je suis salarié ou salariée').isChecked()).toBe(true);
    expect(await page.getByLabel('Votre région').inputValue()).toBe('53');
    expect(await page.getByLabel(/Numéro SIREN/).inputValue()).toBe('130025265');
    expect(await page.getByText('Complétez votre profil').count()).toBe(0);
  }, 60_000);

  it('signs out: the session is gone, the profile asks to sign in', async () => {
    await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await page.waitForURL(url('/'));
    await page.getByRole('link', { name: 'Se connecter' }).first().waitFor();

    await page.goto(url('/mon-profil'), { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: /Connexion/ }).waitFor();
    expect(new URL(page.url()).searchParams.get('retour')).toBe('/mon-profil');
  }, 60_000);

  it('signs in again and, the profile being complete, goes home', async () => {
    await page.goto(url('/'), { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: 'Se connecter' }).first().click();
    await page.getByRole('heading', { level: 1, name: /Connexion/ }).waitFor();
    await signIn(person.email, person.password);
    await page.waitForURL(url('/'));
    await page.getByRole('link', { name: 'Mon profil' }).first().waitFor();
    await expectAccessible();
    await screenshot('signed-in-home');
  }, 60_000);

  it('stays free of page errors and unexpected failed requests', () => {
    expect(problems).toEqual([]);
  });
});

describe('account pages, signed out', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await openPage(browser, { viewport: { width: 390, height: 844 } });
    page.setDefaultTimeout(15_000);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it.each([
    ['/connexion', /Connexion/],
    ['/inscription', /Création de compte/],
    ['/mot-de-passe-oublie', /Mot de passe oublié/],
    ['/reinitialiser-mot-de-passe?token=invalide', /nouveau mot de passe/],
    ['/verifier-email?token=invalide', /Vérification/],
  ])('%s has a title, a heading and no serious accessibility violation on a phone', async (path, heading) => {
    await page.goto(new URL(path, webUrl()).toString(), { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    expect(await page.title()).toContain("Académie de l'IA");
    expect(await seriousA11yViolations(page)).toEqual([]);
  }, 30_000);
});
