// The fault matrix of issue 10, on a PostgreSQL and a redis-server of this test's own (free ports, temp folders: the
// machine's shared servers are never stopped, flushed or slowed). Two API and two worker processes (dist/) serve a
// steady load of learners who enroll, send progress events and complete courses, while one fault strikes at a time:
// the processes run side by side with no fault, an API and a worker are killed with SIGKILL, every PostgreSQL
// connection is terminated, PostgreSQL restarts, Redis restarts empty then is flushed, the database turns slow.
// The clients behave as the web's queue does: a request that fails or gets no answer is sent again, with the same
// event ids, to whichever API answers (as a load balancer would), until it is acknowledged.
// After each fault, with no manual step, the same invariants must hold (`expectInvariants`): every acknowledged event
// stored exactly once, one completion and exactly one certificate per finished course and none without a completion,
// the outbox drained, `kpi:reconcile` at zero differences, both APIs ready and both workers beating.
// Complements faults.e2e-spec.ts (outages without load), progress-kill.e2e-spec.ts (API SIGKILL on events) and
// certificates-faults.e2e-spec.ts (worker faults on completions written straight into the outbox).
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import type {
  CreateCourseRequest,
  EnrollmentView,
  LessonInput,
  ProgressBatchResponse,
  ProgressEventInput,
  SessionResponse,
  StudioCourse,
} from '@academie/contracts';
import { createTestUser, DEMO_ACCOUNTS, OwnPostgres, OwnRedis } from '@academie/server-testing';
import { freePort, runCli, startPlatform, startProcess, waitForStatus } from '../support/processes.mjs';

type Proc = ReturnType<typeof startProcess>;

/** Learners per scenario, each one a sequential client (as one browser tab is). */
const LEARNERS = 10;
/** Courses each learner works through (every learner completes all of them). */
const COURSES = 3;
/** Text lessons per course: `started` then `completed` each. */
const LESSONS = 3;
/** Batches of extra events (video-free: `started` again, new ids) sent between two lessons, to keep the load up. */
const NOISE_BATCHES = 2;
const NOISE_SIZE = 5;
/**
 * Per scenario: restarting processes and draining the outbox take seconds each, and many more on a machine shared
 * with other suites (a scenario took 30 to 90 s at a load average of 13 to 21 on 2 cores). Generous, since the waits
 * inside are bounded by counts and conditions, not by durations.
 */
const SCENARIO_TIMEOUT_MS = 300_000;

let postgres: OwnPostgres;
let redis: OwnRedis;
let mailDir: string;
let env: Record<string, string>;
/** The test's own connections to its PostgreSQL: a pool, so that it reconnects by itself after the restart. */
let db: pg.Pool;
const apis: { url: string; process: Proc; port: string }[] = [];
const workers: Proc[] = [];
let processCount = 0;
let courses: { courseId: string; lessonIds: string[] }[] = [];

/** Loads of the scenario running (at most one); one left by a failed scenario is abandoned after it. */
const activeLoads = new Set<{ abandon(): Promise<unknown> }>();

/** Everything every scenario acknowledged, checked after each one (the invariants are cumulative). */
const acknowledged = new Set<string>();
/** (learner, course) pairs whose last lesson was acknowledged: each must hold one completion and one certificate. */
const finished: { userId: string; courseId: string }[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(check: () => Promise<T>, what: string, timeoutMs = 60_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = String(error) as T; // the database may be restarting: try again
    }
    await sleep(intervalMs);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
}

const sql = async <R = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<R[]> => (await db.query(text, params)).rows as R[];

function startApi(port: string): Proc {
  return startProcess('api', { ...env, API_PORT: port }, `fault-matrix-api-${++processCount}`);
}

async function addApi(port?: string): Promise<void> {
  const apiPort = port ?? String(await freePort());
  const process = startApi(apiPort);
  const url = `http://127.0.0.1:${apiPort}`;
  await waitForStatus(`${url}/api/health/ready`, 200, 120_000, process);
  apis.push({ url, process, port: apiPort });
}

