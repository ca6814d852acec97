// Certificates end to end with the real worker process (built by `npm run test:int`): a completion becomes a
// certificate, an e-mail and a notification, with a credential the API's JWKS verifies; an issuance that keeps
// failing exhausts its retries, shows in the administrators' failed jobs with its error, and is retried from there.
import 'reflect-metadata';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import type { CertificateVerification, ErrorBody, FailedJobsResponse, NotificationList, RetryJobResponse } from '@academie/contracts';
import {
  type MailCapture,
  TEST_CREDENTIAL_KEY,
  type TestApi,
  createTestUser,
  errorFormat,
  eventually,
  findLink,
  startMailCapture,
  startTestApi,
} from '@academie/server-testing';
import { createApiApp } from '../bootstrap';
import { type Completion, type PublishedCourse, publishedCourses } from './certification-kit';

const PUBLIC_BASE_URL = 'https://academie.test';
const WORKER = join(process.cwd(), 'dist/server/apps/worker/src/main.js');

let t: TestApi<Awaited<ReturnType<typeof createApiApp>>>;
let smtp: MailCapture;
let worker: ChildProcess;
let workerOutput = '';
let courses: PublishedCourse[];
let adminToken: string;
let learnerToken: string;

beforeAll(async () => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run the integration tests through npm run test:int (it builds the server)`);
  smtp = await startMailCapture();
  t = await startTestApi(createApiApp, { seed: true, overrides: { PUBLIC_BASE_URL } });
  courses = await publishedCourses(t.db);
  const admin = await createTestUser(t.db, { roles: ['admin'] });
  const learner = await createTestUser(t.db);
  adminToken = (await t.api.login(admin.email, admin.password)).accessToken;
  learnerToken = (await t.api.login(learner.email, learner.password)).accessToken;
  worker = spawn(process.execPath, [WORKER], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: t.databaseUrl,
      REDIS_URL: t.config.REDIS_URL,
      REDIS_PREFIX: t.config.REDIS_PREFIX,
      SMTP_URL: smtp.url,
      PUBLIC_BASE_URL,
      CREDENTIAL_SIGNING_KEY: TEST_CREDENTIAL_KEY, // the API's: its JWKS verifies what the worker signs
      OUTBOX_RELAY_INTERVAL_MS: '100',
      JOB_RETRY_DELAY_MS: '20', // 8 attempts in about 5 s
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  worker.stdout?.on('data', (chunk: Buffer) => (workerOutput += chunk.toString()));
  worker.stderr?.on('data', (chunk: Buffer) => (workerOutput += chunk.toString()));
});

afterAll(async () => {
  if (worker && worker.exitCode === null) {
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.kill('SIGTERM');
    await exited;
  }
  await t?.close();
  await smtp?.close();
});

/** What the learning context writes: the enrollment's event, then the completion's; returns the completion's event id. */
async function complete(userId: string, course: PublishedCourse): Promise<{ completion: Completion; eventId: string }> {
  const completion: Completion = {
    enrollmentId: randomUUID(),
    userId,
    courseId: course.courseId,
    versionId: course.versionId,
    completedAt: new Date().toISOString(),
  };
  const { completedAt, ...rest } = completion;
  await t.db.query(`INSERT INTO outbox_event (type, payload) VALUES ('enrollment.created', $1)`, [JSON.stringify({ ...rest, enrolledAt: completedAt })]);
  const { rows } = await t.db.query(`INSERT INTO outbox_event (type, payload) VALUES ('course.completed', $1) RETURNING id`, [
    JSON.stringify(completion),
  ]);
  return { completion, eventId: String(rows[0].id) };
}

const withOutput = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    throw new Error(`${(error as Error).message}\nworker output:\n${workerOutput.slice(-3000)}`);
  }
};

describe('certificates through the real worker', () => {
  it('issues the certificate of a completion, e-mails the learner a link to it and notifies them; the API verifies its credential', async () => {
    const claire = await createTestUser(t.db, { firstName: 'Claire', lastName: 'Dupré' });
    const token = (await t.api.login(claire.email, claire.password)).accessToken;
    await complete(claire.id, courses[0]);
    const mail = await withOutput(() => smtp.waitFor((m) => m.envelopeTo.includes(claire.email) && /Votre certificat/.test(m.subject), 20_000));
    expect(mail.subject).toBe(`Votre certificat « ${courses[0].title} » – Académie de l'IA`);
    const link = findLink(mail.text, `${PUBLIC_BASE_URL}/verifier/`);
    if (!link) throw new Error('no verification link in the e-mail');
    const code = decodeURIComponent(link.slice(`${PUBLIC_BASE_URL}/verifier/`.length));

    const verification = await t.api.call<CertificateVerification>({ url: `/api/certificates/${code}` });
    expect(verification.body).toMatchObject({ status: 'valid', learnerName: 'Claire Dupré', course: { title: courses[0].title } });
    const notifications = await t.api.call<NotificationList>({ url: '/api/me/notifications', token });
    expect(notifications.body.items.map((n) => n.link)).toEqual([`/verifier/${code}`]);

    const jwt = (await t.api.call<string>({ url: `/api/certificates/${code}/credential` })).body;
    const jwks = createLocalJWKSet((await t.api.call<never>({ url: '/.well-known/jwks.json' })).body);
    const { payload } = await jwtVerify(jwt, jwks, { algorithms: ['RS256'], typ: 'vc+jwt' });
    expect(payload).toMatchObject({ type: ['VerifiableCredential', 'OpenBadgeCredential'] });
  });

  it('keeps an issuance that fails until its retries are exhausted, shows it to administrators with its error, and retries it from there', async () => {
    const ghost = randomUUID(); // a learner the database does not know (yet)
    const { eventId } = await complete(ghost, courses[1]);
    const jobId = `outbox-${eventId}`;

    const failed = await withOutput(() =>
      eventually(async () => {
        const list = await t.api.call<FailedJobsResponse>({ url: '/api/admin/jobs/failed', token: adminToken });
        return list.body.jobs.some((job) => job.jobId === jobId) ? list.body : undefined;
      }, 30_000, 200),
    );
    if (!failed) throw new Error('unreachable');
    expect(failed.jobs.find((job) => job.jobId === jobId)).toEqual({
      queue: 'outbox',
      jobId,
      name: 'outbox.deliver',
      data: { eventId },
      attemptsMade: 8,
      maxAttempts: 8,
      failedReason: `course.completed for an unknown learner ${ghost}`,
      failedAt: expect.any(String),
    });
    expect(failed.deliveries.filter((d) => d.eventId === eventId)).toEqual([
      {
        queue: 'outbox',
        jobId,
        eventId,
        eventType: 'course.completed',
        subscriber: 'certification',
        attempts: 8,
        lastError: `course.completed for an unknown learner ${ghost}`,
        eventCreatedAt: expect.any(String),
      },
    ]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM certificate WHERE user_id = $1`, [ghost])).rows[0].n).toBe(0);

    // The cause goes away (here: the account appears); an administrator retries the job.
    await t.db.query(
      `INSERT INTO app_user (id, email, email_verified_at, first_name, last_name) VALUES ($1, $2, now(), 'Gaspard', 'Revenu')`,
      [ghost, `ghost-${ghost}@test.academie-ia.fr`],
    );
    const retried = await t.api.call<RetryJobResponse>({ method: 'POST', url: `/api/admin/jobs/outbox/${jobId}/retry`, token: adminToken });
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ queue: 'outbox', jobId, state: 'waiting' });
    await withOutput(() =>
      eventually(async () => (await t.db.query(`SELECT count(*)::int AS n FROM certificate WHERE user_id = $1`, [ghost])).rows[0].n === 1, 20_000),
    );
    const after = await t.api.call<FailedJobsResponse>({ url: '/api/admin/jobs/failed', token: adminToken });
    expect(after.body.jobs.map((job) => job.jobId)).not.toContain(jobId);
    // The certification's delivery is recorded (other subscribers of the event have their own fate).
    expect(after.body.deliveries.filter((d) => d.subscriber === 'certification').map((d) => d.eventId)).not.toContain(eventId);
    const audit = await t.db.query(
      `SELECT actor_id IS NOT NULL AS by_someone, target_id, details->>'name' AS name FROM audit_log WHERE action = 'job.retried'`,
    );
    expect(audit.rows).toEqual([{ by_someone: true, target_id: `outbox/${jobId}`, name: 'outbox.deliver' }]);

    // Retrying a job that is not failed (any more) is a conflict.
    await eventually(async () => (await t.api.call({ method: 'POST', url: `/api/admin/jobs/outbox/${jobId}/retry`, token: adminToken })).status === 409);
  });

  it('guards the jobs routes and refuses what cannot be a queue or a job id', async () => {
    expect((await t.api.call({ url: '/api/admin/jobs/failed' })).status).toBe(401);
    expect((await t.api.call({ url: '/api/admin/jobs/failed', token: learnerToken })).status).toBe(403);
    expect((await t.api.call({ method: 'POST', url: '/api/admin/jobs/outbox/outbox-1/retry', token: learnerToken })).status).toBe(403);
    const limit = await t.api.call<ErrorBody>({ url: '/api/admin/jobs/failed?limit=0', token: adminToken });
    expect(errorFormat(limit.body, 400).details[0].field).toBe('limit');
    const queue = await t.api.call<ErrorBody>({ method: 'POST', url: '/api/admin/jobs/nowhere/outbox-1/retry', token: adminToken });
    expect(errorFormat(queue.body, 400).details).toEqual([{ field: 'queue', reason: expect.stringContaining('must be one of outbox') }]);
    for (const bad of ['123', 'a%3Ab']) {
      const response = await t.api.call<ErrorBody>({ method: 'POST', url: `/api/admin/jobs/outbox/${bad}/retry`, token: adminToken });
      expect(errorFormat(response.body, 400).details).toEqual([{ field: 'jobId', reason: 'must be a job id such as outbox-42' }]);
    }
    const unknown = await t.api.call<ErrorBody>({ method: 'POST', url: '/api/admin/jobs/outbox/outbox-999999999/retry', token: adminToken });
    expect(errorFormat(unknown.body, 404).details).toEqual([{ field: 'jobId', reason: 'unknown in this queue' }]);
  });
});
