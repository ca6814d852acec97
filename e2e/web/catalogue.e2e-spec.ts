// Acceptance 1 of the « Catalogue and trainer studio » issue, as people do it in Chromium against the running
// platform: a trainer (demo account formateur) creates a course with a text lesson, a video lesson and a quiz
// and submits it; a reviewer (demo relecteur) approves it; a learner (demo apprenant) finds it by typing two
// French words without their accents. The catalogue, course, studio and review pages are checked with axe.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, openPage, seriousA11yViolations, webUrl } from './browser';

const screenshotDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tmp', 'screenshots');

/** A made-up word, new on each run, that only this run's course contains (letters only: one search token). */
function inventedWord(): string {
  const consonants = 'bdfglmnprstvz';
  const vowels = 'aeiou';
  let word = '';
  for (let i = 0; i < 5; i += 1) {
    word += consonants[Math.floor(Math.random() * consonants.length)] + vowels[Math.floor(Math.random() * vowels.length)];
  }
  return word;
}

const word = inventedWord();
const course = {
  title: `L'IA générative pour ${word[0].toUpperCase()}${word.slice(1)} et ses équipes`,
  summary: `Comprendre ce que l'IA générative change pour l'équipe ${word}, l'essayer sans risque et garder la main sur ses données.`,
};
const ACCOUNTS = {
  trainer: { email: 'formateur@demo.academie-ia.fr', password: 'Demo-Formateur-2030' },
  reviewer: { email: 'relecteur@demo.academie-ia.fr', password: 'Demo-Relecteur-2030' },
  learner: { email: 'apprenant@demo.academie-ia.fr', password: 'Demo-Apprenant-2030' },
};

