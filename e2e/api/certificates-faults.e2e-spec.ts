// Certificates under faults, with real worker processes (dist/) on a redis-server and a database of this test's own:
// each scenario ends with exactly one certificate per completion and none missing. The database is the lock
// (uq_certificate_user_course, the outbox delivery rows); Redis only carries work and may lose it.
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { OwnRedis } from '@academie/server-testing';
import { credentialSigningKey, runCli, startProcess } from '../support/processes.mjs';

type Worker = ReturnType<typeof startProcess>;

interface Completion {
  enrollmentId: string;
  userId: string;
  courseId: string;
  versionId: string;
  completedAt: string;
}

const SHARED_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let redis: OwnRedis;
let db: pg.Client;
let env: Record<string, string>;
let mailDir: string;
let courses: { courseId: string; versionId: string }[];
const workers: Worker[] = [];
let workerCount = 0;

/**
 * Polls until the check holds. The limits are generous on purpose: they bound a hang, not a speed (the suite shares
 * two cores with the rest of CI, where 1,000 enrollments through the reporting subscriber can take a minute).
 */
async function until<T>(check: () => Promise<T>, what: string, timeoutMs = 120_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
}

async function startWorker(): Promise<Worker> {
  const worker = startProcess('worker', env, `certificates-worker-${++workerCount}`);
  workers.push(worker);
  await until(async () => {
    if (!worker.alive) throw new Error(`worker exited at start (see ${worker.logFile})`);
    try {
      return readFileSync(worker.logFile, 'utf8').includes('"worker started"');
    } catch {
      return false;
    }
  }, 'worker start');
  return worker;
}

const issuedBy = (worker: Worker): number => readFileSync(worker.logFile, 'utf8').split('"certificate issued"').length - 1;

/** Learners each enrolled in one course (the `enrollment.created` events learning writes); their completions to record later. */
async function enrolled(count: number): Promise<Completion[]> {
  const { rows } = await db.query(
    `INSERT INTO app_user (email, email_verified_at, first_name, last_name)
     SELECT 'faults-' || gen_random_uuid() || '@test.academie-ia.fr', now(), 'Prénom', 'Nom ' || i FROM generate_series(1, $1) AS i
     RETURNING id`,
    [count],
  );
  const list: Completion[] = rows.map((row: { id: string }, i: number) => ({
    enrollmentId: randomUUID(),
    userId: row.id,
    courseId: courses[i % courses.length].courseId,
    versionId: courses[i % courses.length].versionId,
    // Spread over two years: the KPIs' monthly rows (reporting subscriber) are not all one hot row.
    completedAt: new Date(Date.UTC(2024, i % 24, 1 + (i % 28), 10)).toISOString(),
  }));
  await db.query(`INSERT INTO outbox_event (type, payload) SELECT 'enrollment.created', p FROM unnest($1::jsonb[]) AS p`, [
    list.map(({ completedAt, ...c }) => JSON.stringify({ ...c, enrolledAt: completedAt })),
  ]);
  return list;
}

async function record(list: Completion[], client: pg.Client = db): Promise<void> {
  await client.query(`INSERT INTO outbox_event (type, payload) SELECT 'course.completed', p FROM unnest($1::jsonb[]) AS p`, [
    list.map((c) => JSON.stringify(c)),
  ]);
}

