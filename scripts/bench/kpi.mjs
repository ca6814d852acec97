// KPI benchmark (`npm run bench:kpi [-- --learners 10000,1500000] [--keep] [--reuse <database url>]`, after the server
// build). `--reuse` measures a database kept by an earlier run (`--keep`): its missing migrations are applied, no data
// is loaded again (the size is read from it).
// For each size: a database of its own (academie_bench_kpi_<ts>_<n>, dropped at the end unless --keep), 50 published
// courses, then learners, enrollments (2 per learner), completions (about half) and certificates generated inside
// PostgreSQL (INSERT ... SELECT generate_series), spread over 24 months; the rollups built by the reconciliation SQL
// (`--rebuild`, as on a first deployment), then checked (0 difference). The built API runs as a real process; 16
// keep-alive clients call each KPI route (warm-up, then a measured phase); pg_stat_user_tables is read before and after
// the measured phases to show that the KPI reads touched no base table. Besides latencies, the CPU time used per
// request by the API process and by the PostgreSQL backends of the bench database (/proc/<pid>/stat, over each route's
// warm-up and measured phase): on a shared machine latencies depend on the neighbours, CPU per request much less.
// Traffic goes to 127.0.0.1 only; bounded in time.
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import { join } from 'node:path';
import pg from 'pg';
import { root } from '../paths.mjs';
import { processCpuMs, writeSummary } from './bench-kit.mjs';

const args = process.argv.slice(2);
const arg = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const REUSE = arg('--reuse');
const SIZES = REUSE ? [0] : (arg('--learners') ?? '10000,1500000').split(',').map(Number);
const KEEP = args.includes('--keep');
const CLIENTS = 16;
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 3_000);
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 10_000);
const COURSES = 50;
const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const BASE_TABLES = ['app_user', 'user_role', 'session_family', 'enrollment', 'course_completion', 'certificate', 'course', 'course_version', 'learning_version'];
const GUARD_TABLES = ['app_user', 'user_role', 'session_family'];
const say = (line) => process.stdout.write(`${line}\n`);

const db = await import(join(root, 'dist/server/libs/server/database/src/index.js'));
const catalog = await import(join(root, 'dist/server/libs/server/catalog/src/index.js'));
const identity = await import(join(root, 'dist/server/libs/server/identity/src/index.js'));
const reporting = await import(join(root, 'dist/server/libs/server/reporting/src/index.js'));
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);