/** Starts a worker and waits for its first heartbeat (its own row, by pid): it is then relaying and taking jobs. */
async function addWorker(): Promise<Proc> {
  const worker = startProcess('worker', env, `fault-matrix-worker-${++processCount}`);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (!worker.alive) throw new Error(`worker exited at start (see ${worker.logFile})`);
    const beating = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM worker_heartbeat WHERE pid = $1 AND beat_at > now() - interval '10 seconds'`, [
      worker.pid,
    ]).catch(() => [{ n: 0 }]);
    if (beating[0].n > 0) break;
    if (Date.now() > deadline) throw new Error(`worker ${worker.label} did not beat within 120 s (see ${worker.logFile})`);
    await sleep(200);
  }
  workers.push(worker);
  return worker;
}

const issuedBy = (worker: Proc): number => readFileSync(worker.logFile, 'utf8').split('"certificate issued"').length - 1;

/** What the clients saw in one scenario. */
interface Tally {
  /** Requests acknowledged (200/201) by each API, by URL. */
  perApi: Map<string, number>;
  acknowledgedRequests: number;
  /** Requests cut, refused or answered 5xx: sent again. */
  retried: number;
  /** Answers that must never happen, whatever the fault: a 4xx (the client's request was valid) or a 5xx out of format. */
  wrong: string[];
  /** Set when a failed scenario's load is abandoned: its clients stop at once. */
  abandoned?: boolean;
}

async function call<T>(tally: Tally, method: 'GET' | 'POST', path: string, token: string | null, body?: unknown): Promise<{ status: number; body: T }> {
  // Any API: the clients know no affinity, the processes hold no state.
  const api = apis[Math.floor(Math.random() * apis.length)];
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // kept as text: checked below
  }
  if (response.status < 300) tally.perApi.set(api.url, (tally.perApi.get(api.url) ?? 0) + 1);
  else if (response.status >= 500) {
    const error = parsed as { statusCode?: number; error?: string; message?: string; details?: unknown };
    const inFormat =
      error?.statusCode === response.status && typeof error.error === 'string' && typeof error.message === 'string' && Array.isArray(error.details);
    if (!inFormat || /\bat .+\.(js|ts):\d+/.test(text)) tally.wrong.push(`${method} ${path}: ${response.status} ${text.slice(0, 200)}`);
  } else tally.wrong.push(`${method} ${path}: ${response.status} ${text.slice(0, 200)}`);
  return { status: response.status, body: parsed as T };
}

/** Sends until acknowledged: a network error, a cut connection, a timeout or a 5xx means "send it again". */
async function untilAcknowledged<T>(tally: Tally, method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    if (tally.abandoned) throw new Error('load abandoned');
    try {
      const answer = await call<T>(tally, method, path, token, body);
      if (answer.status === 200 || answer.status === 201) {
        tally.acknowledgedRequests++;
        return answer.body;
      }
      if (answer.status < 500) throw new Error(`${method} ${path} refused: ${answer.status} ${JSON.stringify(answer.body)}`);
    } catch (error) {
      if ((error as Error).message.includes('refused:')) throw error;
    }
    tally.retried++;
    if (attempt > 400) throw new Error(`${method} ${path}: never acknowledged`);
    await sleep(Math.min(1_000, 50 * 2 ** Math.min(attempt, 5)));
  }
}

async function sendEvents(tally: Tally, token: string, events: ProgressEventInput[]): Promise<void> {
  const answer = await untilAcknowledged<ProgressBatchResponse>(tally, 'POST', '/api/progress/events', token, { events });
  expect(answer.results.map((r) => r.eventId)).toEqual(events.map((e) => e.eventId));
  for (const event of events) acknowledged.add(event.eventId);
}

const event = (lessonId: string, type: 'started' | 'completed'): ProgressEventInput => ({
  eventId: randomUUID(),
  lessonId,
  type,
  occurredAt: new Date().toISOString(),
});

/**
 * A scenario's load: LEARNERS new learners, each working through every course (enroll, then each lesson started and
 * completed, with batches of extra events in between), then sending extra events until `stop()`. `stop()` resolves once
 * every learner has finished every course: their clients keep sending until acknowledged, whatever happened.
 */
async function startLoad() {
  const tally: Tally = { perApi: new Map(), acknowledgedRequests: 0, retried: 0, wrong: [] };
  const learners = await Promise.all(
    Array.from({ length: LEARNERS }, async () => {
      const user = await createTestUser(db);
      const session = await untilAcknowledged<SessionResponse>(tally, 'POST', '/api/auth/login', '', { email: user.email, password: user.password });
      return { id: user.id, token: session.accessToken };
    }),
  );
  let running = true;
  const learn = async (learner: (typeof learners)[number]) => {
    for (const course of courses) {
      await untilAcknowledged<EnrollmentView>(tally, 'POST', '/api/enrollments', learner.token, { courseId: course.courseId });
      for (const lessonId of course.lessonIds) {
        await sendEvents(tally, learner.token, [event(lessonId, 'started')]);
        for (let n = 0; n < NOISE_BATCHES; n++) {
          await sendEvents(tally, learner.token, Array.from({ length: NOISE_SIZE }, () => event(lessonId, 'started')));
        }
        await sendEvents(tally, learner.token, [event(lessonId, 'completed')]);
      }
      finished.push({ userId: learner.id, courseId: course.courseId });
    }
    // Done with the courses: keep the load up until the scenario ends.
    const lessonId = courses[0].lessonIds[0];
    while (running) await sendEvents(tally, learner.token, Array.from({ length: NOISE_SIZE }, () => event(lessonId, 'started')));
  };
  const all = Promise.all(learners.map(learn));
  const load = {
    tally,
    /** Waits until `count` more requests are acknowledged (counts, not durations: the machine may be busy). */
    async acknowledgedAtLeast(count: number, timeoutMs = 90_000) {
      const target = tally.acknowledgedRequests + count;
      await until(async () => tally.acknowledgedRequests >= target, `${count} more acknowledged requests`, timeoutMs, 25);
    },
    async stop() {
      running = false;
      activeLoads.delete(load);
      await all;
      return tally;
    },
    /**
     * After a failed scenario: its clients stop at once, unfinished courses left as they are (only finished ones are
     * checked). Without this, they would go on sending through the next scenarios.
     */
    abandon() {
      running = false;
      tally.abandoned = true;
      activeLoads.delete(load);
      return all.catch(() => undefined);
    },
  };
  activeLoads.add(load);
  return load;
}

/**
 * SIGKILL with requests in flight; the clients keep picking its address until it is gone from the list (as a load
 * balancer notices a dead backend late), then the same role is started again on the same port.
 */
async function killAndRestartApi(index: number): Promise<void> {
  const api = apis[index];
  await api.process.kill();
  apis.splice(apis.indexOf(api), 1);
  await addApi(api.port);
}

/**
 * The invariants every fault must leave intact, checked with no manual step: the processes recover on their own,
 * the outbox drains, and the facts agree with one another and with the KPI rollups.
 */
async function expectInvariants(tally: Tally): Promise<void> {
  expect(tally.wrong).toEqual([]);

  // Healthy again: each API ready, each worker alive and beating (its own heartbeat row, not only the freshest one).
  for (const api of apis) {
    expect(api.process.alive).toBe(true);
    await waitForStatus(`${api.url}/api/health/ready`, 200, 30_000, api.process);
    await waitForStatus(`${api.url}/api/health/worker`, 200, 30_000, api.process);
  }
  for (const worker of workers) expect(worker.alive).toBe(true);
  await until(
    async () =>
      (
        await sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM worker_heartbeat WHERE pid = ANY($1::int[]) AND beat_at > now() - make_interval(secs => $2)`,
          [workers.map((w) => w.pid), Number(env.WORKER_STALE_AFTER_SECONDS)],
        )
      )[0].n === workers.length,
    'every worker beating',
    30_000,
  );

  // Every acknowledged event stored, once.
  const ids = [...acknowledged];
  const [stored] = await sql<{ stored: number; distinct_ids: number }>(
    `SELECT count(*)::int AS stored, count(DISTINCT event_id)::int AS distinct_ids FROM progress_event WHERE event_id = ANY($1::uuid[])`,
    [ids],
  );
  expect(stored).toEqual({ stored: ids.length, distinct_ids: ids.length });

  // The outbox drains by itself (events lost with Redis are relayed again): every event and delivery closed.
  await until(
    async () => (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_event WHERE processed_at IS NULL`))[0].n === 0,
    'outbox drained',
    120_000,
    500,
  );
  expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_delivery WHERE processed_at IS NULL`))[0].n).toBe(0);

  // One completion per finished course, exactly one certificate per completion, and no certificate without one.
  const done = [...finished];
  const [pairs] = await sql<{ completions: number; certificates: number; enrollments: number }>(
    `SELECT count(DISTINCT cc.enrollment_id)::int AS completions, count(c.id)::int AS certificates, count(DISTINCT e.id)::int AS enrollments
       FROM unnest($1::uuid[], $2::uuid[]) AS f(user_id, course_id)
       JOIN enrollment e USING (user_id, course_id)
       LEFT JOIN course_completion cc ON cc.enrollment_id = e.id
       LEFT JOIN certificate c ON c.enrollment_id = e.id AND c.user_id = f.user_id AND c.course_id = f.course_id`,
    [done.map((f) => f.userId), done.map((f) => f.courseId)],
  );
  expect(pairs).toEqual({ completions: done.length, certificates: done.length, enrollments: done.length });
  const [everywhere] = await sql<{ missing: number; orphans: number }>(
    `SELECT (SELECT count(*)::int FROM course_completion cc WHERE NOT EXISTS (SELECT 1 FROM certificate c WHERE c.enrollment_id = cc.enrollment_id)) AS missing,
            (SELECT count(*)::int FROM certificate c WHERE NOT EXISTS (SELECT 1 FROM course_completion cc WHERE cc.enrollment_id = c.enrollment_id)) AS orphans`,
  );
  expect(everywhere).toEqual({ missing: 0, orphans: 0 });

  // `npm run kpi:reconcile` (the built CLI): exit code 0 means no difference; its run row says the same.
  const output = await runCli('kpiReconcile', env);
  expect(output).toMatch(/ 0 écart\(s\)/);
  const [run] = await sql<{ status: string; difference_count: number; in_flight_events: number }>(
    `SELECT status, difference_count, in_flight_events FROM kpi_reconciliation_run ORDER BY id DESC LIMIT 1`,
  );
  expect(run).toEqual({ status: 'ok', difference_count: 0, in_flight_events: 0 });
}