const openEnrollments = async () =>
  (await db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'enrollment.created' AND processed_at IS NULL`)).rows[0].n as number;

async function issued(list: Completion[]): Promise<number> {
  const { rows } = await db.query(`SELECT count(*)::int AS n FROM certificate WHERE enrollment_id = ANY($1::uuid[])`, [list.map((c) => c.enrollmentId)]);
  return rows[0].n;
}

/** Exactly one certificate per completion, for the right learner and course, and none for anything else. */
async function expectExactlyOnce(list: Completion[]): Promise<void> {
  const { rows } = await db.query(
    `SELECT c.enrollment_id, count(*)::int AS n, bool_and(c.user_id = x.user_id AND c.course_id = x.course_id) AS matches
       FROM certificate c JOIN unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS x(enrollment_id, user_id, course_id) USING (enrollment_id)
      GROUP BY c.enrollment_id`,
    [list.map((c) => c.enrollmentId), list.map((c) => c.userId), list.map((c) => c.courseId)],
  );
  expect(rows).toHaveLength(list.length);
  expect(rows.every((r: { n: number; matches: boolean }) => r.n === 1 && r.matches)).toBe(true);
  const { rows: deliveries } = await db.query(
    `SELECT count(*)::int AS n FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id
      WHERE d.subscriber = 'certification' AND d.processed_at IS NULL AND e.payload->>'enrollmentId' = ANY($1::text[])`,
    [list.map((c) => c.enrollmentId)],
  );
  expect(deliveries[0].n).toBe(0);
}

let scenario = 0;

/** Each scenario on its own Redis prefix and an empty outbox: no backlog of the previous one's other work. */
function nextScenario(): void {
  env.REDIS_PREFIX = `certificates-${++scenario}`;
}

/**
 * Stops the workers, then closes what the other subscribers of the scenario's events (KPIs, e-mails) had left to do:
 * not this test's subject, and it would delay the next scenario.
 */
async function endScenario(): Promise<void> {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  await db.query(`UPDATE outbox_event SET processed_at = now() WHERE processed_at IS NULL`);
}

beforeAll(async () => {
  redis = await OwnRedis.start();
  const url = new URL(SHARED_POSTGRES_URL);
  url.pathname = `/academie_e2e_${process.env.E2E_RUN_ID ?? randomUUID().slice(0, 8)}_certificates`;
  mailDir = mkdtempSync(join(tmpdir(), 'academie-certificates-mail-'));
  env = {
    NODE_ENV: 'production',
    DATABASE_URL: url.toString(),
    REDIS_URL: redis.url,
    REDIS_PREFIX: 'certificates',
    CREDENTIAL_SIGNING_KEY: credentialSigningKey(),
    // Two workers run at once: each serves its metrics on a free port rather than 9464.
    WORKER_METRICS_PORT: '0',
    PUBLIC_BASE_URL: 'https://academie.test',
    SMTP_URL: `file://${mailDir}`,
    OUTBOX_RELAY_INTERVAL_MS: '100',
    OUTBOX_REDELIVER_AFTER_MS: '1500',
    WORKER_LOCK_DURATION_MS: '2000', // a killed worker's jobs run again within 4 s
    JOB_RETRY_DELAY_MS: '50',
    // The PostgreSQL server is shared with the rest of the suite: few connections per worker.
    DATABASE_POOL_SIZE: '5',
    WORKER_HEARTBEAT_INTERVAL_MS: '500',
    LOG_LEVEL: 'info',
  };
  await runCli('migrate', env);
  await runCli('seed', env);
  db = new pg.Client({ connectionString: env.DATABASE_URL });
  db.on('error', () => undefined);
  await db.connect();
  courses = (await db.query(`SELECT id AS "courseId", current_version_id AS "versionId" FROM course WHERE status = 'published'`)).rows;
}, 120_000);