// ------------------------------------------------------------------------------------------------ data
async function seed(url, learners) {
  await db.ensureDatabase(url);
  const ds = db.createDataSource({ DATABASE_URL: url, DATABASE_POOL_SIZE: 2 }, undefined, 'academie-bench-kpi');
  await ds.initialize();
  await db.runMigrations(ds, (line) => say(`    ${line}`));
  await ds.transaction(async (m) => {
    for (let i = 0; i < COURSES; i++) {
      const [row] = await m.query(
        `INSERT INTO course (slug, kind, title, summary, level, duration_minutes, status) VALUES ($1, 'course', $2, 'Résumé', 'decouverte', 30, 'draft') RETURNING id`,
        [`bench-kpi-${i}`, `Cours ${i}`],
      );
      const meta = { kind: 'course', title: `Cours ${i}`, summary: 'Un cours de test de charge.', level: 'decouverte', durationMinutes: 30, audiences: ['pme'], sectors: [], useCases: ['bureautique'], countsTowardGoal: i % 10 !== 9 };
      const version = await catalog.insertDraftVersion(m, row.id, meta, null);
      await catalog.insertVersionContent(m, version.id, { modules: [{ title: 'Module', lessons: [{ kind: 'text', title: 'Leçon', durationMinutes: 10, text: { markdown: 'Texte.' } }] }] });
      await catalog.publishVersion(m, version.id, null, new Date('2024-01-01T00:00:00Z'));
    }
    await m.query(`INSERT INTO learning_version (version_id, course_id, course_slug, version_number, title, lesson_count, required_lessons)
                   SELECT v.id, v.course_id, c.slug, v.number, v.title, 1, 0 FROM course_version v JOIN course c ON c.id = v.course_id WHERE v.status = 'published'`);
  });
  const steps = [
    ['comptes', `INSERT INTO app_user (id, email, email_verified_at, first_name, last_name, status, staff_band, region, sector, siren, audience, created_at)
       SELECT md5('u' || i)::uuid, 'bench-' || i || '@example.invalid', now(), 'Prénom', 'Nom',
              (ARRAY['salarie','salarie','salarie','dirigeant','apprenti','demandeur_emploi'])[1 + i % 6],
              CASE WHEN i % 6 = 5 THEN NULL ELSE (ARRAY['NN','00','01','02','03','11','12','21','22','31','32','41','42','51','52','53'])[1 + (i / 7) % 16] END,
              (ARRAY['01','02','03','04','06','11','24','27','28','32','44','52','53','75','76','84','93','94'])[1 + (i / 3) % 18],
              chr(65 + (i / 11) % 21),
              CASE WHEN i % 6 IN (4, 5) THEN NULL ELSE lpad(((i / 5) % 400000)::text, 9, '7') END,
              CASE WHEN i % 6 = 4 THEN 'apprenti' WHEN i % 6 = 5 THEN 'demandeur_emploi'
                   ELSE (ARRAY['tpe','tpe','tpe','tpe','tpe','pme','pme','pme','pme','pme','eti','eti','eti','eti','grand_groupe','grand_groupe'])[1 + (i / 7) % 16] END,
              now()
         FROM generate_series(1, $1::int) AS i`],
    ['inscriptions', `INSERT INTO enrollment (id, user_id, course_id, version_id, enrolled_at, required_lessons, completed_at)
       SELECT md5('e' || i || '-' || k)::uuid, md5('u' || i)::uuid, v.cs[1 + (i * 13 + k * 17) % ${COURSES}], v.vs[1 + (i * 13 + k * 17) % ${COURSES}],
              timestamptz '2024-06-01' + ((i::bigint * 7919 + k * 104729) % 63072000) * interval '1 second', 0,
              CASE WHEN (i + k) % 2 = 0 THEN timestamptz '2024-06-01' + ((i::bigint * 7919 + k * 104729) % 63072000) * interval '1 second' + interval '3 days' END
         FROM (SELECT array_agg(version_id ORDER BY version_id) AS vs, array_agg(course_id ORDER BY version_id) AS cs FROM learning_version) v,
              generate_series(1, $1::int) AS i CROSS JOIN generate_series(0, 1) AS k`],
    ['achèvements', `INSERT INTO course_completion (enrollment_id, user_id, course_id, version_id, completed_at)
       SELECT id, user_id, course_id, version_id, completed_at FROM enrollment WHERE completed_at IS NOT NULL`],
    ['certificats', `INSERT INTO certificate (id, code, enrollment_id, user_id, course_id, version_id, course_title, version_number, duration_minutes,
                                          printed_name, completed_at, issued_at, status_index)
       SELECT md5('c' || e.enrollment_id)::uuid, upper(substr(md5('k' || e.enrollment_id), 1, 16)), e.enrollment_id, e.user_id, e.course_id, e.version_id,
              'Cours', 1, 30, 'Prénom Nom', e.completed_at, e.completed_at + interval '2 seconds', row_number() OVER () - 1
         FROM course_completion e`],
  ];
  for (const [label, sql] of steps) {
    const started = Date.now();
    await ds.query(`SET statement_timeout = 0`);
    await ds.query(sql, sql.includes("$1") ? [learners] : []);
    say(`    ${label} : ${Date.now() - started} ms`);
  }
  await ds.query(`SELECT setval('certificate_status_index_seq', (SELECT count(*) FROM certificate))`);
  say('    VACUUM ANALYZE…');
  await ds.query('VACUUM ANALYZE');
  const counts = (await ds.query(`SELECT (SELECT count(*) FROM app_user)::int AS users, (SELECT count(*) FROM enrollment)::int AS enrollments,
      (SELECT count(*) FROM course_completion)::int AS completions, (SELECT count(*) FROM certificate)::int AS certificates`))[0];
  say(`    ${counts.users} comptes, ${counts.enrollments} inscriptions, ${counts.completions} achèvements, ${counts.certificates} certificats`);
  say('    cumuls des KPI construits par la réconciliation (--rebuild)…');
  const report = await reporting.reconcileKpis(ds, { trigger: 'cli', rebuild: true, progress: (l) => say(`    ${l}`) });
  if (report.differenceCount !== 0) throw new Error(`reconciliation after rebuild: ${report.differenceCount} differences`);
  await ds.query('VACUUM ANALYZE');
  const [{ cells }] = await ds.query(`SELECT count(*)::int AS cells FROM kpi_cell`);
  say(`    ${cells} lignes dans kpi_cell`);
  // The caller: a ministry account with an open session.
  const [user] = await ds.query(`INSERT INTO app_user (email, email_verified_at, first_name, last_name) VALUES ('ministere@example.invalid', now(), 'M', 'M') RETURNING id`);
  await ds.query(`INSERT INTO user_role (user_id, role) VALUES ($1, 'ministry')`, [user.id]);
  const [session] = await ds.query(`INSERT INTO session_family (user_id) VALUES ($1) RETURNING id`, [user.id]);
  await ds.destroy();
  return { userId: user.id, sessionId: session.id, cells, counts };
}

