// Progress ingest benchmark (`npm run bench:progress`, after the server build).
// A database of its own (academie_bench_progress_<ts>, dropped at the end) with the demo catalogue; 64 learners,
// each enrolled in a demo course through the API; the built API started as a real process (NODE_ENV=production).
// With 64 concurrent simulated learners (keep-alive clients), 10 s warm-up then 30 s measured, each time:
//   1. one event per request (POST /api/progress/events);
//   2. batches of 20 events per request;
//   3. plain single-row INSERTs of the same rows through pg, 64 connections: the ceiling the API is compared with.
// Prints requests and events per second, p50/p95/p99, the API's peak memory (VmHWM of its process) and the ratio of
// (1) to (3); a line every 5 s while measuring. Traffic stays on 127.0.0.1; every loop is bounded in time.
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { root } from '../paths.mjs';
import { credentialSigningKey, freePort, peakMemoryKb, processCpuMs, quantiles, start, stop, writeSummary } from './bench-kit.mjs';

const LEARNERS = 64;
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 10_000);
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 30_000);
const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** DATABASE_POOL_SIZE of the API process (each of its two pools); the API's default unless given. */
const API_POOL = process.env.BENCH_API_POOL_SIZE;
/** Node flags of the API process: those of its Docker image (docker/Dockerfile) unless given. */
const API_NODE_FLAGS = (process.env.BENCH_API_NODE_FLAGS ?? '--max-semi-space-size=2 --max-old-space-size=256').split(' ').filter(Boolean);
const say = (line) => process.stdout.write(`${line}\n`);

const db = await import(join(root, 'dist/server/libs/server/database/src/index.js'));
const identity = await import(join(root, 'dist/server/libs/server/identity/src/index.js'));

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dbUrl = new URL(SERVER);
dbUrl.pathname = `/academie_bench_progress_${stamp}`;
const DATABASE_URL = dbUrl.toString();
const PASSWORD = `Bench-${randomBytes(9).toString('base64url')}-progress`;

// ------------------------------------------------------------------------------------------------ setup
async function prepareDatabase() {
  await db.ensureDatabase(DATABASE_URL);
  const dataSource = db.createDataSource({ DATABASE_URL, DATABASE_POOL_SIZE: 2 }, undefined, 'academie-bench-seed');
  await dataSource.initialize();
  try {
    await db.runMigrations(dataSource, (line) => say(`  ${line}`));
    await db.seedDemoData(dataSource, () => undefined, { accounts: false });
    const hash = await identity.hashPassword(PASSWORD); // one hash for every learner: the bench is not about argon2
    await dataSource.query(
      `INSERT INTO app_user (email, email_verified_at, password_hash, first_name, last_name)
       SELECT 'bench-' || n || '@bench.academie-ia.invalid', now(), $1, 'Bench', 'Learner' FROM generate_series(1, $2) AS n`,
      [hash, LEARNERS],
    );
    // The ceiling: single-row inserts of the same shape as progress_event (uuid key, same columns), no API.
    await dataSource.query(`
      CREATE TABLE bench_plain_insert (
        event_id uuid PRIMARY KEY, enrollment_id uuid NOT NULL, lesson_id uuid NOT NULL, type varchar(20) NOT NULL,
        position double precision, completes boolean NOT NULL, occurred_at timestamptz NOT NULL, received_at timestamptz NOT NULL DEFAULT now())`);
  } finally {
    await dataSource.destroy();
  }
}

