// The web app with the keyboard alone (RGAA 7.3 and 12.13, WCAG 2.1.1, 2.1.2, 2.4.3 and 2.4.7), in Chromium against
// the running platform: signing in, the course player (from one lesson to the next and back through the syllabus),
// a quiz (a radio group with the arrow keys, checkboxes with Space, sent with Enter), the ministry dashboard (its
// filters with the arrow keys, a chart's table shown and hidden), and the studio (a draft course created, a module
// added). Nothing is clicked: every action is Tab, Shift+Tab, Enter, Space, an arrow key or typed text, and after
// each Tab the focused element is checked to be visible and to show its focus (an outline, on it or on the label
// that draws it), so that a keyboard trap, an unreachable control or an invisible focus fails the test.
import type { LessonInput } from '@academie/contracts';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, seriousA11yViolations, webUrl } from './browser';
import { DEMO_ACCOUNTS } from '@academie/server-testing';
import { type Learner, type PublishedCourse, demoAccount, enrollmentOf, publishCourse, registerLearner, signInThroughApi } from './learning-fixtures';

const runId = process.env.E2E_RUN_ID ?? Date.now().toString(36);
const STEP_TIMEOUT_MS = 60_000;

const LESSONS: LessonInput[] = [
  { kind: 'text', title: 'Lire avant de déléguer', durationMinutes: 3, text: { markdown: 'Un assistant **propose**, vous **décidez**.' } },
  { kind: 'text', title: 'Relire les chiffres', durationMinutes: 3, text: { markdown: 'Les chiffres cités par un assistant se **vérifient**.' } },
  {
    kind: 'quiz',
    title: 'Quiz au clavier',
    durationMinutes: 2,
    quiz: {
      passMark: 100,
      maxAttempts: 3,
      cooldownSeconds: 0,
      questions: [
        {
          id: 'q1',
          kind: 'true_false',
          prompt: 'Un texte bien tourné est forcément exact.',
          options: [
            { id: 'vrai', text: 'Vrai', correct: false, explanation: 'Non : la forme ne garantit pas le fond.' },
            { id: 'faux', text: 'Faux', correct: true, explanation: 'Exact : vérifiez les faits.' },
          ],
        },
        {
          id: 'q2',
          kind: 'multiple',
          prompt: 'Que vérifier avant d’envoyer ?',
          options: [
            { id: 'chiffres', text: 'Les chiffres', correct: true, explanation: 'Oui.' },
            { id: 'noms', text: 'Les noms propres', correct: true, explanation: 'Oui.' },
            { id: 'rien', text: 'Rien du tout', correct: false, explanation: 'Non.' },
          ],
        },
      ],
    },
  },
];

/** What the focused element is, as the tests read it. */
interface Focused {
  tag: string;
  id: string;
  type: string;
  name: string;
  /** Inside the viewport (the browser scrolls a focused element into view). */
  inView: boolean;
  /** An outline marks the focus: on the element, its ::before or ::after, or the label that draws a DSFR checkbox or radio. */
  indicated: boolean;
  checked: boolean | null;
  value: string | null;
  ariaExpanded: string | null;
}

/** The focused element, with its accessible name as far as the tests need it (aria-label, label, text, title). */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (element === null || element === document.body) {
      return { tag: 'body', id: '', type: '', name: '', inView: false, indicated: false, checked: null, value: null, ariaExpanded: null };
    }
    const input = element as HTMLInputElement;
    const label = element.id ? document.querySelector<HTMLElement>(`label[for="${CSS.escape(element.id)}"]`) : null;
    const labelledBy = element.getAttribute('aria-labelledby');
    const name = (
      element.getAttribute('aria-label') ??
      (labelledBy ? labelledBy.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : null) ??
      label?.textContent ??
      (element.textContent?.trim() || null) ??
      element.getAttribute('title') ??
      ''
    )
      .replace(/\s+/g, ' ')
      .trim();
    const outlined = (style: CSSStyleDeclaration) => style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
    // On the element, or on a pseudo-element that draws it (the DSFR's enlarged links outline their ::before).
    const indicated =
      outlined(getComputedStyle(element)) ||
      outlined(getComputedStyle(element, '::before')) ||
      outlined(getComputedStyle(element, '::after')) ||
      (label !== null && (outlined(getComputedStyle(label, '::before')) || outlined(getComputedStyle(label, '::after')) || outlined(getComputedStyle(label))));
    const box = (label ?? element).getBoundingClientRect();
    const ownBox = element.getBoundingClientRect();
    const inView =
      (box.width > 0 || ownBox.width > 0) &&
      Math.max(box.bottom, ownBox.bottom) > 0 &&
      Math.min(box.top, ownBox.top) < window.innerHeight &&
      Math.max(box.right, ownBox.right) > 0 &&
      Math.min(box.left, ownBox.left) < window.innerWidth;
    return {
      tag: element.tagName.toLowerCase(),
      id: element.id,
      type: input.type ?? '',
      name,
      inView,
      indicated,
      checked: input.type === 'checkbox' || input.type === 'radio' ? input.checked : null,
      value: 'value' in input && typeof input.value === 'string' ? input.value : null,
      ariaExpanded: element.getAttribute('aria-expanded'),
    };
  });
}