/** A database kept by an earlier run: migrations brought up to date, a new ministry caller, its size read. */
async function reuse(url) {
  const ds = db.createDataSource({ DATABASE_URL: url, DATABASE_POOL_SIZE: 2 }, undefined, 'academie-bench-kpi');
  await ds.initialize();
  await db.runMigrations(ds, (line) => say(`    ${line}`));
  const counts = (await ds.query(`SELECT (SELECT count(*) FROM kpi_learner)::int AS users, (SELECT count(*) FROM enrollment)::int AS enrollments,
      (SELECT count(*) FROM course_completion)::int AS completions, (SELECT count(*) FROM certificate)::int AS certificates`))[0];
  const [{ cells }] = await ds.query(`SELECT count(*)::int AS cells FROM kpi_cell`);
  const [user] = await ds.query(`INSERT INTO app_user (email, email_verified_at, first_name, last_name) VALUES ($1, now(), 'M', 'M') RETURNING id`, [`ministere-${stamp}@example.invalid`]);
  await ds.query(`INSERT INTO user_role (user_id, role) VALUES ($1, 'ministry')`, [user.id]);
  const [session] = await ds.query(`INSERT INTO session_family (user_id) VALUES ($1) RETURNING id`, [user.id]);
  await ds.destroy();
  say(`    ${counts.users} apprenants, ${counts.enrollments} inscriptions, ${counts.certificates} certificats, ${cells} lignes dans kpi_cell`);
  return { userId: user.id, sessionId: session.id, cells, counts, learners: counts.users };
}

// ------------------------------------------------------------------------------------------------ load
let rnd = 7;
const rand = () => ((rnd = (rnd * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(rand() * list.length)];
const DIMS = ['audience', 'region', 'sector', 'companySize', 'course'];
const FILTERS = { audience: ['tpe', 'pme', 'eti', 'apprenti'], region: ['11', '84', '93', '76'], sector: ['C', 'G', 'J', 'M'], companySize: ['01', '12', '32', '52'] };
const month = (offset) => {
  const d = new Date(Date.UTC(2024, 5 + offset, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};
function range(params) {
  if (rand() < 0.5) return;
  const a = Math.floor(rand() * 24);
  const b = a + Math.floor(rand() * (24 - a));
  params.set('from', month(a));
  params.set('to', month(b));
}
const ROUTES = {
  overview: () => '/api/kpi/overview',
  breakdown: () => {
    const by = pick(DIMS);
    const params = new URLSearchParams({ by });
    const n = Math.floor(rand() * 3);
    for (const f of Object.keys(FILTERS).filter((d) => d !== by).sort(() => rand() - 0.5).slice(0, n)) params.set(f, pick(FILTERS[f]));
    range(params);
    return `/api/kpi/breakdown?${params}`;
  },
  timeseries: () => {
    const params = new URLSearchParams({ interval: 'month' });
    if (rand() < 0.5) params.set('region', pick(FILTERS.region));
    range(params);
    return `/api/kpi/timeseries?${params}`;
  },
  'export.json': () => '/api/kpi/export.json',
  'export.csv': () => '/api/kpi/export.csv',
};

function request(agent, port, path, token) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${path} answered ${res.statusCode}`))));
    });
    req.on('error', reject);
  });
}

async function load(port, token, nextPath) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const latencies = [];
  let all = 0;
  let measuring = false;
  const end = Date.now() + WARMUP_MS + MEASURE_MS;
  const timer = setTimeout(() => (measuring = true), WARMUP_MS);
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (Date.now() < end) {
      const t0 = process.hrtime.bigint();
      await request(agent, port, nextPath(), token);
      all++;
      if (measuring) latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }));
  clearTimeout(timer);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { requests: latencies.length, all, p50: q(0.5), p95: q(0.95) };
}

async function scans(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(`SELECT relname, coalesce(seq_scan, 0)::bigint AS seq, coalesce(idx_scan, 0)::bigint AS idx FROM pg_stat_user_tables`);
  await client.end();
  return Object.fromEntries(rows.map((r) => [r.relname, { seq: Number(r.seq), idx: Number(r.idx) }]));
}
/** CPU used so far by the PostgreSQL backends connected to the database (the API's pool), in ms. */
async function backendsCpuMs(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
  await client.end();
  return Object.fromEntries(rows.map((r) => [r.pid, processCpuMs(r.pid) ?? 0]));
}
const cpuDelta = (before, after) => Object.entries(after).reduce((sum, [pid, ms]) => sum + ms - (before[pid] ?? 0), 0);

/** Statistics reach pg_stat_user_tables when a backend reports them (at most every second, and when idle). */
const settle = () => new Promise((r) => setTimeout(r, 1500));

function start(env, port) {
  const child = spawn(process.execPath, [join(root, 'dist/server/apps/api/src/main.js')], { cwd: root, env: { ...process.env, NODE_OPTIONS: '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000;
    const poll = async () => {
      if (child.exitCode !== null) return reject(new Error(`api exited: ${stderr}`));
      if ((await fetch(`http://127.0.0.1:${port}/api/health/ready`).then((r) => r.status).catch(() => 0)) === 200) return resolve(child);
      if (Date.now() > deadline) return reject(new Error('api not ready within 60 s'));
      setTimeout(poll, 200);
    };
    poll();
  });
}
const stop = (child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGTERM'))));
const freePort = () => new Promise((resolve) => { const s = http.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); }); });

