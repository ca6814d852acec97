// Certificate issuance benchmark (`npm run bench:certificates`, after the server build).
// In a database of its own (academie_bench_certificates_<ts>, dropped at the end) with the demo catalogue:
//   1. bare loops, in this process, before any worker runs: (a) what issuance computes for a certificate (id, code
//      and salt derived from the enrollment id, the Open Badges credential built and signed RS256); (b) the PDF
//      rendered and the credential signed, as a download computes it;
//   A. issuance alone: a worker process with the real relay, queue, delivery processor and `certification`
//      subscriber, the other contexts' subscribers replaced by no-ops (scripts/bench/certificates-issuance-worker.mjs);
//      2,000 course.completed events committed at once, measured until the 2,000th certificate row exists;
//   B. the whole worker (dist/apps/worker, NODE_ENV=production, every subscriber: learning's daily counts, the KPIs,
//      e-mails sent over SMTP to a server in this process): 2,000 other learners' enrollments handled first (not
//      measured), then their 2,000 completions, measured the same way, then until everything they caused is handled.
// Each worker's peak resident memory is its VmHWM (/proc/<pid>/status). Everything runs on this machine (PostgreSQL,
// Redis under a prefix of its own, the workers); every loop is bounded in time.
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { root } from '../paths.mjs';
import { writeSummary } from './bench-kit.mjs';

const COMPLETIONS = Number(process.env.BENCH_COMPLETIONS ?? 2_000);
const BARE_MS = Number(process.env.BENCH_BARE_MS ?? 5_000);
const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const say = (line) => process.stdout.write(`${line}\n`);
const dist = (path) => join(root, 'dist/server', path);

const { CertificateIdentities } = await import(dist('libs/server/certification/src/certificate/certificate-identity.js'));
const { CredentialKeys } = await import(dist('libs/server/certification/src/credential/credential-keys.js'));
const { buildOpenBadgeCredential } = await import(dist('libs/server/certification/src/credential/open-badge.js'));
const { renderCertificatePdf } = await import(dist('libs/server/certification/src/pdf/certificate-pdf.js'));

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dbUrl = new URL(SERVER);
dbUrl.pathname = `/academie_bench_certificates_${stamp}`;
const DATABASE_URL = dbUrl.toString();
const PREFIX = `bench-certificates-${stamp}`;
const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const mailDir = mkdtempSync(join(tmpdir(), 'academie-bench-mail-'));
const env = {
  PATH: process.env.PATH,
  NODE_ENV: 'production',
  DATABASE_URL,
  REDIS_URL,
  REDIS_PREFIX: PREFIX,
  CREDENTIAL_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  PUBLIC_BASE_URL: 'https://academie-ia.example',
  SMTP_URL: `file://${mailDir}`,
  LOG_LEVEL: 'info',
  // The workers' batch of outbox events (OUTBOX_BATCH_SIZE), when the run sets it; otherwise the configuration's default.
  ...(process.env.OUTBOX_BATCH_SIZE ? { OUTBOX_BATCH_SIZE: process.env.OUTBOX_BATCH_SIZE } : {}),
};

