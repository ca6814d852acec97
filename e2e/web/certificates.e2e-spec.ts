// Acceptance of the certificates issue, in Chromium against the running platform: a learner completes a course
// (its last step, the quiz, in the browser), the in-app notification and « Mes attestations » show the certificate
// within 10 seconds; the PDF and the digital credential download; the share link is copied; the public
// verification page (by code, and by the credential file) says valid; once the demo administrator revoked it
// through the API, it says revoked. Every page is checked with axe and photographed at 1280 and 390 pixels.
import type { LessonInput, MyCertificateList } from '@academie/contracts';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, openPage, seriousA11yViolations, webUrl } from './browser';
import {
  type Learner,
  type PublishedCourse,
  api,
  demoAccount,
  eventually,
  publishCourse,
  registerLearner,
  screenshot,
  signInInBrowser,
  signInThroughApi,
} from './learning-fixtures';

const runId = process.env.E2E_RUN_ID ?? Date.now().toString(36);

const LESSONS: LessonInput[] = [
  { kind: 'text', title: 'Relire avant d’envoyer', durationMinutes: 5, text: { markdown: 'Un assistant peut inventer un chiffre : **relisez**.' } },
  {
    kind: 'quiz',
    title: 'Quiz : relire',
    durationMinutes: 2,
    quiz: {
      passMark: 100,
      questions: [
        {
          id: 'q1',
          kind: 'true_false',
          prompt: 'Il faut relire un texte rédigé par un assistant avant de l’envoyer.',
          options: [
            { id: 'vrai', text: 'Vrai', correct: true, explanation: 'Oui : il peut se tromper.' },
            { id: 'faux', text: 'Faux', correct: false, explanation: 'Si : relisez toujours.' },
          ],
        },
      ],
    },
  },
];

