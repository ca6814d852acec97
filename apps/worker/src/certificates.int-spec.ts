// Certificates issued by the worker from `course.completed` outbox events, exactly once: duplicates of a completion,
// a job run again for a closed event, two workers side by side. (Process kills and Redis flushes: e2e/api/certificates-faults.)
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { type AppConfig } from '@academie/server-core';
import { QueueRegistry } from '@academie/server-queue';
import { MemoryLogger, createTestDatabase, eventually, seedTestDatabase, testConfig } from '@academie/server-testing';
import { WorkerModule } from './worker.module';

interface Completion {
  enrollmentId: string;
  userId: string;
  courseId: string;
  versionId: string;
  completedAt: string;
}

let db: pg.Client;
let databaseUrl: string;
let mailDir: string;
let courses: { courseId: string; versionId: string }[];

async function startWorker(config: AppConfig): Promise<INestApplicationContext> {
  const logger = new MemoryLogger('worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger), { logger });
  await app.init();
  return app;
}

/**
 * `count` learners, each enrolled in one published course (learner i, course i mod n), with the `enrollment.created`
 * events the learning context writes; their completions are returned, to be recorded later (one certificate each).
 */
async function enrolled(count: number): Promise<Completion[]> {
  const { rows } = await db.query(
    `INSERT INTO app_user (email, email_verified_at, first_name, last_name)
     SELECT 'cert-' || gen_random_uuid() || '@test.academie-ia.fr', now(), 'Prénom', 'Nom ' || i FROM generate_series(1, $1) AS i
     RETURNING id`,
    [count],
  );
  const list = rows.map((row: { id: string }, i: number) => ({
    enrollmentId: randomUUID(),
    userId: row.id,
    courseId: courses[i % courses.length].courseId,
    versionId: courses[i % courses.length].versionId,
    completedAt: new Date(Date.UTC(2026, 2, 1 + (i % 28), 9)).toISOString(),
  }));
  await db.query(`INSERT INTO outbox_event (type, payload) SELECT 'enrollment.created', p FROM unnest($1::jsonb[]) AS p`, [
    list.map(({ completedAt, ...c }) => JSON.stringify({ ...c, enrolledAt: new Date(Date.parse(completedAt) - 3_600_000).toISOString() })),
  ]);
  return list;
}

/** The `course.completed` events the learning context writes, one statement for all. */
async function record(list: Completion[]): Promise<void> {
  await db.query(`INSERT INTO outbox_event (type, payload) SELECT 'course.completed', p FROM unnest($1::jsonb[]) AS p`, [
    list.map((c) => JSON.stringify(c)),
  ]);
}

const openEvents = async (type: string): Promise<number> =>
  (await db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = $1 AND processed_at IS NULL`, [type])).rows[0].n;

async function certificationDeliveries(): Promise<number> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM outbox_delivery WHERE subscriber = 'certification' AND processed_at IS NOT NULL`,
  );
  return rows[0].n;
}

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  await seedTestDatabase(databaseUrl, { accounts: false });
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  courses = (
    await db.query(`SELECT id AS "courseId", current_version_id AS "versionId" FROM course WHERE status = 'published' ORDER BY slug`)
  ).rows;
  mailDir = mkdtempSync(join(tmpdir(), 'academie-mail-'));
});

afterAll(async () => {
  await db?.end();
  rmSync(mailDir, { recursive: true, force: true });
});

const config = (overrides: Record<string, string> = {}) =>
  testConfig({ DATABASE_URL: databaseUrl, SMTP_URL: `file://${mailDir}`, LOG_LEVEL: 'info', JOB_RETRY_DELAY_MS: '50', ...overrides });

describe('certificates from course.completed', () => {
  it('issues one certificate per completion, even when a completion is delivered twice or its job runs again', async () => {
    const worker = await startWorker(config());
    try {
      const list = await enrolled(30);
      await eventually(async () => (await openEvents('enrollment.created')) === 0, 30_000);
      await record(list);
      await record(list.slice(0, 10)); // the same completions, recorded a second time
      await eventually(async () => (await certificationDeliveries()) === 40, 30_000);
      // A job for an event already closed, under another id (as after Redis forgot the first): nothing happens.
      await eventually(async () => (await openEvents('course.completed')) === 0, 30_000);
      const { rows: closed } = await db.query(`SELECT id FROM outbox_event WHERE type = 'course.completed' ORDER BY id LIMIT 1`);
      const queues = worker.get(QueueRegistry);
      await queues.enqueue('outbox.deliver', { eventId: String(closed[0].id) }, { jobId: `outbox-${closed[0].id}-again` });
      await eventually(async () => (await queues.queue('outbox').getJob(`outbox-${closed[0].id}-again`))?.returnvalue === 'already-done', 10_000);

      const { rows } = await db.query(
        `SELECT count(*)::int AS certificates, count(DISTINCT enrollment_id)::int AS enrollments,
                (SELECT count(*)::int FROM notification) AS notifications,
                (SELECT count(*)::int FROM mail_message WHERE template = 'certificate-issued') AS mails,
                (SELECT count(*)::int FROM outbox_event WHERE type = 'certificate.issued') AS issued_events
           FROM certificate`,
      );
      expect(rows[0]).toEqual({ certificates: 30, enrollments: 30, notifications: 30, mails: 30, issued_events: 30 });
      const { rows: mine } = await db.query(`SELECT enrollment_id FROM certificate ORDER BY enrollment_id`);
      expect(mine.map((r: { enrollment_id: string }) => r.enrollment_id)).toEqual(list.map((c) => c.enrollmentId).sort());
      expect(await certificationDeliveries()).toBe(40);
    } finally {
      await worker.close();
    }
  });

  it('issues exactly once with two workers side by side on 300 completions recorded at once', async () => {
    const settings = config({ WORKER_CONCURRENCY: '8' });
    const [a, b] = await Promise.all([startWorker(settings), startWorker(settings)]);
    const before = await certificationDeliveries();
    try {
      const list = await enrolled(300);
      await eventually(async () => (await openEvents('enrollment.created')) === 0, 60_000, 200);
      await record(list);
      await eventually(async () => (await certificationDeliveries()) - before === 300, 60_000, 200);
      const { rows } = await db.query(
        `SELECT count(*)::int AS certificates, count(DISTINCT (user_id, course_id))::int AS pairs, count(DISTINCT code)::int AS codes,
                count(DISTINCT status_index)::int AS entries
           FROM certificate WHERE enrollment_id = ANY($1::uuid[])`,
        [list.map((c) => c.enrollmentId)],
      );
      expect(rows[0]).toEqual({ certificates: 300, pairs: 300, codes: 300, entries: 300 });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