function describeFocus(f: Focused): string {
  return `<${f.tag}${f.id ? ` id=${f.id}` : ''}${f.type ? ` type=${f.type}` : ''}> « ${f.name.slice(0, 80)} »`;
}

/**
 * Presses `key` (Tab, or Shift+Tab) until the focused element matches, checking at each stop that the focus is
 * visible; fails with the path taken if it is not reached within `max` presses (unreachable, or a trap).
 */
async function tabTo(page: Page, matches: (f: Focused) => boolean, { key = 'Tab', max = 80 }: { key?: 'Tab' | 'Shift+Tab'; max?: number } = {}): Promise<Focused> {
  const path: string[] = [];
  for (let presses = 1; presses <= max; presses += 1) {
    await page.keyboard.press(key);
    const now = await focused(page);
    path.push(describeFocus(now));
    if (now.tag !== 'body') {
      expect({ focus: describeFocus(now), inView: now.inView, indicated: now.indicated }).toEqual({ focus: describeFocus(now), inView: true, indicated: true });
    }
    if (matches(now)) return now;
  }
  throw new Error(`not reached with ${key} in ${max} presses; went through:\n  ${path.join('\n  ')}`);
}

const named = (name: string | RegExp) => (f: Focused) => (typeof name === 'string' ? f.name === name : name.test(f.name));

/** Waits until the element with this id has the focus (the app moves it after a navigation or an answer). */
async function focusMovesTo(page: Page, id: string): Promise<void> {
  await page.waitForFunction((target) => document.activeElement?.id === target, id);
}

/** Signs in on /connexion?retour=<path> with the keyboard alone: Tab to each field, type, Enter on the button. */
async function signInWithKeyboard(page: Page, account: { email: string; password: string }, path: string): Promise<void> {
  await page.goto(new URL(`/connexion?retour=${encodeURIComponent(path)}`, webUrl()).toString(), { waitUntil: 'domcontentloaded' });
  await page.getByRole('heading', { level: 1, name: /Connexion/ }).waitFor();
  await tabTo(page, (f) => f.tag === 'input' && f.type === 'email');
  await page.keyboard.type(account.email);
  await tabTo(page, (f) => f.tag === 'input' && f.type === 'password', { max: 3 });
  await page.keyboard.type(account.password);
  await tabTo(page, named('Se connecter'), { max: 6 });
  const answered = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/auth/login');
  await page.keyboard.press('Enter');
  expect((await answered).status()).toBe(200);
  await page.waitForURL((address) => address.pathname === path);
}