function run(args, extraEnv = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${args.join(' ')} exited ${code}: ${output}`))));
  });
}

async function until(check, what, timeoutMs, intervalMs = 20) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

const rate = (count, ms) => (count * 1000) / ms;
const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

// ------------------------------------------------------------------------------------------------ 1. bare loops
const keys = new CredentialKeys(privateKey);
const identities = new CertificateIdentities(privateKey);
const course = { id: randomUUID(), title: 'Découvrir l’IA générative au quotidien', summary: 'Les bases, sans jargon, pour tous les métiers.' };

function issueBare(i) {
  const enrollmentId = randomUUID();
  const identity = identities.for(enrollmentId);
  return keys.signCredential(
    buildOpenBadgeCredential(env.PUBLIC_BASE_URL, {
      certificateId: identity.id,
      course,
      versionNumber: 1,
      durationMinutes: 90,
      completedAt: new Date(Date.UTC(2026, 2, 1 + (i % 28), 10)),
      email: `learner-${i}@example.fr`,
      salt: identity.salt,
      statusList: 1,
      statusListIndex: i,
    }),
  );
}

/** Rate (per second of wall clock) and CPU milliseconds per iteration of this process. */
async function loop(work) {
  for (let i = 0; i < 50; i++) await work(i); // warm-up
  const started = performance.now();
  const cpu = process.cpuUsage();
  let n = 0;
  while (performance.now() - started < BARE_MS) await work(n++);
  const used = process.cpuUsage(cpu);
  return { rate: rate(n, performance.now() - started), cpuMs: (used.user + used.system) / 1000 / n };
}

say(`Boucles nues (${BARE_MS / 1000} s chacune, ce processus) :`);
const { rate: bareIssue, cpuMs: bareIssueCpu } = await loop((i) => issueBare(i));
say(`  (a) identifiants + credential OB 3.0 signé RS256 : ${fmt(bareIssue)} /s`);
const { rate: barePdf, cpuMs: barePdfCpu } = await loop(async (i) => {
  issueBare(i);
  await renderCertificatePdf({
    code: identities.for(randomUUID()).code,
    learnerName: 'Marie-Hélène Lœb',
    courseTitle: course.title,
    versionNumber: 1,
    durationMinutes: 90,
    completedAt: new Date(Date.UTC(2026, 2, 1 + (i % 28), 10)),
    verificationUrl: `${env.PUBLIC_BASE_URL}/verifier/7K3M-Q9TX-2HBD-W4NR`,
  });
});
say(`  (b) PDF + credential signé : ${fmt(barePdf)} /s`);

// ------------------------------------------------------------------------------------------------ 2. the workers
/** Starts a worker process (its entry script) and waits for its « worker started » log line. */
async function startWorker(script, extraEnv = {}) {
  // BENCH_WORKER_NODE_ARGS: e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the workers.
  const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, script], { cwd: root, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  await until(async () => {
    if (child.exitCode !== null) throw new Error(`the worker exited: ${output}`);
    return output.includes('"worker started"');
  }, 'worker start', 60_000, 50);
  workers.push(child);
  return child;
}

async function stopWorker(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const TICKS = 100; // USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s on Linux
const cpuSeconds = (pid) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS; // utime + stime
  } catch {
    return 0; // the backend ended
  }
};

/** CPU seconds used so far by a worker process and by the PostgreSQL backends of its connections (by application name). */
async function cpuOf(child, applicationName) {
  const { rows } = await db.query(`SELECT pid FROM pg_stat_activity WHERE application_name = $1`, [applicationName]);
  return { worker: cpuSeconds(child.pid), backends: new Map(rows.map((r) => [r.pid, cpuSeconds(r.pid)])) };
}

/**
 * Transactions committed so far in the benchmark's database by others than this process (whose polling queries are
 * counted and taken out). Backends publish their counts within a second: read it after a pause once the work is done.
 */
let ownQueries = 0;
async function commitsSoFar() {
  await db.query(`SELECT pg_stat_clear_snapshot()`);
  const { rows } = await db.query(`SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()`);
  return Number(rows[0].xact_commit) - ownQueries;
}
const settled = () => new Promise((resolve) => setTimeout(resolve, 1_500));

/** CPU milliseconds per certificate between two snapshots: the worker's, and its PostgreSQL backends'. */
async function cpuPerCertificate(child, applicationName, before, count) {
  const after = await cpuOf(child, applicationName);
  let postgres = 0;
  for (const [pid, seconds] of after.backends) postgres += seconds - (before.backends.get(pid) ?? 0);
  return { worker: ((after.worker - before.worker) * 1000) / count, postgres: (postgres * 1000) / count };
}

const peakMemoryMiB = (child) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** `count` new learners, each completing one demo course (learner i, course i mod n), over two years of dates. */
async function learners(count, courses) {
  const { rows: users } = await db.query(
    `INSERT INTO app_user (email, email_verified_at, first_name, last_name)
     SELECT 'bench-' || gen_random_uuid() || '@example.fr', now(), 'Prénom', 'Nom ' || i FROM generate_series(1, $1) AS i RETURNING id`,
    [count],
  );
  return users.map((user, i) => ({
    enrollmentId: randomUUID(),
    userId: user.id,
    courseId: courses[i % courses.length].id,
    versionId: courses[i % courses.length].current_version_id,
    completedAt: new Date(Date.UTC(2024, i % 24, 1 + (i % 28), 10)).toISOString(),
  }));
}

const openEvents = async () => (await db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE processed_at IS NULL`)).rows[0].n;