function call(agent, port, method, path, token, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        agent,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

/** Signs the learners in and enrolls each in a demo course (round robin); returns their token and lessons. */
async function enrollLearners(port) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const list = JSON.parse((await call(agent, port, 'GET', '/api/courses?limit=50')).body).items;
  const courses = [];
  for (const course of list) {
    const detail = JSON.parse((await call(agent, port, 'GET', `/api/courses/${course.slug}`)).body);
    const lessons = detail.modules.flatMap((m) => m.lessons).filter((l) => l.kind !== 'quiz');
    courses.push({ id: course.id, videos: lessons.filter((l) => l.kind === 'video').map((l) => l.id), texts: lessons.filter((l) => l.kind === 'text').map((l) => l.id) });
  }
  const learners = [];
  for (let i = 0; i < LEARNERS; i++) {
    const login = await call(agent, port, 'POST', '/api/auth/login', null, { email: `bench-${i + 1}@bench.academie-ia.invalid`, password: PASSWORD });
    if (login.status !== 200) throw new Error(`login answered ${login.status}: ${login.body}`);
    const token = JSON.parse(login.body).accessToken;
    const course = courses[i % courses.length];
    const enrolled = await call(agent, port, 'POST', '/api/enrollments', token, { courseId: course.id });
    if (enrolled.status !== 201) throw new Error(`enrollment answered ${enrolled.status}: ${enrolled.body}`);
    learners.push({ token, enrollmentId: JSON.parse(enrolled.body).id, course, position: 0 });
  }
  agent.destroy();
  return learners;
}

/** One learner's next events: mostly video positions moving forward (as a player sends them), sometimes a lesson opened. */
function nextEvents(learner, count) {
  const events = [];
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    learner.position = (learner.position + 5) % 600;
    const video = learner.course.videos[learner.position % learner.course.videos.length];
    events.push(
      video && i % 8 !== 7
        ? { eventId: randomUUID(), lessonId: video, type: 'video_position', position: learner.position, occurredAt: new Date(now - (count - i)).toISOString() }
        : { eventId: randomUUID(), lessonId: learner.course.texts[i % learner.course.texts.length], type: 'started', occurredAt: new Date(now - (count - i)).toISOString() },
    );
  }
  return events;
}

// ------------------------------------------------------------------------------------------------ CPU
/**
 * CPU used over the measured window by the API process, the PostgreSQL backends of the bench database and this
 * load generator: on a shared machine the rates depend on the neighbours, the CPU per request does not.
 */
async function cpuMeter(apiPid) {
  const monitor = new pg.Client({ connectionString: DATABASE_URL });
  monitor.on('error', () => undefined);
  await monitor.connect();
  const backends = async () =>
    (await monitor.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)).rows.map((r) => r.pid);
  let before = null;
  const snapshot = async () => {
    const pids = await backends();
    return { api: apiPid ? processCpuMs(apiPid) : 0, postgres: new Map(pids.map((pid) => [pid, processCpuMs(pid) ?? 0])), self: process.cpuUsage() };
  };
  return {
    start: async () => {
      before = await snapshot();
    },
    stop: async () => {
      const after = await snapshot();
      await monitor.end();
      let postgres = 0;
      for (const [pid, ms] of after.postgres) postgres += ms - (before.postgres.get(pid) ?? 0);
      const self = process.cpuUsage(before.self);
      return { api: (after.api ?? 0) - (before.api ?? 0), postgres, generator: (self.user + self.system) / 1000 };
    },
  };
}

// ------------------------------------------------------------------------------------------------ load
/**
 * 64 concurrent clients calling `once(client)` in a loop (it resolves with the number of events written) for the
 * warm-up then the measured period; a line every 5 s while measuring.
 */