describe('keyboard only', () => {
  let browser: Browser;
  let page: Page;
  let course: PublishedCourse;
  let learner: Learner;
  const problems: string[] = [];

  const lessonPath = (index: number) => `/apprendre/${course.slug}/lecons/${course.lessonIds[index]}`;
  const expectAccessible = async () => expect(await seriousA11yViolations(page)).toEqual([]);

  async function newPerson(): Promise<void> {
    await page?.context().close();
    page = await openPage(browser);
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      // A 401 before the session is restored from its cookie is how the page learns it must refresh.
      if (response.status() >= 400 && response.status() !== 401) problems.push(`HTTP ${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
    });
  }

  beforeAll(async () => {
    browser = await launchChromium();
    [course, learner] = await Promise.all([
      publishCourse(`e2e-clavier-${runId}`, `Vérifier au clavier (${runId})`, LESSONS),
      registerLearner(runId, 'clavier', 'Noa', 'Guillou'),
    ]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  describe('course player and quiz', () => {
    it('signs in, enrolls and moves from one lesson to the next with Tab and Enter', async () => {
      await newPerson();
      await signInWithKeyboard(page, learner, `/apprendre/${course.slug}`);
      await page.getByRole('heading', { level: 1, name: course.title }).waitFor();

      await tabTo(page, named('S’inscrire à ce cours'));
      await page.keyboard.press('Enter');
      await page.waitForURL((address) => address.pathname === lessonPath(0));
      await page.getByRole('heading', { level: 1, name: LESSONS[0]?.title }).waitFor();

      // The text lesson: « J'ai terminé, leçon suivante » with Enter; the focus goes to the next lesson's title.
      await tabTo(page, named('J’ai terminé, leçon suivante'));
      await page.keyboard.press('Enter');
      await page.waitForURL((address) => address.pathname === lessonPath(1));
      await focusMovesTo(page, 'lecon-titre');
      expect(await page.locator('#lecon-titre').textContent()).toBe(LESSONS[1]?.title);
      await expectAccessible();
    }, 300_000);

    it('goes back to the first lesson through the syllabus, with Shift+Tab, then forward again', async () => {
      // From the title, backwards: the syllabus comes before the lesson in the reading order.
      await tabTo(page, (f) => f.tag === 'a' && f.name.startsWith(LESSONS[0]?.title ?? '-'), { key: 'Shift+Tab' });
      await page.keyboard.press('Enter');
      await page.waitForURL((address) => address.pathname === lessonPath(0));
      await focusMovesTo(page, 'lecon-titre');
      expect(await page.locator('#lecon-titre').textContent()).toBe(LESSONS[0]?.title);

      await tabTo(page, (f) => f.tag === 'a' && f.name.startsWith('Leçon suivante'));
      await page.keyboard.press('Enter');
      await page.waitForURL((address) => address.pathname === lessonPath(1));
      await focusMovesTo(page, 'lecon-titre');
      await tabTo(page, named('J’ai terminé, leçon suivante'));
      await page.keyboard.press('Enter');
      await page.waitForURL((address) => address.pathname === lessonPath(2));
      await focusMovesTo(page, 'lecon-titre');
      expect(await page.locator('#lecon-titre').textContent()).toBe(LESSONS[2]?.title);
    }, 300_000);

    it('answers the quiz: arrow keys in the radio group, Space on the checkboxes, Enter to send', async () => {
      // Tab enters the radio group on its first option; the arrow keys move within it and choose.
      const first = await tabTo(page, (f) => f.type === 'radio');
      expect(first).toMatchObject({ name: 'Vrai', checked: false });
      await page.keyboard.press('ArrowDown');
      expect(await focused(page)).toMatchObject({ type: 'radio', name: 'Faux', checked: true, indicated: true });
      // One Tab leaves the group for the next question.
      expect(await tabTo(page, () => true, { max: 1 })).toMatchObject({ type: 'checkbox', name: 'Les chiffres', checked: false });
      await page.keyboard.press('Space');
      expect(await focused(page)).toMatchObject({ name: 'Les chiffres', checked: true });
      expect(await tabTo(page, () => true, { max: 1 })).toMatchObject({ type: 'checkbox', name: 'Les noms propres' });
      await page.keyboard.press('Space');
      // Shift+Tab goes back, and Space unticks and ticks again.
      expect(await tabTo(page, () => true, { key: 'Shift+Tab', max: 1 })).toMatchObject({ name: 'Les chiffres', checked: true });
      await page.keyboard.press('Space');
      await page.keyboard.press('Space');
      expect(await focused(page)).toMatchObject({ name: 'Les chiffres', checked: true });

      await tabTo(page, named('Valider mes réponses'), { max: 5 });
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Quiz réussi : 100 %' }).waitFor();
      await focusMovesTo(page, 'quiz-resultat');
      await expectAccessible();

      const detail = await enrollmentOf(await signInThroughApi(learner.email, learner.password), course.courseId);
      expect(detail.lessons.find((lesson) => lesson.kind === 'quiz')?.quiz).toMatchObject({ attempts: 1, passed: true, bestScore: 100 });
    }, 300_000);
  });

  describe('ministry dashboard', () => {
    it('changes a filter with the arrow keys, shows and hides a chart’s table, resets the filters', async () => {
      const ministry = DEMO_ACCOUNTS.find((account) => account.role === 'ministry');
      if (ministry === undefined) throw new Error('no demo ministry account');
      await newPerson();
      await signInWithKeyboard(page, ministry, '/tableau-de-bord');
      await page.getByRole('heading', { level: 1, name: 'Tableau de bord des indicateurs' }).waitFor();
      // Its figures arrive after the title: wait for the last of them, lest the page grow around the focus meanwhile.
      await page.getByRole('table', { name: /Classement des régions/ }).waitFor();

      const select = await tabTo(page, (f) => f.tag === 'select' && f.name === 'Public', { max: 120 });
      expect(select.value).toBe('');
      const refreshed = page.waitForResponse((response) => response.url().includes('/api/kpi/timeseries') && response.url().includes('audience=') && response.ok());
      await page.keyboard.press('ArrowDown');
      await refreshed;
      const chosen = (await focused(page)).value;
      expect(chosen).not.toBe('');
      await page.waitForURL((address) => address.searchParams.get('public') === chosen);
      // The page updated around the select without taking the focus away from it.
      expect(await focused(page)).toMatchObject({ tag: 'select', name: 'Public' });

      const toggle = await tabTo(page, named('Voir le tableau'), { max: 60 });
      expect(toggle.ariaExpanded).toBe('false');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.getAttribute('aria-expanded') === 'true');
      expect((await focused(page)).name).toBe('Masquer le tableau');
      await page.keyboard.press('Space');
      await page.waitForFunction(() => document.activeElement?.getAttribute('aria-expanded') === 'false');

      await tabTo(page, (f) => f.tag === 'button' && /Réinitialiser/.test(f.name), { key: 'Shift+Tab', max: 60 });
      await page.keyboard.press('Enter');
      await page.waitForURL((address) => !address.searchParams.has('public'));
      // The address changes first, the select on the render that follows: wait for that render, then check.
      const audience = page.getByLabel('Public', { exact: true });
      await audience.locator('option:checked[value=""]').waitFor({ state: 'attached', timeout: 10_000 });
      expect(await audience.inputValue()).toBe('');
      await expectAccessible();
    }, 300_000);
  });

  describe('studio', () => {
    it('creates a draft course and adds a module, with the keyboard alone', async () => {
      await newPerson();
      await signInWithKeyboard(page, demoAccount('trainer'), '/studio');
      await page.getByRole('heading', { level: 1, name: 'Studio des formateurs' }).waitFor();

      await tabTo(page, named('Créer une formation'));
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Créer une formation' }).waitFor();

      const title = `Le clavier d’abord (${runId})`;
      await tabTo(page, (f) => f.id === 'formation-titre');
      await page.keyboard.type(title);
      await tabTo(page, (f) => f.tag === 'textarea' && /^Résumé/.test(f.name));
      await page.keyboard.type('Une formation créée sans souris, pour vérifier que le studio se passe de la souris.');
      await tabTo(page, (f) => f.tag === 'input' && f.name.startsWith('Durée estimée'));
      await page.keyboard.type('15');
      await tabTo(page, (f) => f.type === 'checkbox' && f.name.startsWith('Très petite entreprise'));
      await page.keyboard.press('Space');
      expect((await focused(page)).checked).toBe(true);
      await tabTo(page, named('Créer la formation'), { max: 120 });
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByText(`La formation « ${title} » est créée.`, { exact: false }).waitFor();

      await tabTo(page, (f) => f.tag === 'input' && f.name === 'Titre du module', { max: 120 });
      await page.keyboard.type('Premiers réflexes');
      await tabTo(page, named('Ajouter le module'), { max: 3 });
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 3, name: 'Module 1 : Premiers réflexes' }).waitFor();
      await tabTo(page, (f) => f.tag === 'a' && f.name === 'Ajouter une leçon au module « Premiers réflexes »', { max: 60 });
      await expectAccessible();
    }, 300_000);
  });

  it('stays free of page errors and failed requests', () => {
    expect(problems).toEqual([]);
  });
});