/** Writes a course of LESSONS required text lessons as the demo trainer and publishes it as the demo reviewer. */
async function publishCourse(tally: Tally, n: number): Promise<{ courseId: string; lessonIds: string[] }> {
  const login = async (role: 'trainer' | 'reviewer') => {
    const account = DEMO_ACCOUNTS.find((a) => a.role === role);
    return (await untilAcknowledged<SessionResponse>(tally, 'POST', '/api/auth/login', '', { email: account?.email, password: account?.password })).accessToken;
  };
  const trainer = await login('trainer');
  const request: CreateCourseRequest = {
    kind: 'course',
    slug: `matrice-des-pannes-${n}`,
    title: `Matrice des pannes ${n}`,
    summary: 'Un cours court écrit pour les tests de pannes : trois lectures obligatoires.',
    level: 'decouverte',
    durationMinutes: 15,
    audiences: ['pme'],
    sectors: [],
    useCases: [],
    authorName: 'Formatrice de démonstration',
  };
  const created = await untilAcknowledged<StudioCourse>(tally, 'POST', '/api/studio/courses', trainer, request);
  const withModule = await untilAcknowledged<StudioCourse>(tally, 'POST', `/api/studio/courses/${created.id}/draft/modules`, trainer, { title: 'L’essentiel' });
  const moduleId = withModule.draft?.modules[0]?.id as string;
  for (let i = 1; i <= LESSONS; i++) {
    const lesson: LessonInput = { kind: 'text', title: `Lecture ${i}`, durationMinutes: 5, required: true, text: { markdown: `## Lecture ${i}\n\nUn texte.` } };
    await untilAcknowledged(tally, 'POST', `/api/studio/courses/${created.id}/draft/modules/${moduleId}/lessons`, trainer, lesson);
  }
  const submitted = await untilAcknowledged<StudioCourse>(tally, 'POST', `/api/studio/courses/${created.id}/draft/submit`, trainer);
  await untilAcknowledged(tally, 'POST', `/api/review/versions/${submitted.draft?.id}/approve`, await login('reviewer'));
  return { courseId: created.id, lessonIds: (submitted.draft?.modules ?? []).flatMap((m) => m.lessons.map((l) => l.id)) };
}