async function drive(label, once, sample = () => '', meter = null) {
  const latencies = [];
  let events = 0;
  let errors = 0;
  let measuring = false;
  const end = Date.now() + WARMUP_MS + MEASURE_MS;
  const client = async (index) => {
    while (Date.now() < end) {
      const t0 = process.hrtime.bigint();
      try {
        const written = await once(index);
        if (measuring) {
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
          events += written;
        }
      } catch (error) {
        errors++;
        if (errors <= 3) say(`  ${label} : erreur ${error.message}`);
      }
    }
  };
  let metering = Promise.resolve();
  let lastCount = 0;
  let ticker;
  const warm = setTimeout(() => {
    measuring = true;
    if (meter) metering = meter.start();
    say(`  ${label} : chauffe terminée, mesure pendant ${MEASURE_MS / 1000} s…`);
    ticker = setInterval(() => {
      say(`  ${label} : ${Math.round((latencies.length - lastCount) / 5)} req/s sur les 5 dernières secondes${sample()}`);
      lastCount = latencies.length;
    }, 5_000);
  }, WARMUP_MS);
  await Promise.all(Array.from({ length: LEARNERS }, (_, i) => client(i)));
  clearTimeout(warm);
  clearInterval(ticker);
  await metering;
  const cpu = meter ? await meter.stop() : null;
  const seconds = MEASURE_MS / 1000;
  const n = latencies.length;
  return {
    requests: n,
    rate: n / seconds,
    events,
    eventRate: events / seconds,
    errors,
    ...quantiles(latencies),
    cpu: cpu && { api: cpu.api / n, postgres: cpu.postgres / n, generator: cpu.generator / n },
  };
}

/**
 * Open loop: the learners send at a fixed total rate (each on its own schedule, spread evenly), whatever the answers'
 * speed; a latency runs from the scheduled send, so a late answer also delays the next one's clock (no coordinated
 * omission). What a learner feels below saturation, beside the closed loop above, which measures the queue at the
 * maximum rate (Little's law: 64 clients / rate).
 */