describe('certificates journey', () => {
  let browser: Browser;
  let page: Page;
  let context: BrowserContext;
  let course: PublishedCourse;
  let learner: Learner;
  let learnerToken: string;
  let verificationUrl: string;
  let code: string;
  let credentialFile: string;
  const problems: string[] = [];
  const expectedFailures = new Set<string>();

  const url = (path: string) => new URL(path, webUrl()).toString();
  const expectAccessible = async (target: Page = page) => expect(await seriousA11yViolations(target)).toEqual([]);

  const watch = (target: Page) => {
    target.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    target.on('response', (response) => {
      const key = `${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`;
      if (response.status() >= 400 && !expectedFailures.has(key)) problems.push(`HTTP ${key}`);
    });
  };

  beforeAll(async () => {
    browser = await launchChromium();
    [course, learner] = await Promise.all([
      publishCourse(`e2e-attestation-${runId}`, `Relire ce qu’écrit un assistant (${runId})`, LESSONS),
      registerLearner(runId, 'attestation', 'Dominique', 'Lefebvre'),
    ]);
    // Everything but the last step, through the API: enrolled, the text lesson read.
    learnerToken = await signInThroughApi(learner.email, learner.password);
    const enrolled = await api('/enrollments', { method: 'POST', token: learnerToken, body: { courseId: course.courseId } });
    expect(enrolled.status).toBe(201);
    const read = await api('/progress/events', {
      method: 'POST',
      token: learnerToken,
      body: { events: [{ eventId: randomUUID(), lessonId: course.lessonIds[0], type: 'completed', occurredAt: new Date().toISOString() }] },
    });
    expect(read.status).toBe(200);

    page = await openPage(browser, { acceptDownloads: true });
    context = page.context();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: webUrl() });
    page.setDefaultTimeout(15_000);
    watch(page);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('completes the course with its quiz, is notified, and finds the certificate on « Mes attestations » within 10 seconds', async () => {
    await page.goto(url(`/apprendre/${course.slug}/lecons/${course.lessonIds[1]}`), { waitUntil: 'networkidle' });
    await signInInBrowser(page, learner);
    await page.getByRole('heading', { level: 1, name: 'Quiz : relire' }).waitFor();
    await page.locator('label', { hasText: /^Vrai$/ }).click();
    await page.getByRole('button', { name: 'Valider mes réponses' }).click();
    await page.getByRole('heading', { name: 'Bravo, vous avez terminé ce cours !' }).waitFor();
    const completedAt = Date.now();

    // The in-app notification, under the header, and the count beside « Mes attestations »; its link opens the
    // certificate, all within 10 seconds of the completion.
    const notice = page.locator('.fr-notice').filter({ hasText: course.title });
    await notice.waitFor({ timeout: 10_000 });
    await page.getByRole('link', { name: /Mes attestations\s*Nouvelle/ }).waitFor();
    await screenshot(page, 'certificates-notification');
    await notice.getByRole('link', { name: 'Voir mes attestations' }).click();
    await page.waitForURL(url('/mes-attestations'));
    await page.getByRole('heading', { level: 2, name: course.title }).waitFor({ timeout: Math.max(1, completedAt + 10_000 - Date.now()) });
    expect(Date.now() - completedAt).toBeLessThanOrEqual(10_000);

    const list = await api<MyCertificateList>('/me/certificates', { token: learnerToken });
    const certificate = list.body.items.find((item) => item.course.id === course.courseId);
    expect(certificate?.status).toBe('valid');
    verificationUrl = certificate?.verificationUrl ?? '';
    code = certificate?.code ?? '';
    expect(verificationUrl).toBe(url(`/verifier/${code}`));

    await page.getByText('Valide', { exact: true }).waitFor();
    await page.getByText(code, { exact: true }).waitFor();
    // Seen: the notification is read, the notice and the count are gone.
    await eventually(async () => page.locator('.fr-notice').count(), (count) => count === 0);
    await page.getByRole('link', { name: 'Mes attestations', exact: true }).waitFor();
    await expectAccessible();
    await screenshot(page, 'certificates-mine');
  }, 60_000);

  it('downloads the PDF and the digital credential', async () => {
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^Télécharger l’attestation PDF/ }).click()]);
    expect(pdf.suggestedFilename()).toBe(`certificat-${code}.pdf`);
    const pdfPath = await pdf.path();
    expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const [credential] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Télécharger l’attestation numérique/ }).click(),
    ]);
    expect(credential.suggestedFilename()).toBe(`certificat-${code}.jwt`);
    credentialFile = await credential.path();
    expect(readFileSync(credentialFile, 'utf8').split('.')).toHaveLength(3);
  }, 60_000);

  it('copies the public verification link, and says « Copié »', async () => {
    const copy = page.getByRole('button', { name: /^Copier le lien de vérification/ });
    await copy.click();
    await page.getByRole('button', { name: 'Copié', exact: true }).waitFor();
    await page.getByText('Lien copié dans le presse-papiers.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(verificationUrl);
    await screenshot(page, 'certificates-copied');
  }, 30_000);

  it('shows the certificate valid on its public verification page, and checks the credential file', async () => {
    const visitor = await openPage(browser);
    try {
      visitor.setDefaultTimeout(15_000);
      watch(visitor);
      await visitor.goto(verificationUrl, { waitUntil: 'networkidle' });
      await visitor.getByRole('heading', { level: 2, name: 'Attestation valide' }).waitFor();
      await visitor.getByText(`${learner.firstName} ${learner.lastName}`, { exact: true }).waitFor();
      await visitor.getByText(new RegExp(`^${course.title.replace(/[()]/g, '\\$&')} \\(version 1, `)).waitFor();
      await visitor.getByRole('link', { name: /Télécharger l’attestation/ }).waitFor();
      expect(await visitor.title()).toBe("Attestation valide - Vérifier une attestation - Académie de l'IA");
      await expectAccessible(visitor);
      await screenshot(visitor, 'certificates-verify-valid');
      await visitor.setViewportSize({ width: 390, height: 844 });
      await expectAccessible(visitor);
      await screenshot(visitor, 'certificates-verify-valid-mobile');
      await visitor.setViewportSize({ width: 1280, height: 900 });

      await visitor.getByLabel(/Fichier de l’attestation numérique/).setInputFiles(credentialFile);
      await visitor.getByRole('heading', { name: 'Attestation numérique valide' }).waitFor();
      await visitor.getByLabel(/Adresse e-mail de la personne/).fill(learner.email.toUpperCase());
      await visitor.getByRole('button', { name: 'Vérifier l’adresse' }).click();
      await visitor.getByText('Cette adresse est bien celle de la personne à qui l’attestation a été délivrée.').waitFor();
      await expectAccessible(visitor);
      await screenshot(visitor, 'certificates-verify-credential');
    } finally {
      await visitor.context().close();
    }
  }, 60_000);

  it('shows it revoked once an administrator revoked it', async () => {
    const admin = demoAccount('admin');
    const adminToken = await signInThroughApi(admin.email, admin.password);
    const revoked = await api(`/admin/certificates/${code}/revoke`, { method: 'POST', token: adminToken, body: { reason: 'Test de bout en bout : révocation.' } });
    expect(revoked.status).toBe(200);

    const visitor = await openPage(browser);
    try {
      visitor.setDefaultTimeout(15_000);
      watch(visitor);
      await visitor.goto(verificationUrl, { waitUntil: 'networkidle' });
      await visitor.getByRole('heading', { level: 2, name: 'Attestation révoquée' }).waitFor();
      expect(await visitor.getByRole('link', { name: /Télécharger l’attestation/ }).count()).toBe(0);
      await expectAccessible(visitor);
      await screenshot(visitor, 'certificates-verify-revoked');

      // The credential's own status list says so too (within the API's few seconds of cache).
      await eventually(
        async () => {
          await visitor.getByLabel(/Fichier de l’attestation numérique/).setInputFiles(credentialFile);
          await visitor.getByRole('heading', { name: /^Attestation numérique (valide|révoquée)$/ }).waitFor();
          return visitor.getByRole('heading', { name: 'Attestation numérique révoquée' }).count();
        },
        (count) => count === 1,
        20_000,
      );
    } finally {
      await visitor.context().close();
    }

    await page.reload({ waitUntil: 'networkidle' });
    await page.getByText('Révoquée', { exact: true }).waitFor();
    expect(await page.getByRole('link', { name: /Télécharger l’attestation/ }).count()).toBe(0);
    await screenshot(page, 'certificates-mine-revoked');
  }, 60_000);

  it('says when no certificate has a code, and when a code cannot be one', async () => {
    const unknown = 'ZZZZ-ZZZZ-ZZZZ-ZZZZ';
    expectedFailures.add(`404 GET /api/certificates/${unknown.replace(/-/g, '')}`);
    await page.goto(url(`/verifier/${unknown.toLowerCase()}`), { waitUntil: 'networkidle' });
    await page.waitForURL(url(`/verifier/${unknown}`));
    await page.getByRole('heading', { level: 2, name: 'Aucune attestation ne correspond à ce code' }).waitFor();
    await expectAccessible();

    await page.goto(url('/verifier/pas-un-code'), { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 2, name: 'Ce code de vérification n’est pas valide' }).waitFor();
    // The form takes a code as printed, and opens its page.
    await page.getByLabel(/Code de vérification/).fill(code.toLowerCase().replace(/-/g, ' '));
    await page.getByRole('button', { name: 'Vérifier', exact: true }).click();
    await page.waitForURL(verificationUrl);
    await page.getByRole('heading', { level: 2, name: 'Attestation révoquée' }).waitFor();
  }, 60_000);

  it('shows the certificate pages on a phone, accessible', async () => {
    const phone = await openPage(browser, { viewport: { width: 390, height: 844 } });
    try {
      phone.setDefaultTimeout(15_000);
      watch(phone);
      await phone.goto(url('/verifier'), { waitUntil: 'networkidle' });
      await phone.getByRole('heading', { level: 1, name: 'Vérifier une attestation' }).waitFor();
      await expectAccessible(phone);
      await screenshot(phone, 'certificates-verify-form-mobile');

      await phone.goto(verificationUrl, { waitUntil: 'networkidle' });
      await phone.getByRole('heading', { level: 2, name: 'Attestation révoquée' }).waitFor();
      await expectAccessible(phone);
      await screenshot(phone, 'certificates-verify-revoked-mobile');

      await phone.goto(url('/mes-attestations'), { waitUntil: 'networkidle' });
      await signInInBrowser(phone, learner);
      await phone.getByRole('heading', { level: 2, name: course.title }).waitFor();
      await expectAccessible(phone);
      await screenshot(phone, 'certificates-mine-mobile');
    } finally {
      await phone.context().close();
    }
  }, 90_000);

  it('stays free of page errors and unexpected failed requests', () => {
    expect(problems).toEqual([]);
  });
});