describe('catalogue and trainer studio journey', () => {
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  const url = (path: string) => new URL(path, webUrl()).toString();
  const pathOf = () => new URL(page.url()).pathname;

  async function screenshot(name: string) {
    mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: join(screenshotDir, `catalogue-${name}.png`), fullPage: true });
  }

  async function expectAccessible() {
    expect(await seriousA11yViolations(page)).toEqual([]);
  }

  /** DSFR checkboxes and radio buttons are drawn by their label: click it, as a person does. */
  async function tick(input: Locator) {
    const id = await input.getAttribute('id');
    await page.locator(`label[for="${id}"]`).click();
  }

  /** A new person in a browser context of their own (their own cookies), signed in through the sign-in page. */
  async function signInAs(account: { email: string; password: string }, path: string) {
    await page?.context().close();
    page = await openPage(browser);
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
    });
    await page.goto(url(`/connexion?retour=${encodeURIComponent(path)}`), { waitUntil: 'networkidle' });
    await page.getByRole('textbox', { name: /^Adresse e-mail/ }).fill(account.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(account.password);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.waitForURL((current) => current.pathname === path);
  }

  /** The lessons of the course's first module, in their order on the studio page. */
  const lessonTitles = () => page.getByRole('region', { name: 'Module 1 : Premiers pas' }).locator('ol > li .fr-text--bold').allTextContents();

  /** Waits until `read` gives `expected` (the page updates after the API answered). */
  async function until<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    let value = await read();
    while (JSON.stringify(value) !== JSON.stringify(expected) && Date.now() < deadline) {
      await page.waitForTimeout(100);
      value = await read();
    }
    expect(value).toEqual(expected);
  }

  beforeAll(async () => {
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('lets a trainer create a course from the studio', async () => {
    await signInAs(ACCOUNTS.trainer, '/studio');
    await page.getByRole('heading', { level: 1, name: 'Studio des formateurs' }).waitFor();
    // The studio is in the trainer's main menu.
    expect(await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Studio' }).count()).toBe(1);
    await expectAccessible();
    await screenshot('studio');

    await page.getByRole('link', { name: 'Créer une formation' }).click();
    await page.getByRole('heading', { level: 1, name: 'Créer une formation' }).waitFor();
    // Submitting the empty form explains the fields and puts the focus on the first one.
    await page.getByRole('button', { name: 'Créer la formation' }).click();
    await page.getByText('Saisissez un titre de 3 à 200 caractères.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('formation-titre');
    expect(await page.title()).toMatch(/^Erreur/);
    await expectAccessible();

    await page.getByLabel('Titre de la formation').fill(course.title);
    // The address follows the title, without accents.
    expect(await page.getByLabel('Adresse de la formation').inputValue()).toBe(`l-ia-generative-pour-${word}-et-ses-equipes`);
    await page.getByLabel(/^Résumé/).fill(course.summary);
    await page.getByLabel('Durée estimée, en minutes').fill('30');
    await tick(page.getByRole('checkbox', { name: 'Très petite entreprise (moins de 10 personnes)' }));
    await tick(page.getByRole('checkbox', { name: 'Petite ou moyenne entreprise (10 à 249 personnes)' }));
    await tick(page.getByRole('checkbox', { name: 'Relation client' }));
    await page.getByRole('button', { name: 'Créer la formation' }).click();

    await page.getByRole('heading', { level: 1, name: course.title }).waitFor();
    expect(pathOf()).toMatch(/^\/studio\/formations\/[0-9a-f-]{36}$/);
    await page.getByText(`La formation « ${course.title} » est créée.`, { exact: false }).waitFor();
    expect(await page.getByText('Brouillon', { exact: true }).count()).toBeGreaterThan(0);
  }, 150_000);

  it('adds a module with a text lesson previewed by the server, a video lesson and a quiz', async () => {
    await page.getByLabel('Titre du module', { exact: true }).fill('Premiers pas');
    await page.getByRole('button', { name: 'Ajouter le module' }).click();
    await page.getByRole('heading', { level: 3, name: 'Module 1 : Premiers pas' }).waitFor();
    await expectAccessible();

    // Text lesson, with the Markdown rendered by the API's renderer.
    await page.getByRole('link', { name: 'Ajouter une leçon au module « Premiers pas »' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle leçon' }).waitFor();
    await page.getByLabel('Titre de la leçon').fill('Ce que fait une IA générative');
    await page.getByLabel('Durée, en minutes').fill('8');
    await page
      .getByLabel(/^Texte de la leçon/)
      .fill(`## Pourquoi s'y intéresser\n\nUne IA **générative** produit du texte.\n\n- rédiger\n- résumer\n\n<script>alert(1)</script>`);
    await page.getByRole('button', { name: 'Prévisualiser le texte' }).click();
    const preview = page.getByRole('region', { name: 'Aperçu, tel que les apprenants le verront' });
    await preview.getByRole('heading', { level: 2, name: "Pourquoi s'y intéresser" }).waitFor();
    expect(await preview.locator('strong').textContent()).toBe('générative');
    // Raw HTML is shown as text, never run.
    expect(await preview.locator('script').count()).toBe(0);
    await expectAccessible();
    await screenshot('studio-lecon-texte');
    await page.getByRole('button', { name: 'Enregistrer la leçon' }).click();
    await page.getByText('La leçon « Ce que fait une IA générative » est enregistrée.').waitFor();

    // Video lesson: an https address, and captions or a transcript, else it is refused on the field.
    await page.getByRole('link', { name: 'Ajouter une leçon au module « Premiers pas »' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle leçon' }).waitFor();
    await tick(page.getByRole('radio', { name: /^Vidéo/ }));
    await page.getByLabel('Titre de la leçon').fill('Une démonstration en vidéo');
    await page.getByLabel('Durée, en minutes').fill('6');
    await page.getByLabel('Adresse de la vidéo').fill('https://videos.academie-ia.example/demonstration.mp4');
    await page.getByRole('button', { name: 'Enregistrer la leçon' }).click();
    await page.getByText(/Ajoutez des sous-titres \(WebVTT\) ou une transcription/).first().waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lecon-video-captionsVtt');
    await page
      .getByLabel('Sous-titres au format WebVTT')
      .fill('WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nBonjour, voici une IA générative au travail.');
    await page.getByRole('textbox', { name: /^Transcription/ }).fill('Bonjour, voici une IA générative au travail : elle rédige un brouillon de réponse.');
    await expectAccessible();
    await screenshot('studio-lecon-video');
    await page.getByRole('button', { name: 'Enregistrer la leçon' }).click();
    await page.getByText('La leçon « Une démonstration en vidéo » est enregistrée.').waitFor();

    // Quiz: a single choice question and a true/false one, each option with its explanation; 70 % by default.
    await page.getByRole('link', { name: 'Ajouter une leçon au module « Premiers pas »' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouvelle leçon' }).waitFor();
    await tick(page.getByRole('radio', { name: /^Quiz/ }));
    await page.getByLabel('Titre de la leçon').fill('Vérifier ses acquis');
    await page.getByLabel('Durée, en minutes').fill('4');
    expect(await page.getByLabel(/^Seuil de réussite/).inputValue()).toBe('70');
    await page.getByLabel('Énoncé de la question 1').fill('Que produit une IA générative ?');
    await page.getByLabel('Texte de la réponse 1').fill('Du contenu nouveau : texte, image, son');
    await page.getByLabel('Texte de la réponse 2').fill('Uniquement des calculs exacts');
    await tick(page.getByRole('radio', { name: 'La réponse 1 est juste' }));
    await page.getByLabel('Explication de la réponse 1').fill('Elle génère des contenus à partir de ses données d’entraînement.');
    await page.getByLabel('Explication de la réponse 2').fill('Elle peut se tromper, même sur des calculs.');
    await page.getByRole('button', { name: 'Ajouter une question' }).click();
    await page.getByLabel('Type de question').nth(1).selectOption('true_false');
    await page.getByLabel('Énoncé de la question 2').fill('Il faut relire ce que produit une IA générative.');
    const answers = page.getByRole('group', { name: /^Réponses proposées à la question 2/ });
    await answers.getByLabel('Explication de la réponse 1').fill('Elle peut inventer des faits.');
    await answers.getByLabel('Explication de la réponse 2').fill('Ne pas relire, c’est prendre le risque d’une erreur.');
    await expectAccessible();
    await screenshot('studio-lecon-quiz');
    await page.getByRole('button', { name: 'Enregistrer la leçon' }).click();
    await page.getByText('La leçon « Vérifier ses acquis » est enregistrée.').waitFor();

    expect(await lessonTitles()).toEqual(['Ce que fait une IA générative', 'Une démonstration en vidéo', 'Vérifier ses acquis']);
  }, 180_000);

  it('reorders lessons with the keyboard-accessible « Monter » and « Descendre » buttons', async () => {
    const titles = lessonTitles;
    expect(await titles()).toEqual(['Ce que fait une IA générative', 'Une démonstration en vidéo', 'Vérifier ses acquis']);

    await page.getByRole('button', { name: 'Monter la leçon « Une démonstration en vidéo »' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Leçon « Une démonstration en vidéo » montée.').waitFor({ state: 'attached' });
    await until(titles, ['Une démonstration en vidéo', 'Ce que fait une IA générative', 'Vérifier ses acquis']);
    // At the top, « Monter » is disabled: the focus moved to « Descendre » of the same lesson.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Descendre la leçon « Une démonstration en vidéo »');
    await page.keyboard.press('Enter');
    await until(titles, ['Ce que fait une IA générative', 'Une démonstration en vidéo', 'Vérifier ses acquis']);
    await expectAccessible();
    await screenshot('studio-formation');
  }, 120_000);

  it('previews the whole course, answers included, then submits it for review', async () => {
    await page.getByRole('link', { name: 'Prévisualiser la formation' }).click();
    await page.getByRole('heading', { level: 1, name: course.title }).waitFor();
    await page.getByText('Explication : Elle génère des contenus à partir de ses données d’entraînement.').waitFor();
    await expectAccessible();
    await screenshot('studio-apercu');
    await page.getByRole('link', { name: 'Revenir à la formation' }).click();

    await page.getByRole('button', { name: 'Soumettre à la relecture' }).click();
    await page.getByRole('heading', { name: 'Formation soumise à la relecture' }).waitFor();
    await page.getByRole('heading', { name: 'Formation en relecture' }).waitFor();
    // In review, nothing can be changed any more.
    expect(await page.getByRole('button', { name: 'Ajouter le module' }).count()).toBe(0);
    await expectAccessible();

    await page.getByRole('link', { name: 'Studio', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Studio des formateurs' }).waitFor();
    const row = page.getByRole('article', { name: course.title });
    await row.getByText('Version 1 : en relecture').waitFor();
  }, 120_000);

  it('lets a reviewer read the submitted course and publish it (a rejection needs a comment)', async () => {
    await signInAs(ACCOUNTS.reviewer, '/relecture');
    await page.getByRole('heading', { level: 1, name: 'Relecture des formations' }).waitFor();
    await expectAccessible();
    await screenshot('relecture');

    await page.getByRole('link', { name: course.title }).click();
    await page.getByRole('heading', { level: 1, name: course.title }).waitFor();
    // The reviewer sees the answers and their explanations.
    await page.getByText('Explication : Ne pas relire, c’est prendre le risque d’une erreur.').waitFor();
    await expectAccessible();

    // Sending a course back without saying why is refused on the comment field.
    await tick(page.getByRole('radio', { name: /^Demander des modifications/ }));
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.getByText('Expliquez aux auteurs ce qu’ils doivent modifier (3 caractères au moins).').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('relecture-commentaire');
    await expectAccessible();
    await screenshot('relecture-formation');

    await tick(page.getByRole('radio', { name: /^Publier la formation/ }));
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await page.getByText(`La formation « ${course.title} » est publiée dans le catalogue.`).waitFor();
    expect(pathOf()).toBe('/relecture');
    expect(await page.getByRole('link', { name: course.title }).count()).toBe(0);
  }, 120_000);

  it('lets a learner find it by typing two French words without their accents', async () => {
    await signInAs(ACCOUNTS.learner, '/catalogue');
    await page.getByRole('heading', { level: 1, name: 'Catalogue des formations' }).waitFor();
    // The learner's audience (from the profile) is chosen by default, visibly.
    await page.getByText(/D'après votre profil, nous vous montrons les formations pour le public/).waitFor();
    expect(await page.getByRole('checkbox', { name: /^PME, 10 à 249 personnes/ }).isChecked()).toBe(true);
    await expectAccessible();

    await page.getByRole('searchbox', { name: /^Rechercher une formation/ }).fill(`generative ${word}`);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    const status = page.getByRole('status').filter({ hasText: 'trouvée' });
    await status.getByText(`1 formation trouvée pour « generative ${word} »`).waitFor();
    const result = page.getByRole('link', { name: course.title });
    await result.waitFor();
    // The search is in the address, to be shared.
    const address = new URL(page.url());
    expect(address.pathname).toBe('/catalogue');
    expect(address.searchParams.get('q')).toBe(`generative ${word}`);
    // Facet counts are shown beside the options.
    await page.getByText(/^Découverte \(1\)$/).waitFor();
    await expectAccessible();
    await screenshot('catalogue-recherche');

    // Every audience, the profile's set aside: still found.
    await page.getByRole('button', { name: 'Voir les formations de tous les publics' }).click();
    await page.waitForURL((current) => current.searchParams.get('audience') === 'tous');
    await status.getByText(`1 formation trouvée pour « generative ${word} »`).waitFor();

    await result.click();
    await page.getByRole('heading', { level: 1, name: course.title }).waitFor();
    expect(pathOf()).toBe(`/cours/l-ia-generative-pour-${word}-et-ses-equipes`);
    const programme = page.getByRole('region', { name: 'Programme' });
    await programme.getByText('Ce que fait une IA générative').waitFor();
    await programme.getByText('Une démonstration en vidéo').waitFor();
    await programme.getByText('Vérifier ses acquis').waitFor();
    // Learners never see the answers on the course page.
    expect(await page.getByText('Explication :').count()).toBe(0);

    // The turnkey solutions of its use case, marked as private offers, open in a new window that says so.
    const solutions = page.getByRole('region', { name: 'Solutions clés en main' });
    await solutions.getByText('Offre privée').first().waitFor();
    const offer = solutions.getByRole('link', { name: /^Voir l'offre .* \(nouvelle fenêtre\)$/ }).first();
    expect(await offer.getAttribute('target')).toBe('_blank');
    expect(await offer.getAttribute('rel')).toBe('noopener noreferrer');
    await expectAccessible();
    await screenshot('cours');
  }, 120_000);

  it('loads without page errors or failed requests', () => {
    expect(problems).toEqual([]);
  });
});