async function driveAtRate(label, once, rate) {
  const latencies = [];
  let errors = 0;
  let events = 0;
  const interval = (LEARNERS / rate) * 1000;
  const startAt = performance.now() + 100;
  const measureFrom = startAt + WARMUP_MS;
  const end = measureFrom + MEASURE_MS;
  const client = async (index) => {
    for (let k = 0; ; k++) {
      const scheduled = startAt + (index / LEARNERS) * interval + k * interval;
      if (scheduled >= end) return;
      const wait = scheduled - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      try {
        const written = await once(index);
        if (scheduled >= measureFrom) {
          latencies.push(performance.now() - scheduled);
          events += written;
        }
      } catch (error) {
        errors++;
        if (errors <= 3) say(`  ${label} : erreur ${error.message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: LEARNERS }, (_, i) => client(i)));
  const seconds = MEASURE_MS / 1000;
  return { requests: latencies.length, rate: latencies.length / seconds, events, eventRate: events / seconds, errors, ...quantiles(latencies), cpu: null };
}

const fmt = (r) =>
  `${Math.round(r.rate)} req/s, ${Math.round(r.eventRate)} événements/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms${r.errors ? `, ${r.errors} erreur(s)` : ''}` +
  (r.cpu ? `\n     CPU par requête : API ${r.cpu.api.toFixed(2)} ms, PostgreSQL ${r.cpu.postgres.toFixed(2)} ms, générateur ${r.cpu.generator.toFixed(2)} ms` : '');
/** Requests per second two idle cores would serve, from the CPU per request (API + PostgreSQL, generator left out). */
const ceiling = (r) => (r.cpu ? 2000 / (r.cpu.api + r.cpu.postgres) : NaN);

// ------------------------------------------------------------------------------------------------ run
let api;
let plainPool;
try {
  say(`Charge de la machine au départ (loadavg 1 min) : ${loadavg()[0].toFixed(1)} pour ${cpus().length} cœurs.`);
  say(`Base ${dbUrl.pathname.slice(1)} : migrations, catalogue de démonstration, ${LEARNERS} apprenants…`);
  await prepareDatabase();
  const port = await freePort();
  api = await start(
    [...API_NODE_FLAGS, join(root, 'dist/server/apps/api/src/main.js')],
    {
      NODE_ENV: 'production',
      DATABASE_URL,
      REDIS_URL,
      REDIS_PREFIX: `bench-progress-${stamp}`,
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
      CREDENTIAL_SIGNING_KEY: credentialSigningKey(),
      LOG_LEVEL: 'warn',
      RATE_LIMIT_LOGIN_PER_IP: '100000',
      RATE_LIMIT_LOGIN_PER_ACCOUNT: '100000',
      ...(API_POOL ? { DATABASE_POOL_SIZE: API_POOL } : {}),
    },
    async () => (await fetch(`http://127.0.0.1:${port}/api/health/ready`)).status === 200,
  );
  say(`API démarrée (pid ${api.pid}) ; inscription des ${LEARNERS} apprenants par l’API…`);
  const learners = await enrollLearners(port);
  const memory = () => `, mémoire de l’API ${Math.round((peakMemoryKb(api.pid) ?? 0) / 1024)} Mo (pic)`;

  const agent = new http.Agent({ keepAlive: true, maxSockets: LEARNERS });
  const postEvents = (count) => async (index) => {
    const learner = learners[index];
    const answer = await call(agent, port, 'POST', '/api/progress/events', learner.token, { events: nextEvents(learner, count) });
    if (answer.status !== 200) throw new Error(`POST /api/progress/events answered ${answer.status}: ${answer.body.slice(0, 200)}`);
    return count;
  };

  say(`1/4 API, un événement par requête (${LEARNERS} apprenants simultanés, ${WARMUP_MS / 1000} s de chauffe, ${MEASURE_MS / 1000} s mesurées)…`);
  const single = await drive('un par requête', postEvents(1), memory, await cpuMeter(api.pid));
  say(`  => ${fmt(single)}`);
  say(`2/4 API, lots de 20 événements…`);
  const batched = await drive('lots de 20', postEvents(20), memory, await cpuMeter(api.pid));
  say(`  => ${fmt(batched)}`);
  const paced = Math.max(1, Math.round(single.rate / 2));
  say(`3/4 API, un événement par requête à débit fixé (${paced} req/s, la moitié du débit saturé ; boucle ouverte)…`);
  const steady = await driveAtRate('débit fixé', postEvents(1), paced);
  say(`  => ${fmt(steady)}`);
  agent.destroy();
  const peakKb = peakMemoryKb(api.pid);

  const stored = new pg.Client({ connectionString: DATABASE_URL });
  await stored.connect();
  const { rows } = await stored.query(`SELECT count(*)::int AS n FROM progress_event`);
  await stored.end();
  await stop(api);
  api = undefined;

  say(`4/4 INSERT d’une ligne par requête avec pg, ${LEARNERS} connexions simultanées, sans l’API…`);
  plainPool = new pg.Pool({ connectionString: DATABASE_URL, max: LEARNERS });
  plainPool.on('error', () => undefined);
  const enrollmentIds = learners.map((l) => l.enrollmentId);
  const plainMeter = await cpuMeter(null);
  const plain = await drive('INSERT simple', async (index) => {
    const [event] = nextEvents(learners[index], 1);
    await plainPool.query(
      `INSERT INTO bench_plain_insert (event_id, enrollment_id, lesson_id, type, position, completes, occurred_at) VALUES ($1, $2, $3, $4, $5, false, $6)`,
      [event.eventId, enrollmentIds[index], event.lessonId, event.type, event.position ?? null, event.occurredAt],
    );
    return 1;
  }, () => '', plainMeter);
  say(`  => ${fmt(plain)}`);

  const ratio = single.rate / plain.rate;
  say('');
  say(
    `Plafond sur deux cœurs libres d’après le CPU par requête (API + PostgreSQL) : un par requête ${Math.round(ceiling(single))} req/s, ` +
      `lots de 20 ${Math.round(ceiling(batched) * 20)} événements/s, INSERT simples ${Math.round(2000 / plain.cpu.postgres)}/s (PostgreSQL seul) ; ` +
      `rapport un par requête / INSERT ${(ceiling(single) / (2000 / plain.cpu.postgres)).toFixed(2)}.`,
  );
  say(`Un événement par requête : ${Math.round(single.rate)} req/s, soit ${ratio.toFixed(2)} du débit des INSERT simples (${Math.round(plain.rate)}/s) ; objectif ≥ 0,33.`);
  say(`Lots de 20 : ${Math.round(batched.eventRate)} événements/s ; objectif ≥ 10 000.`);
  say(`p99 : ${single.p99.toFixed(1)} ms (un par requête), ${batched.p99.toFixed(1)} ms (lots de 20) ; objectif < 50 ms.`);
  say(`p99 à débit fixé (${paced} req/s, la moitié du débit saturé) : ${steady.p99.toFixed(1)} ms (p50 ${steady.p50.toFixed(1)} ms).`);
  say(`Mémoire de l’API (VmHWM) : ${Math.round((peakKb ?? 0) / 1024)} Mo ; objectif < 300 Mo.`);
  say(`Événements stockés : ${rows[0].n} (dont ${single.events + batched.events + steady.events} pendant les mesures).`);
  say(`API lancée avec « node ${API_NODE_FLAGS.join(' ')} » ; pools de l’API : ${API_POOL ?? '10 (défaut)'} connexions chacun ; charge de la machine à la fin (loadavg 1 min) : ${loadavg()[0].toFixed(1)}.`);
  const row = (label, r, throughApi = true) => ({
    label,
    'req/s': r.rate,
    'events/s': r.eventRate,
    'p50 (ms)': r.p50,
    'p95 (ms)': r.p95,
    'p99 (ms)': r.p99,
    errors: r.errors,
    'CPU/request API (ms)': throughApi ? (r.cpu?.api ?? null) : null,
    'CPU/request PostgreSQL (ms)': r.cpu?.postgres ?? null,
  });
  const peakMb = (peakKb ?? 0) / 1024;
  writeSummary('progress', {
    title: 'Progress ingest',
    issue: 5,
    command: 'npm run bench:progress',
    parameters: { learners: LEARNERS, warmupSeconds: WARMUP_MS / 1000, measuredSeconds: MEASURE_MS / 1000, apiNodeFlags: API_NODE_FLAGS.join(' '), apiPoolSize: API_POOL ?? 'default (10)' },
    results: [
      row('API, 1 event per request', single),
      row('API, batches of 20 events', batched),
      row(`API, 1 event per request at a fixed ${paced} req/s (half the saturated rate, open loop)`, steady),
      row('plain single-row INSERT through pg (baseline)', plain, false),
      { label: 'API, batches of 20: what two idle cores would serve, from the CPU per request', 'req/s': ceiling(batched), 'events/s': ceiling(batched) * 20 },
    ],
    ratios: [
      { label: 'req/s, 1 event per request / plain INSERT', value: ratio },
      { label: 'same, from the CPU per request (two idle cores)', value: ceiling(single) / (2000 / plain.cpu.postgres) },
    ],
    targets: [
      { issue: 5, label: '1 event per request ≥ 0.33 of the plain-insert rate', measured: ratio.toFixed(2), met: ratio >= 0.33 },
      { issue: 5, label: '10,000 events/s in batches of 20', measured: `${Math.round(batched.eventRate)} events/s`, met: batched.eventRate >= 10_000 },
      { issue: 5, label: 'p99 < 50 ms (1 event per request)', measured: `${single.p99.toFixed(1)} ms`, met: single.p99 < 50 },
      { issue: 5, label: 'p99 < 50 ms (batches of 20)', measured: `${batched.p99.toFixed(1)} ms`, met: batched.p99 < 50 },
      // Not the issue's reading (it measures at saturation): the same bound below saturation, shown beside it.
      { issue: 5, label: `p99 < 50 ms at a fixed ${paced} req/s (half the saturated rate; supplementary reading)`, measured: `${steady.p99.toFixed(1)} ms`, met: steady.p99 < 50 },
      { issue: 5, label: 'API memory < 300 MB (VmHWM)', measured: `${Math.round(peakMb)} MB`, met: peakKb !== null && peakMb < 300 },
    ],
  });
} finally {
  if (api) await stop(api);
  if (plainPool) await plainPool.end();
  await db.dropDatabase(DATABASE_URL).catch((e) => say(`Suppression de la base impossible : ${e.message}`));
  say(`Base ${dbUrl.pathname.slice(1)} supprimée.`);
}