beforeAll(async () => {
  [postgres, redis] = await Promise.all([OwnPostgres.start(), OwnRedis.start()]);
  mailDir = mkdtempSync(join(tmpdir(), 'academie-fault-matrix-mail-'));
  const platform = await startPlatform({
    databaseUrl: postgres.url('academie'),
    redisUrl: redis.url,
    redisPrefix: 'fault-matrix',
    label: 'fault-matrix',
    extraEnv: {
      SMTP_URL: `file://${mailDir}`,
      LOG_LEVEL: 'info',
      // Every learner signs in from 127.0.0.1: the per-IP limit of sign-ins is not this test's subject.
      RATE_LIMIT_LOGIN_PER_IP: '100000',
      WORKER_LOCK_DURATION_MS: '2000', // a killed worker's jobs run again within 4 s
      JOB_RETRY_DELAY_MS: '100',
      OUTBOX_REDELIVER_AFTER_MS: '2000',
      DATABASE_POOL_SIZE: '4',
    },
  });
  env = platform.env;
  // The web server is not needed here; the platform's API and worker become the first of two of each.
  await platform.web.stop();
  apis.push({ url: platform.apiUrl, process: platform.api, port: env.API_PORT });
  workers.push(platform.worker);
  db = new pg.Pool({ connectionString: env.DATABASE_URL, max: 3, application_name: 'fault-matrix-test' });
  db.on('error', () => undefined); // connections killed by the faults: the pool opens new ones
  const setup: Tally = { perApi: new Map(), acknowledgedRequests: 0, retried: 0, wrong: [] };
  courses = [];
  for (let n = 1; n <= COURSES; n++) courses.push(await publishCourse(setup, n));
  expect(setup.wrong).toEqual([]);
  await Promise.all([addApi(), addWorker()]);
}, SCENARIO_TIMEOUT_MS);