// ------------------------------------------------------------------------------------------------ run
const results = {};
for (let learners of SIZES) {
  const url = new URL(REUSE ?? SERVER);
  if (!REUSE) url.pathname = `/academie_bench_kpi_${stamp}_${learners}`;
  const DATABASE_URL = url.toString();
  let api;
  try {
    say(`\n== ${REUSE ? 'base conservée' : `${learners.toLocaleString('fr-FR')} apprenants`} : base ${url.pathname.slice(1)}`);
    const t0 = Date.now();
    const seeded = REUSE ? await reuse(DATABASE_URL) : await seed(DATABASE_URL, learners);
    if (REUSE) learners = seeded.learners;
    say(`    données et cumuls prêts en ${Math.round((Date.now() - t0) / 1000)} s`);
    const secret = randomBytes(32).toString('base64url');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const port = await freePort();
    api = await start({
      NODE_ENV: 'production', DATABASE_URL, REDIS_URL, REDIS_PREFIX: `bench-kpi-${stamp}`, API_HOST: '127.0.0.1', API_PORT: String(port),
      AUTH_JWT_SECRET: secret, CREDENTIAL_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }), LOG_LEVEL: 'warn',
    }, port);
    const token = await new identity.AccessTokenService({ AUTH_JWT_SECRET: secret, AUTH_ACCESS_TOKEN_TTL_SECONDS: 3600 }).sign({ sub: seeded.userId, sid: seeded.sessionId });
    await settle();
    const before = await scans(DATABASE_URL);
    const measured = {};
    for (const [name, next] of Object.entries(ROUTES)) {
      // Backends opened during the phase count from 0: a pool connection's CPU is all of this run.
      const [api0, pg0] = [processCpuMs(api.pid), await backendsCpuMs(DATABASE_URL)];
      const r = await load(port, token, next);
      r.apiCpuMs = (processCpuMs(api.pid) - api0) / r.all;
      r.pgCpuMs = cpuDelta(pg0, await backendsCpuMs(DATABASE_URL)) / r.all;
      measured[name] = r;
      say(`    ${name.padEnd(12)} p50 ${r.p50.toFixed(1)} ms  p95 ${r.p95.toFixed(1)} ms  (${r.requests} requêtes mesurées, ${CLIENTS} clients)` +
        `  CPU par requête : API ${r.apiCpuMs.toFixed(2)} ms, PostgreSQL ${r.pgCpuMs.toFixed(2)} ms`);
    }
    await settle();
    const after = await scans(DATABASE_URL);
    const deltas = Object.fromEntries(BASE_TABLES.map((t) => [t, { seq: (after[t]?.seq ?? 0) - (before[t]?.seq ?? 0), idx: (after[t]?.idx ?? 0) - (before[t]?.idx ?? 0) }]));
    say('    pg_stat_user_tables pendant la mesure (seq_scan / idx_scan) :');
    for (const [t, d] of Object.entries(deltas)) say(`      ${t.padEnd(18)} ${d.seq} / ${d.idx}`);
    results[learners] = { measured, deltas, cells: seeded.cells, counts: seeded.counts };
  } finally {
    if (api) await stop(api);
    if (KEEP || REUSE) say(`    base conservée (--keep) : ${DATABASE_URL}`);
    else {
      await db.dropDatabase(DATABASE_URL).catch((e) => say(`    suppression impossible : ${e.message}`));
      say('    base supprimée');
    }
  }
}