/** Commits the completions at once; resolves with the milliseconds until the last of their certificates exists. */
async function measureIssuance(completions) {
  const before = (await db.query(`SELECT count(*)::int AS n FROM certificate`)).rows[0].n;
  await db.query(`INSERT INTO outbox_event (type, payload) SELECT 'course.completed', p FROM unnest($1::jsonb[]) AS p`, [
    completions.map((c) => JSON.stringify(c)),
  ]);
  const started = performance.now();
  await until(async () => (await db.query(`SELECT count(*)::int AS n FROM certificate`)).rows[0].n - before >= completions.length, 'certificates', 600_000, 10);
  return { started, ms: performance.now() - started };
}

/** Commits per second of one client inserting one row per transaction: what the disk's flushes allow on this machine now. */
async function commitRate() {
  await db.query(`CREATE TABLE bench_commit_probe (x integer)`);
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < 2_000) {
    await db.query(`INSERT INTO bench_commit_probe VALUES (1)`);
    n++;
  }
  await db.query(`DROP TABLE bench_commit_probe`);
  return rate(n, performance.now() - started);
}

let db;
let smtp;
const workers = [];
try {
  say(`Base ${dbUrl.pathname.slice(1)} : migrations et catalogue de démonstration…`);
  await run([dist('libs/server/database/src/cli/migrate.js')]);
  await run([dist('libs/server/database/src/cli/seed.js')]);
  db = new pg.Client({ connectionString: DATABASE_URL });
  db.on('error', () => undefined);
  await db.connect();
  const query = db.query.bind(db);
  db.query = (...args) => (ownQueries++, query(...args));
  const courses = (await db.query(`SELECT id, current_version_id FROM course WHERE status = 'published' ORDER BY slug`)).rows;

  // A. Issuance alone: the certification subscriber in a worker process of its own.
  say(`A. Émission seule (scripts/bench/certificates-issuance-worker.mjs) : ${fmt(COMPLETIONS)} course.completed validés d'un coup…`);
  const issuanceWorker = await startWorker(join(root, 'scripts/bench/certificates-issuance-worker.mjs'));
  const aLearners = await learners(COMPLETIONS, courses);
  await settled();
  const aCommitsBefore = await commitsSoFar();
  const aCpuBefore = await cpuOf(issuanceWorker, 'academie-bench-issuance');
  const a = await measureIssuance(aLearners);
  const aCpu = await cpuPerCertificate(issuanceWorker, 'academie-bench-issuance', aCpuBefore, COMPLETIONS);
  const aPeak = peakMemoryMiB(issuanceWorker);
  await until(async () => (await openEvents()) === 0, 'issuance drain', 600_000, 50);
  await settled();
  aCpu.commits = ((await commitsSoFar()) - aCommitsBefore) / COMPLETIONS;
  await stopWorker(issuanceWorker);
  say(`   ${fmt(a.ms / 1000, 2)} s`);

  // A'. The same, the worker's commits not waiting for the disk (synchronous_commit=off, set by the connection
  // options): not a production setting, a diagnostic of what the disk's flushes cost issuance on this machine.
  say(`A'. Émission seule, synchronous_commit=off (diagnostic) : ${fmt(COMPLETIONS)} course.completed…`);
  const asyncUrl = new URL(DATABASE_URL);
  asyncUrl.searchParams.set('options', '-c synchronous_commit=off');
  const asyncWorker = await startWorker(join(root, 'scripts/bench/certificates-issuance-worker.mjs'), { DATABASE_URL: asyncUrl.toString() });
  const a2 = await measureIssuance(await learners(COMPLETIONS, courses));
  await until(async () => (await openEvents()) === 0, 'issuance drain', 600_000, 50);
  await stopWorker(asyncWorker);
  say(`   ${fmt(a2.ms / 1000, 2)} s`);
  const commits = await commitRate();

  // B. The whole worker (dist/apps/worker): every subscriber of every event; e-mails to an SMTP server in this process.
  const { startMailCapture } = await import(join(root, 'libs/server/testing/mail-capture.mjs'));
  smtp = await startMailCapture();
  say(`B. Worker complet (dist/apps/worker) : ${fmt(COMPLETIONS)} inscriptions d'abord (non mesurées), puis ${fmt(COMPLETIONS)} course.completed…`);
  const fullWorker = await startWorker(dist('apps/worker/src/main.js'), { SMTP_URL: smtp.url });
  const completions = await learners(COMPLETIONS, courses);
  await db.query(`INSERT INTO outbox_event (type, payload) SELECT 'enrollment.created', p FROM unnest($1::jsonb[]) AS p`, [
    completions.map(({ completedAt, ...c }) => JSON.stringify({ ...c, enrolledAt: completedAt })),
  ]);
  await until(async () => (await openEvents()) === 0, 'enrollments', 600_000, 200);
  await settled();
  const bCommitsBefore = await commitsSoFar();
  const bCpuBefore = await cpuOf(fullWorker, 'academie-worker');
  const b = await measureIssuance(completions);
  const bCpu = await cpuPerCertificate(fullWorker, 'academie-worker', bCpuBefore, COMPLETIONS);
  await until(async () => (await openEvents()) === 0, 'drain', 900_000, 50);
  const bDrainMs = performance.now() - b.started;
  const bAllCpu = await cpuPerCertificate(fullWorker, 'academie-worker', bCpuBefore, COMPLETIONS);
  await settled();
  bCpu.commits = ((await commitsSoFar()) - bCommitsBefore) / COMPLETIONS;
  const bPeak = peakMemoryMiB(fullWorker);
  await stopWorker(fullWorker);

  const { rows: check } = await db.query(
    `SELECT count(*)::int AS certificates, count(DISTINCT enrollment_id)::int AS enrollments,
            (SELECT count(*)::int FROM outbox_event WHERE type = 'certificate.issued') AS issued_events,
            (SELECT count(*)::int FROM mail_message WHERE template = 'certificate-issued' AND sent_at IS NOT NULL) AS mails_sent
       FROM certificate`,
  );
  const aRate = rate(COMPLETIONS, a.ms);
  const bRate = rate(COMPLETIONS, b.ms);
  say('');
  say(`| Mesure (${new Date().toISOString().slice(0, 10)}, charge moyenne ${os.loadavg()[0].toFixed(1)}) | Valeur |`);
  say(`| --- | --- |`);
  say(`| (a) boucle nue : identifiants + credential OB 3.0 signé RS256 (ce que l'émission calcule) | ${fmt(bareIssue)} /s, ${fmt(bareIssueCpu, 2)} ms de CPU chacun |`);
  say(`| (b) boucle nue : PDF + credential signé (ce que calcule un téléchargement) | ${fmt(barePdf)} /s, ${fmt(barePdfCpu, 2)} ms de CPU chacun |`);
  say(`| A. émission seule : ${fmt(COMPLETIONS)} certificats | ${fmt(a.ms / 1000, 2)} s, **${fmt(aRate)} certificats/s**, mémoire de pointe ${fmt(aPeak, 0)} Mio |`);
  say(`| A. temps CPU par certificat : worker ${fmt(aCpu.worker, 2)} ms, PostgreSQL ${fmt(aCpu.postgres, 2)} ms (borne sur 2 cœurs libres : ${fmt(Math.min(1000 / aCpu.worker, 2000 / (aCpu.worker + aCpu.postgres)))} /s) |  |`);
  say(`| A. transactions validées par certificat, jusqu'à ce que tout soit traité | ${fmt(aCpu.commits, 2)} |`);
  say(`| A. rapport à la boucle (a) | ${fmt(aRate / bareIssue, 2)} en débit (file et base : ${fmt(100 * (1 - aRate / bareIssue))} % du temps) ; en CPU, la boucle fait ${fmt((100 * bareIssueCpu) / (aCpu.worker + aCpu.postgres))} % du coût d'un certificat |`);
  say(`| A'. émission seule, synchronous_commit=off (diagnostic, pas un réglage de production) | ${fmt(a2.ms / 1000, 2)} s, ${fmt(rate(COMPLETIONS, a2.ms))} certificats/s |`);
  say(`| validations PostgreSQL par seconde, un client, une ligne par transaction (le disque de cette machine) | ${fmt(commits)} /s |`);
  say(`| B. worker complet : ${fmt(COMPLETIONS)} certificats | ${fmt(b.ms / 1000, 2)} s, **${fmt(bRate)} certificats/s**, mémoire de pointe ${fmt(bPeak, 0)} Mio |`);
  say(`| B. temps CPU par certificat jusqu'au dernier : worker ${fmt(bCpu.worker, 2)} ms, PostgreSQL ${fmt(bCpu.postgres, 2)} ms |  |`);
  say(`| B. transactions validées par certificat, jusqu'à ce que tout soit traité | ${fmt(bCpu.commits, 2)} |`);
  say(`| B. tout ce qu'ils entraînent traité (KPI, e-mails envoyés en SMTP) | ${fmt(bDrainMs / 1000, 2)} s, ${fmt(rate(COMPLETIONS, bDrainMs))} /s ; CPU par certificat : worker ${fmt(bAllCpu.worker, 2)} ms, PostgreSQL ${fmt(bAllCpu.postgres, 2)} ms |`);
  say(`| B. rapport à la boucle (a) | ${fmt(bRate / bareIssue, 2)} |`);
  say('');
  say(`Contrôle : ${JSON.stringify(check[0])} ; e-mails reçus : ${smtp.messages.length}`);
  if (check[0].certificates !== 3 * COMPLETIONS || check[0].enrollments !== 3 * COMPLETIONS) throw new Error('not exactly one certificate per completion');
  const queueShare = 1 - aRate / bareIssue;
  const queueCpuShare = 1 - bareIssueCpu / (aCpu.worker + aCpu.postgres);
  writeSummary('certificates', {
    title: 'Certificate issuance',
    issue: 6,
    command: 'npm run bench:certificates',
    parameters: { completions: COMPLETIONS, bareLoopSeconds: BARE_MS / 1000, postgresCommitsPerSecondOneClient: Math.round(commits) },
    results: [
      { label: '(a) bare loop: ids + OB 3.0 credential signed RS256 (what issuance computes)', 'per second': bareIssue, 'CPU each (ms)': bareIssueCpu },
      { label: '(b) bare loop: PDF + credential signed (what a download computes)', 'per second': barePdf, 'CPU each (ms)': barePdfCpu },
      { label: 'A. issuance alone (relay, queue, certification subscriber)', 'per second': aRate, seconds: a.ms / 1000, 'CPU each (ms)': aCpu.worker + aCpu.postgres, 'peak memory (MiB)': aPeak },
      { label: "A'. issuance alone, synchronous_commit=off (diagnostic)", 'per second': rate(COMPLETIONS, a2.ms), seconds: a2.ms / 1000 },
      { label: 'B. whole worker (every subscriber, e-mails over SMTP)', 'per second': bRate, seconds: b.ms / 1000, 'CPU each (ms)': bCpu.worker + bCpu.postgres, 'peak memory (MiB)': bPeak },
      { label: 'B. until everything they caused is handled', seconds: bDrainMs / 1000 },
    ],
    ratios: [
      { label: 'certificates/s, A / bare loop (a)', value: aRate / bareIssue },
      { label: 'certificates/s, B / bare loop (a)', value: bRate / bareIssue },
      { label: 'CPU, bare loop (a) / A', value: bareIssueCpu / (aCpu.worker + aCpu.postgres) },
    ],
    targets: [
      { issue: 6, label: '≥ 200 certificates/s per worker (issuance alone, A)', measured: `${Math.round(aRate)}/s`, met: aRate >= 200 },
      { issue: 6, label: '≥ 200 certificates/s per worker (whole worker, B)', measured: `${Math.round(bRate)}/s`, met: bRate >= 200 },
      { issue: 6, label: 'queue and database < 30 % against the bare loop (time, A)', measured: `${Math.round(100 * queueShare)} %`, met: queueShare < 0.3 },
      { issue: 6, label: 'queue and database < 30 % against the bare loop (CPU, A)', measured: `${Math.round(100 * queueCpuShare)} %`, met: queueCpuShare < 0.3 },
    ],
  });
} finally {
  await Promise.all(workers.map(stopWorker));
  await smtp?.close();
  await db?.end();
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${dbUrl.pathname.slice(1)}" WITH (FORCE)`);
  await admin.end();
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${PREFIX}*`, 'COUNT', 1000);
    cursor = next;
    if (found.length) await redis.del(...found);
  } while (cursor !== '0');
  redis.disconnect();
  rmSync(mailDir, { recursive: true, force: true });
}
