// Acceptance of the administrators' console, in Chromium against the running platform: the demo administrator
// signs in from /administration, finds a learner, grants them the trainer role (confirmed) and sees it in the
// audit log; a delivery that genuinely failed in the real worker (a certificate for an account that did not exist)
// shows with its error and is retried once the account exists; the certificate it issues is found by its holder's
// e-mail address and revoked with a reason, and the public page /verifier/:code then says « révoquée ». Every tab of
// the console is checked with axe and photographed; a learner who is not an administrator is refused.
import type { AdminUserList, FailedJobsResponse } from '@academie/contracts';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { platformEnv } from '../support/processes.mjs';
import { launchChromium, openPage, seriousA11yViolations, webUrl } from './browser';
import { type Learner, api, demoAccount, eventually, registerLearner, screenshot, signInInBrowser, signInThroughApi } from './learning-fixtures';

const runId = process.env.E2E_RUN_ID ?? Date.now().toString(36);

describe('administration console', () => {
  let browser: Browser;
  let page: Page;
  let db: pg.Client;
  let outbox: Queue;
  let adminToken: string;
  let learner: Learner;
  const admin = demoAccount('admin');
  // The learner of the failed delivery: no account has this id until the test creates it.
  const ghostId = randomUUID();
  const ghostEmail = `admin-fantome.${runId}@example.fr`;
  let jobId: string;
  let certificateCode: string;
  let completion: { enrollmentId: string; userId: string; courseId: string; versionId: string; completedAt: string };
  const problems: string[] = [];

  const url = (path: string) => new URL(path, webUrl()).toString();
  const expectAccessible = async () => expect(await seriousA11yViolations(page)).toEqual([]);
  const notice = () => page.locator('#administration-message');
  const openTab = async (name: string, heading: string) => {
    await page.getByRole('navigation', { name: /Administration/ }).getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  };

  beforeAll(async () => {
    browser = await launchChromium();
    const env = platformEnv();
    db = new pg.Client({ connectionString: env.DATABASE_URL });
    db.on('error', () => undefined);
    await db.connect();
    const redis = new URL(env.REDIS_URL);
    outbox = new Queue('outbox', {
      connection: { host: redis.hostname, port: Number(redis.port || 6379), maxRetriesPerRequest: null },
      prefix: env.REDIS_PREFIX,
    });
    [learner, adminToken] = await Promise.all([
      registerLearner(runId, 'admin-cible', 'Camille', 'Fontaine'),
      signInThroughApi(admin.email, admin.password),
    ]);

    // A completion of a published course by a learner the database does not know: the certification subscriber
    // of the real worker fails on it. The event is marked relayed an hour ahead so that the relay leaves it to the
    // job added here, with one attempt (the platform's own retries would take minutes).
    const { rows: courses } = await db.query(
      `SELECT id, current_version_id FROM course WHERE status = 'published' ORDER BY published_at, id LIMIT 1`,
    );
    const course = courses[0] as { id: string; current_version_id: string };
    completion = { enrollmentId: randomUUID(), userId: ghostId, courseId: course.id, versionId: course.current_version_id, completedAt: new Date().toISOString() };
    const { rows } = await db.query(
      `INSERT INTO outbox_event (type, payload, enqueued_at) VALUES ('course.completed', $1, now() + interval '1 hour') RETURNING id`,
      [JSON.stringify(completion)],
    );
    const eventId = String(rows[0].id);
    jobId = `outbox-${eventId}`;
    await outbox.add('outbox.deliver', { eventId }, { jobId, attempts: 1, removeOnComplete: 100, removeOnFail: false });
    await eventually(
      async () => (await api<FailedJobsResponse>('/admin/jobs/failed', { token: adminToken })).body,
      (failed) => failed.jobs?.some((job) => job.jobId === jobId) ?? false,
      30_000,
    );

    page = await openPage(browser);
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 500) problems.push(`HTTP ${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
    });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await outbox?.close();
    await db?.end();
  });

  it('sends a signed-out administrator through /connexion and back to the console', async () => {
    await page.goto(url('/administration'), { waitUntil: 'networkidle' });
    await page.waitForURL((current) => current.pathname === '/connexion');
    await signInInBrowser(page, admin);
    await page.waitForURL((current) => current.pathname === '/administration/utilisateurs');
    await page.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();
    // The header leads administrators to the console.
    await expect(page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Administration' }).count()).resolves.toBe(1);
    await expectAccessible();
    await screenshot(page, 'admin-users');
  });

  it('finds a learner, grants the trainer role after a confirmation, and shows it in the audit log', async () => {
    await page.getByRole('searchbox', { name: /Adresse e-mail ou nom/ }).fill(learner.email);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('heading', { name: `Comptes correspondant à « ${learner.email} »` }).waitFor();
    await page.getByRole('button', { name: 'Gérer le compte de Camille Fontaine' }).click();
    await page.getByRole('heading', { level: 2, name: 'Camille Fontaine' }).waitFor();
    await page.getByRole('combobox', { name: 'Rôle à accorder' }).selectOption({ label: 'Formateur' });
    await page.getByRole('button', { name: 'Accorder le rôle' }).click();
    // The question takes the focus; nothing changes before « Confirmer ».
    const question = page.getByText('Accorder le rôle « Formateur » à Camille Fontaine ?');
    await question.waitFor();
    await expect(question.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await expectAccessible();
    await screenshot(page, 'admin-users-confirm');
    await page.getByRole('button', { name: 'Confirmer', exact: true }).click();
    await notice().getByText('Rôle « Formateur » accordé à Camille Fontaine.').waitFor();
    await expect(notice().evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await page.getByRole('button', { name: 'Retirer le rôle Formateur' }).waitFor();
    const found = await api<AdminUserList>(`/admin/users?q=${encodeURIComponent(learner.email)}`, { token: adminToken });
    expect(found.body.items[0]?.roles).toEqual(['learner', 'trainer']);
    await screenshot(page, 'admin-users-granted');

    await page.getByRole('link', { name: 'Voir le journal d’audit de ce compte' }).click();
    await page.getByRole('heading', { level: 1, name: 'Journal d’audit' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Rôle accordé' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(admin.email);
    await expect(row.textContent()).resolves.toContain('rôle : Formateur');
    // The filters: by action, and a date range that excludes today shows nothing.
    await page.getByRole('combobox', { name: 'Action' }).selectOption({ label: 'Rôle accordé' });
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL((current) => current.searchParams.get('action') === 'role.granted');
    await page.getByRole('row').filter({ hasText: 'Rôle accordé' }).first().waitFor();
    await expectAccessible();
    await screenshot(page, 'admin-audit');
    await page.getByRole('textbox', { name: /^Au\b/ }).fill('2020-01-31');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.getByRole('heading', { name: 'Aucune entrée ne correspond' }).waitFor();
  });

  it('shows the failed job with its error and retries it once its cause is fixed', async () => {
    await openTab('Tâches en échec', 'Tâches en échec');
    const job = page.getByRole('article').filter({ has: page.getByRole('heading', { name: new RegExp(jobId) }) });
    await job.waitFor();
    await expect(job.textContent()).resolves.toContain(`course.completed for an unknown learner ${ghostId}`);
    await expectAccessible();
    await screenshot(page, 'admin-jobs');

    // The cause goes away: the account appears, with its enrollment (whose event the indicators count before the
    // completion's), as if they had been restored late.
    await db.query(`INSERT INTO app_user (id, email, email_verified_at, first_name, last_name) VALUES ($1, $2, now(), 'Gaspard', 'Revenu')`, [
      ghostId,
      ghostEmail,
    ]);
    const { completedAt, ...enrollment } = completion;
    const { rows } = await db.query(`INSERT INTO outbox_event (type, payload) VALUES ('enrollment.created', $1) RETURNING id`, [
      JSON.stringify({ ...enrollment, enrolledAt: completedAt }),
    ]);
    await eventually(
      async () => (await db.query(`SELECT processed_at IS NOT NULL AS closed FROM outbox_event WHERE id = $1`, [rows[0].id])).rows[0]?.closed as boolean,
      (closed) => closed,
      30_000,
    );
    await job.getByRole('button', { name: `Relancer la tâche ${jobId}` }).click();
    await notice().getByText(`Tâche ${jobId} relancée`).waitFor();
    const certificate = await eventually(
      async () => (await db.query(`SELECT code FROM certificate WHERE user_id = $1`, [ghostId])).rows as { code: string }[],
      (found) => found.length === 1,
      30_000,
    );
    certificateCode = certificate[0]?.code ?? '';
    // The job goes on to the event's other subscribers, then completes: it leaves the failed jobs.
    await eventually(
      () => outbox.getJobState(jobId),
      (state) => state === 'completed',
      30_000,
    );
    const after = await api<FailedJobsResponse>('/admin/jobs/failed', { token: adminToken });
    expect(after.body.jobs.map((failed) => failed.jobId)).not.toContain(jobId);
  });

  it('shows the outbox lag', async () => {
    await openTab('File d’événements', 'File d’événements');
    await page.getByText('Événements ouverts', { exact: true }).waitFor();
    await page.getByRole('table', { name: 'Files de tâches' }).waitFor();
    await expectAccessible();
    await screenshot(page, 'admin-outbox');
  });

  it('finds the certificate by its holder’s e-mail address and revokes it; the public page says revoked', async () => {
    await openTab('Attestations', 'Attestations');
    await page.getByRole('textbox', { name: /Code de vérification ou adresse e-mail/ }).fill(ghostEmail);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    const grouped = certificateCode.match(/.{4}/g)?.join('-') ?? certificateCode;
    const card = page.getByRole('article').filter({ has: page.getByRole('heading', { name: new RegExp(grouped) }) });
    await card.getByText('Valide', { exact: true }).waitFor();
    await card.getByRole('button', { name: `Révoquer l’attestation ${grouped}` }).click();
    await page.getByRole('textbox', { name: /Motif de la révocation/ }).fill('Attestation délivrée par erreur lors d’un test de la console');
    await expectAccessible();
    await screenshot(page, 'admin-certificates-confirm');
    await page.getByRole('button', { name: 'Révoquer l’attestation', exact: true }).click();
    await notice().getByText(`Attestation ${grouped} révoquée.`).waitFor();
    await card.getByText('Révoquée', { exact: true }).waitFor();
    await screenshot(page, 'admin-certificates-revoked');

    await card.getByRole('link', { name: /Page publique de vérification/ }).click();
    await page.waitForURL((current) => current.pathname === `/verifier/${grouped}`);
    await page.getByRole('heading', { name: 'Attestation révoquée' }).first().waitFor();
    await expectAccessible();
    await screenshot(page, 'admin-verify-revoked');
  });

  it('shows the solutions, the synonyms and the courses, accessible', async () => {
    await page.goto(url('/administration/catalogue'), { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: 'Solutions et synonymes' }).waitFor();
    await page.getByRole('table', { name: 'Solutions clés en main' }).waitFor();
    await expectAccessible();
    await screenshot(page, 'admin-catalogue');
    await openTab('Cours', 'Cours');
    await page.getByRole('table', { name: 'Cours' }).waitFor();
    await expectAccessible();
    await screenshot(page, 'admin-courses');

    // On a phone the console's menu folds into a button; the accounts table scrolls sideways, focusable.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url('/administration/utilisateurs'), { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();
    await page.getByRole('button', { name: 'Menu de l’administration' }).waitFor();
    await page.getByRole('table', { name: 'Comptes' }).waitFor();
    await expectAccessible();
    await screenshot(page, 'admin-users-mobile');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('refuses the console to a signed-in person who is not an administrator', async () => {
    const other = await openPage(browser);
    try {
      await other.goto(url('/administration/journal'), { waitUntil: 'networkidle' });
      await signInInBrowser(other, learner);
      await other.getByRole('heading', { level: 1, name: 'Accès réservé' }).waitFor();
      expect(await other.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    } finally {
      await other.context().close();
    }
    expect(problems).toEqual([]);
  });
});