afterAll(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  const url = new URL(env.DATABASE_URL);
  await db?.end();
  const admin = new pg.Client({ connectionString: SHARED_POSTGRES_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
  await redis?.destroy();
  rmSync(mailDir, { recursive: true, force: true });
});

describe('certificates under faults', () => {
  // Each scenario may wait minutes on a loaded machine (see until); none ever should in normal runs.
  jest.setTimeout(600_000);
  // A scenario that failed never reached endScenario: its workers must not keep issuing into the next one.
  afterEach(async () => {
    if (workers.length > 0) await endScenario();
  });

  it('loses and doubles nothing when the worker is killed with SIGKILL in the middle of a batch and started again', async () => {
    nextScenario();
    const first = await startWorker();
    const list = await enrolled(1000);
    await until(async () => (await openEnrollments()) === 0, 'enrollments counted');
    await record(list);
    await until(async () => (await issued(list)) >= 100, 'first certificates', 120_000, 10);
    await first.kill();
    workers.splice(workers.indexOf(first), 1);
    const atKill = await issued(list);
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(1000); // killed mid-batch, with work left

    await startWorker();
    await until(async () => (await issued(list)) === 1000, 'all certificates after the restart', 180_000, 100);
    await expectExactlyOnce(list);
    await endScenario();
  });

  it('loses nothing when Redis is flushed (FLUSHALL) while 500 completions wait in the queue', async () => {
    nextScenario();
    await startWorker();
    const list = await enrolled(500);
    await until(async () => (await openEnrollments()) === 0, 'enrollments counted');
    const client = new Redis(redis.url);
    try {
      await record(list);
      // As soon as the relay has handed all 500 to Redis, Redis forgets everything.
      await until(
        async () =>
          (
            await db.query(
              `SELECT count(*)::int AS n FROM outbox_event WHERE type = 'course.completed' AND enqueued_at IS NOT NULL AND payload->>'enrollmentId' = ANY($1::text[])`,
              [list.map((c) => c.enrollmentId)],
            )
          ).rows[0].n === 500,
        'completions relayed',
        10_000,
        5,
      );
      await client.flushall();
      const atFlush = await issued(list);
      expect(atFlush).toBeLessThan(500); // work was pending in Redis when it was flushed
    } finally {
      client.disconnect();
    }
    await until(async () => (await issued(list)) === 500, 'all certificates after the flush', 180_000, 100);
    await expectExactlyOnce(list);
    const relays = await db.query(
      `SELECT max(relay_count)::int AS most FROM outbox_event WHERE type = 'course.completed' AND payload->>'enrollmentId' = ANY($1::text[])`,
      [list.map((c) => c.enrollmentId)],
    );
    expect(relays.rows[0].most).toBeGreaterThanOrEqual(2); // enqueued again under the same id after the flush
    await endScenario();
  });

  it('issues exactly once with two worker processes side by side on 1,000 concurrent completions', async () => {
    nextScenario();
    const [a, b] = [await startWorker(), await startWorker()];
    const list = await enrolled(1000);
    await until(async () => (await openEnrollments()) === 0, 'enrollments counted');
    // Five completions' transactions at a time, as five API processes would write them.
    const clients = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const client = new pg.Client({ connectionString: env.DATABASE_URL });
        await client.connect();
        return client;
      }),
    );
    try {
      await Promise.all(
        clients.map(async (client, i) => {
          for (let k = 0; k < 20; k++) await record(list.slice(i * 200 + k * 10, i * 200 + (k + 1) * 10), client);
        }),
      );
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
    await until(async () => (await issued(list)) === 1000, 'all certificates', 180_000, 100);
    await expectExactlyOnce(list);
    expect(issuedBy(a)).toBeGreaterThan(0); // both worked
    expect(issuedBy(b)).toBeGreaterThan(0);
    await endScenario();
  });

  it('issues once when the same completion is delivered twice', async () => {
    nextScenario();
    const worker = await startWorker();
    const list = await enrolled(200);
    await until(async () => (await openEnrollments()) === 0, 'enrollments counted');
    const before = issuedBy(worker);
    await record(list);
    await record(list); // every completion a second time: two events, two deliveries each
    await until(
      async () =>
        (
          await db.query(
            `SELECT count(*)::int AS n FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id
              WHERE d.subscriber = 'certification' AND d.processed_at IS NOT NULL AND e.payload->>'enrollmentId' = ANY($1::text[])`,
            [list.map((c) => c.enrollmentId)],
          )
        ).rows[0].n === 400,
      'both deliveries of every completion',
      120_000,
      100,
    );
    await expectExactlyOnce(list);
    expect(issuedBy(worker) - before).toBe(200);
    await endScenario();
  });
});