say('\n== Résultat');
const sizes = Object.keys(results).map(Number).sort((a, b) => a - b);
let ok = true;
for (const name of Object.keys(ROUTES)) {
  const cells = sizes.map((n) => `${n.toLocaleString('fr-FR')} : p50 ${results[n].measured[name].p50.toFixed(1)} / p95 ${results[n].measured[name].p95.toFixed(1)} ms`);
  const ratio = sizes.length > 1 ? results[sizes.at(-1)].measured[name].p95 / results[sizes[0]].measured[name].p95 : 1;
  const pass = sizes.every((n) => results[n].measured[name].p95 < 20) && ratio < 1.5;
  ok &&= pass;
  say(`  ${name.padEnd(12)} ${cells.join('  |  ')}  |  rapport p95 ${ratio.toFixed(2)}  ${pass ? 'OK' : 'HORS OBJECTIF'}`);
}
for (const n of sizes) {
  // app_user, user_role and session_family are read by the authentication guard (one lookup of the caller per request).
  const touched = Object.entries(results[n].deltas).filter(([t, d]) => (d.seq > 0 || d.idx > 0) && !GUARD_TABLES.includes(t));
  const guard = results[n].deltas.app_user.idx;
  say(`  ${n.toLocaleString('fr-FR')} : tables de base lues par les KPI : ${touched.length ? touched.map(([t]) => t).join(', ') : 'aucune'} ` +
    `(hors garde d'authentification : app_user ${guard} lectures par clé primaire, une par requête)`);
  ok &&= touched.length === 0;
}
say(`Objectifs (p95 < 20 ms à chaque taille, rapport < 1,5, aucune table de base lue) : ${ok ? 'atteints' : 'NON atteints'}`);
const p95Ratio = (name) => (sizes.length > 1 ? results[sizes.at(-1)].measured[name].p95 / results[sizes[0]].measured[name].p95 : 1);
writeSummary('kpi', {
  title: 'KPI routes',
  issue: 7,
  command: 'npm run bench:kpi',
  parameters: { learners: sizes.join(', '), clients: CLIENTS, warmupSeconds: WARMUP_MS / 1000, measuredSeconds: MEASURE_MS / 1000, courses: COURSES },
  results: sizes.flatMap((n) =>
    Object.keys(ROUTES).map((name) => ({
      label: `${name}, ${n.toLocaleString('en-US')} learners`,
      'p50 (ms)': results[n].measured[name].p50,
      'p95 (ms)': results[n].measured[name].p95,
      requests: results[n].measured[name].requests,
      'API CPU per request (ms)': results[n].measured[name].apiCpuMs,
      'PostgreSQL CPU per request (ms)': results[n].measured[name].pgCpuMs,
    })),
  ),
  ratios: Object.keys(ROUTES).map((name) => ({ label: `p95 ${name}, ${sizes.at(-1).toLocaleString('en-US')} / ${sizes[0].toLocaleString('en-US')} learners`, value: p95Ratio(name) })),
  targets: [
    ...Object.keys(ROUTES).map((name) => {
      const worst = Math.max(...sizes.map((n) => results[n].measured[name].p95));
      return { issue: 7, label: `${name}: p95 < 20 ms at every size`, measured: `${worst.toFixed(1)} ms (worst size)`, met: worst < 20 };
    }),
    ...Object.keys(ROUTES).map((name) => ({ issue: 7, label: `${name}: p95 ratio between sizes < 1.5`, measured: p95Ratio(name).toFixed(2), met: p95Ratio(name) < 1.5 })),
    ...sizes.map((n) => {
      const touched = Object.entries(results[n].deltas).filter(([t, d]) => (d.seq > 0 || d.idx > 0) && !GUARD_TABLES.includes(t)).map(([t]) => t);
      return { issue: 7, label: `no base table read by the KPI routes (${n.toLocaleString('en-US')} learners; the authentication guard's tables aside)`, measured: touched.join(', ') || 'none', met: touched.length === 0 };
    }),
  ],
});
process.exitCode = ok ? 0 : 1;