afterEach(async () => {
  await Promise.all([...activeLoads].map((load) => load.abandon()));
});

afterAll(async () => {
  await Promise.all([...apis.map((a) => a.process.stop()), ...workers.map((w) => w.stop())]);
  await db?.end().catch(() => undefined);
  await Promise.all([postgres?.destroy(), redis?.destroy()]);
  if (mailDir) rmSync(mailDir, { recursive: true, force: true });
});

describe('fault matrix: two APIs and two workers under load', () => {
  it('share the load with no state of their own: any API answers any learner, both workers issue certificates', async () => {
    const issuedBefore = workers.map(issuedBy);
    const load = await startLoad();
    await load.acknowledgedAtLeast(300);
    const tally = await load.stop();
    console.log(`side by side: ${tally.acknowledgedRequests} requests acknowledged (${[...tally.perApi.values()].join(' + ')}), ${tally.retried} retried`);
    expect(tally.retried).toBe(0); // no fault: nothing to send again
    expect([...tally.perApi.keys()].sort()).toEqual(apis.map((a) => a.url).sort());
    await expectInvariants(tally);
    // Both workers took their share of the completions (BullMQ hands each job to one of them).
    workers.forEach((worker, i) => expect(issuedBy(worker) - issuedBefore[i]).toBeGreaterThan(0));
  }, SCENARIO_TIMEOUT_MS);

  it('recovers from an API and a worker killed with SIGKILL under load', async () => {
    const load = await startLoad();
    await load.acknowledgedAtLeast(150);
    const worker = workers.shift() as Proc;
    await worker.kill();
    await Promise.all([killAndRestartApi(0), addWorker()]);
    await load.acknowledgedAtLeast(150);
    const tally = await load.stop();
    console.log(`SIGKILL: ${tally.acknowledgedRequests} acknowledged, ${tally.retried} sent again`);
    await expectInvariants(tally);
  }, SCENARIO_TIMEOUT_MS);

  it('recovers when every PostgreSQL connection of the platform is terminated, three times, under load', async () => {
    const load = await startLoad();
    await load.acknowledgedAtLeast(150);
    let terminated = 0;
    for (let round = 0; round < 3; round++) {
      const rows = await sql<{ ok: boolean }>(
        `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity
          WHERE datname = 'academie' AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND application_name <> 'fault-matrix-test'`,
      );
      terminated += rows.filter((r) => r.ok).length;
      await load.acknowledgedAtLeast(40);
    }
    await load.acknowledgedAtLeast(100);
    const tally = await load.stop();
    console.log(`pg_terminate_backend: ${terminated} connections terminated, ${tally.acknowledgedRequests} acknowledged, ${tally.retried} sent again`);
    // Each API (main and progress pools) and each worker had connections open.
    expect(terminated).toBeGreaterThanOrEqual(apis.length + workers.length);
    await expectInvariants(tally);
  }, SCENARIO_TIMEOUT_MS);

  it('recovers when PostgreSQL restarts under load', async () => {
    const load = await startLoad();
    await load.acknowledgedAtLeast(150);
    await postgres.stop(); // fast shutdown: every session cut, in-flight transactions rolled back
    await sleep(2_000);
    await postgres.resume();
    await load.acknowledgedAtLeast(150);
    const tally = await load.stop();
    console.log(`PostgreSQL restart: ${tally.acknowledgedRequests} acknowledged, ${tally.retried} sent again`);
    expect(tally.retried).toBeGreaterThan(0); // the restart did interrupt the clients
    await expectInvariants(tally);
  }, SCENARIO_TIMEOUT_MS);

  it('recovers when Redis restarts empty, then is flushed, under load', async () => {
    const load = await startLoad();
    await load.acknowledgedAtLeast(150);
    await redis.stop(); // no persistence: it comes back with nothing, queues and rate-limit counters included
    await sleep(1_000);
    await redis.resume();
    await load.acknowledgedAtLeast(100);
    const client = new Redis(redis.url);
    try {
      await client.flushall();
    } finally {
      client.disconnect();
    }
    await load.acknowledgedAtLeast(100);
    const tally = await load.stop();
    console.log(`Redis restart + FLUSHALL: ${tally.acknowledgedRequests} acknowledged, ${tally.retried} sent again`);
    await expectInvariants(tally);
  }, SCENARIO_TIMEOUT_MS);

  it('stays correct on a slow database (every write delayed, then a table locked past the pool timeout) and recovers', async () => {
    // Statement delays: each insert into the hot tables waits 50 ms (a statement trigger; its calls are counted).
    await db.query(`CREATE SEQUENCE fault_delay_calls`);
    await db.query(`CREATE FUNCTION fault_delay() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM nextval('fault_delay_calls'); PERFORM pg_sleep(0.05); RETURN NULL; END $$`);
    for (const table of ['progress_event', 'enrollment', 'certificate', 'outbox_event']) {
      await db.query(`CREATE TRIGGER fault_delay BEFORE INSERT ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION fault_delay()`);
    }
    try {
      const load = await startLoad();
      await load.acknowledgedAtLeast(100);
      // A stall: `enrollment` locked for 8 s, longer than the pools' 5 s wait for a connection. Requests queue, some
      // fail in the error format; none may be acknowledged and then lost.
      const locker = await db.connect();
      try {
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE enrollment IN ACCESS EXCLUSIVE MODE');
        const blocked = await until(
          async () =>
            (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = 'academie' AND wait_event_type = 'Lock'`))[0].n,
          'statements waiting on the lock',
          10_000,
          100,
        );
        expect(blocked).toBeGreaterThan(0);
        await sleep(8_000);
      } finally {
        await locker.query('COMMIT').catch(() => undefined);
        locker.release();
      }
      await load.acknowledgedAtLeast(150);
      const tally = await load.stop();
      const [{ calls }] = await sql<{ calls: string }>(`SELECT last_value AS calls FROM fault_delay_calls`);
      console.log(`slow database: ${calls} delayed statements, ${tally.acknowledgedRequests} acknowledged, ${tally.retried} sent again`);
      expect(Number(calls)).toBeGreaterThan(100);
      await expectInvariants(tally);
    } finally {
      for (const table of ['progress_event', 'enrollment', 'certificate', 'outbox_event']) await db.query(`DROP TRIGGER IF EXISTS fault_delay ON ${table}`);
      await db.query(`DROP FUNCTION IF EXISTS fault_delay()`);
    }
  }, SCENARIO_TIMEOUT_MS);
});
