// Retention (docs/retention.md): the real worker (a process of dist/server) runs `retention.purge` after some data was
// aged past its period. What is past goes (progress events, audit entries, e-mails; xAPI statements no longer served),
// what is not stays, and no KPI moves: the overview is the same and the reconciliation finds no difference.
import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { type KpiOverviewResponse, QUEUES, type XapiStatementResult } from '@academie/contracts';
import type { AppConfig } from '@academie/server-core';
import { createDataSource } from '@academie/server-database';
import { reconcileKpis } from '@academie/server-reporting';
import { createTestDatabase, eventually, MemoryLogger, startWorkerProcess, testConfig } from '@academie/server-testing';
import { bootCatalogApi, stopCatalogApi } from '../catalog/catalog-boot';
import type { CatalogKit, TestUser } from '../catalog/catalog-kit';
import { LearningKit, type PublishedCourse, RIGHT_ANSWERS, ev, quiz, text } from '../learning/learning-kit';

let catalog: CatalogKit;
let kit: LearningKit;
let config: AppConfig;
let databaseUrl: string;
let worker: ChildProcess | undefined;
let redis: Redis;
let queue: Queue;
let course: PublishedCourse;
let admin: TestUser;
let ministry: TestUser;
const learners: { user: TestUser; enrollmentId: string }[] = [];
const mailDir = mkdtempSync(join(tmpdir(), 'retention-mail-'));

// Small batches: the purge of the aged events takes several statements.
const startWorker = (): ChildProcess =>
  startWorkerProcess({ databaseUrl, redisPrefix: config.REDIS_PREFIX, mailDir, env: { RETENTION_BATCH_SIZE: '100' } });

async function reconcile() {
  const source = createDataSource({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 2 });
  await source.initialize();
  try {
    return await reconcileKpis(source, { trigger: 'manual' });
  } finally {
    await source.destroy();
  }
}

async function overview(): Promise<Omit<KpiOverviewResponse, 'generatedAt'>> {
  const { generatedAt: _, ...rest } = await catalog.ok<KpiOverviewResponse>('GET', '/api/kpi/overview', ministry);
  return rest;
}

const statement = (id: string) => kit.request('GET', `/api/xapi/statements?statementId=${id}`, admin);
/** The job once finished (eventually retries while the check throws). */
const finished = (jobId: string) =>
  eventually(async () => {
    const job = await queue.getJob(jobId);
    if (!job?.finishedOn) throw new Error(`${jobId} not finished`);
    return job;
  }, 30_000);

const count = async (sql: string, params: unknown[] = []) => (await kit.db.query(sql, params)).rows[0].n as number;

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  config = testConfig({ DATABASE_URL: databaseUrl, KPI_CACHE_SECONDS: '0' });
  catalog = await bootCatalogApi(databaseUrl, config, new MemoryLogger('api'), false);
  kit = new LearningKit(catalog);
  course = await kit.publish([text('Lire'), text('Relire'), quiz('Vérifier')], 'Cours conservé');
  admin = await catalog.user(['admin']);
  ministry = await catalog.user(['ministry']);
  const [read, reread, check] = course.lessonIds;
  // Twelve learners who complete the course (certificates, trained persons), three who only start it.
  for (let i = 0; i < 15; i++) {
    const user = await kit.learner();
    const enrollmentId = (await kit.enroll(user, course.courseId)).id;
    const done = i < 12;
    await kit.sendOk(user, done ? [ev(read, 'started'), ev(read, 'completed'), ev(reread, 'completed'), ev(check, 'started')] : [ev(read, 'started')]);
    if (done) expect((await kit.attempt(user, check, RIGHT_ANSWERS)).status).toBe(201);
    learners.push({ user, enrollmentId });
  }
  redis = new Redis({ maxRetriesPerRequest: null });
  queue = new Queue(QUEUES.scheduled, { connection: redis, prefix: config.REDIS_PREFIX });
  worker = startWorker();
  // The worker delivers every event: certificates issued, KPIs counted, e-mails sent.
  await eventually(async () => (await count(`SELECT count(*)::int AS n FROM certificate`)) === 12, 60_000, 200);
  await eventually(async () => (await count(`SELECT count(*)::int AS n FROM outbox_event WHERE processed_at IS NULL`)) === 0, 60_000, 200);
}, 180_000);

afterAll(async () => {
  if (worker && worker.exitCode === null) await new Promise<void>((resolve) => (worker!.once('exit', () => resolve()), worker!.kill('SIGTERM')));
  await queue?.close();
  redis?.disconnect();
  await stopCatalogApi(catalog);
});

describe('retention.purge', () => {
  it('is scheduled every night by the worker', async () => {
    const schedulers = await eventually(async () => {
      const found = await queue.getJobSchedulers();
      if (!found.some((s) => s.key === 'retention-purge-nightly')) throw new Error('not scheduled yet');
      return found;
    });
    expect(schedulers.find((s) => s.key === 'retention-purge-nightly')).toMatchObject({ pattern: '15 4 * * *', tz: 'Europe/Paris' });
  });

  it('deletes what is past its period and nothing else, serves no expired statement, and changes no KPI', async () => {
    const before = await overview();
    expect(before.certificates).toMatchObject({ value: 12 });
    expect((await reconcile()).differenceCount).toBe(0);

    // Age the data of six learners who finished the course past their periods.
    const aged = learners.slice(0, 6).map((l) => l.enrollmentId);
    const kept = learners.slice(6).map((l) => l.enrollmentId);
    await kit.db.query(
      `UPDATE progress_event SET received_at = received_at - interval '731 days', occurred_at = occurred_at - interval '731 days' WHERE enrollment_id = ANY($1)`,
      [aged],
    );
    // And 250 more old events: with batches of 100, the purge needs three statements.
    await kit.db.query(
      `INSERT INTO progress_event (event_id, enrollment_id, lesson_id, type, completes, occurred_at, received_at)
       SELECT gen_random_uuid(), $1, $2, 'started', false, now() - interval '800 days', now() - interval '800 days' FROM generate_series(1, 250)`,
      [aged[1], course.lessonIds[0]],
    );
    const agedEvents = await count(`SELECT count(*)::int AS n FROM progress_event WHERE enrollment_id = ANY($1)`, [aged]);
    const keptEvents = await count(`SELECT count(*)::int AS n FROM progress_event WHERE enrollment_id = ANY($1)`, [kept]);
    expect([agedEvents, keptEvents]).toEqual([6 * 4 + 250, 6 * 4 + 3]);
    // Attempts leave the LRS after 1095 days but stay in the database (attempt limits, completions rest on them).
    await kit.db.query(`UPDATE quiz_attempt SET submitted_at = submitted_at - interval '1096 days' WHERE enrollment_id = ANY($1)`, [aged]);
    const agedEvent = (await kit.db.query(`SELECT event_id FROM progress_event WHERE enrollment_id = $1 LIMIT 1`, [aged[0]])).rows[0].event_id;
    const keptEvent = (await kit.db.query(`SELECT event_id FROM progress_event WHERE enrollment_id = $1 LIMIT 1`, [kept[0]])).rows[0].event_id;
    const agedAttempt = (await kit.db.query(`SELECT id FROM quiz_attempt WHERE enrollment_id = $1`, [aged[0]])).rows[0].id;
    const keptAttempt = (await kit.db.query(`SELECT id FROM quiz_attempt WHERE enrollment_id = $1`, [kept[0]])).rows[0].id;
    const agedCompletion = (await kit.db.query(`SELECT statement_id FROM course_completion WHERE enrollment_id = $1`, [aged[0]])).rows[0].statement_id;
    expect((await statement(agedAttempt)).status).toBe(404); // past RETENTION_XAPI_STATEMENTS_DAYS already
    expect((await statement(agedEvent)).status).toBe(200); // still stored until the purge

    // Audit entries and e-mails: one just past its period, one just within it.
    await kit.db.query(`INSERT INTO audit_log (at, action, target_type) VALUES (now() - interval '366 days', 'test.old', 'test'), (now() - interval '364 days', 'test.recent', 'test')`);
    await kit.db.query(
      `INSERT INTO mail_message (to_address, template, created_at, sent_at) VALUES
         ('ancien@example.fr', 'verify-email', now() - interval '91 days', now() - interval '91 days'),
         ('recent@example.fr', 'verify-email', now() - interval '89 days', NULL)`,
    );
    const audits = await count(`SELECT count(*)::int AS n FROM audit_log`);
    const mails = await count(`SELECT count(*)::int AS n FROM mail_message`);

    await queue.add('retention.purge', { trigger: 'manual' }, { jobId: 'retention-test-1' });
    const job = await finished('retention-test-1');
    expect(job.failedReason).toBeUndefined();
    expect(job.returnvalue).toEqual({ progressEvents: agedEvents, auditLog: 1, mail: 1 });

    expect(await count(`SELECT count(*)::int AS n FROM progress_event WHERE enrollment_id = ANY($1)`, [aged])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM progress_event WHERE enrollment_id = ANY($1)`, [kept])).toBe(keptEvents);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log`)).toBe(audits - 1);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'test.old'`)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM mail_message`)).toBe(mails - 1);
    expect(await count(`SELECT count(*)::int AS n FROM mail_message WHERE to_address = 'ancien@example.fr'`)).toBe(0);
    // The facts stay: attempts, completions, lesson states, certificates.
    expect(await count(`SELECT count(*)::int AS n FROM quiz_attempt`)).toBe(12);
    expect(await count(`SELECT count(*)::int AS n FROM course_completion`)).toBe(12);
    const detail = await kit.detail(learners[0].user, aged[0]);
    expect(detail).toMatchObject({ status: 'completed' });

    // xAPI: the purged event is gone, the old attempt is not served, the rest is.
    expect((await statement(agedEvent)).status).toBe(404);
    expect((await statement(agedAttempt)).status).toBe(404);
    expect((await statement(agedCompletion)).status).toBe(200);
    expect((await statement(keptEvent)).status).toBe(200);
    expect((await statement(keptAttempt)).status).toBe(200);
    const listed = await kit.request<XapiStatementResult>('GET', `/api/xapi/statements?limit=500`, admin);
    expect(listed.body.statements.map((s) => s.id)).not.toContain(agedAttempt);
    expect(listed.body.statements).toHaveLength(keptEvents + 6 + 12); // kept events, kept attempts, every completion

    // No KPI moved.
    expect(await overview()).toEqual(before);
    const run = await reconcile();
    expect([run.status, run.differenceCount]).toEqual(['ok', 0]);

    // A second run finds nothing more.
    await queue.add('retention.purge', { trigger: 'manual' }, { jobId: 'retention-test-2' });
    const again = await finished('retention-test-2');
    expect(again.returnvalue).toEqual({ progressEvents: 0, auditLog: 0, mail: 0 });
  });
});
