// Organisation e-mail import benchmark (`npm run bench:org-import`, after the server build).
// A database of its own (academie_bench_org_<ts>, migrated with the built migrate CLI, dropped at the end); imports
// BENCH_ORG_ROWS (100,000) member addresses through the organisation context's `importEmails` (the route's code:
// parse, batches of 1,000 in a transaction each, invitations + their e-mails in the mail outbox + the import row's
// counts), then the same addresses into a scratch table with plain multi-row INSERTs (unnest, 1,000 a statement;
// COPY FROM STDIN would need the pg-copy-streams package, not installed), and prints both rates and their ratio.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { root } from '../paths.mjs';
import { writeSummary } from './bench-kit.mjs';

const ROWS = Number(process.env.BENCH_ORG_ROWS ?? 100_000);
const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const say = (line) => process.stdout.write(`${line}\n`);

const db = await import(join(root, 'dist/server/libs/server/database/src/index.js'));
const organisation = await import(join(root, 'dist/server/libs/server/organisation/src/index.js'));
const { MailService } = await import(join(root, 'dist/server/libs/server/mail/src/index.js'));
const { OutboxService } = await import(join(root, 'dist/server/libs/server/outbox/src/index.js'));

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const url = new URL(SERVER);
url.pathname = `/academie_bench_org_${stamp}`;
const DATABASE_URL = url.toString();

function migrate() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'dist/server/libs/server/database/src/cli/migrate.js')], {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL, AUTH_JWT_SECRET: randomBytes(32).toString('base64url'), LOG_LEVEL: 'warn' },
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`migrate exited ${code}: ${output}`))));
  });
}

const emails = Array.from({ length: ROWS }, (_, i) => `personne.${i}@bench-${i % 97}.example.fr`);
const csv = `email\n${emails.join('\n')}\n`;
const rate = (rows, ms) => Math.round((rows * 1000) / ms);

say(`[bench:org-import] database ${url.pathname.slice(1)}; ${ROWS.toLocaleString('en')} addresses`);
let dataSource;
try {
  await migrate();
  say('[bench:org-import] migrated');
  dataSource = db.createDataSource({ DATABASE_URL, DATABASE_POOL_SIZE: 4 }, undefined, 'academie-bench-org');
  await dataSource.initialize();
  const [user] = await dataSource.query(`INSERT INTO app_user (email, first_name, last_name) VALUES ('bench.admin@example.fr', 'Banc', 'Essai') RETURNING id`);
  const [org] = await dataSource.query(`INSERT INTO organisation (kind, name, created_by) VALUES ('entreprise', 'Banc d’essai', $1) RETURNING id`, [user.id]);
  await dataSource.query(`INSERT INTO organisation_member (organisation_id, user_id, role) VALUES ($1, $2, 'org_admin')`, [org.id, user.id]);

  // Progress: the import row's counts, read while it runs (as GET .../imports/:id does).
  const watcher = new pg.Client({ connectionString: DATABASE_URL });
  watcher.on('error', () => undefined);
  await watcher.connect();
  const mail = new MailService(new OutboxService());
  const started = performance.now();
  const timer = setInterval(async () => {
    const [row] = (await watcher.query(`SELECT processed_lines FROM organisation_import ORDER BY created_at DESC LIMIT 1`).catch(() => ({ rows: [] }))).rows;
    if (row) say(`[bench:org-import] import: ${row.processed_lines.toLocaleString('en')} / ${ROWS.toLocaleString('en')} lines (${Math.round((performance.now() - started) / 1000)} s)`);
  }, 2000);
  const job = await organisation.importEmails(dataSource, mail, { orgId: org.id, actorId: user.id, organisationName: 'Banc d’essai', csv });
  clearInterval(timer);
  const importMs = performance.now() - started;
  await watcher.end();
  if (job.invited !== ROWS) throw new Error(`expected ${ROWS} invitations, got ${JSON.stringify({ ...job, errors: job.errors.length })}`);
  const [{ outbox }] = await dataSource.query(`SELECT count(*)::int AS outbox FROM mail_message`);
  say(`[bench:org-import] importEmails: ${ROWS.toLocaleString('en')} rows in ${(importMs / 1000).toFixed(1)} s = ${rate(ROWS, importMs).toLocaleString('en')} rows/s (${outbox.toLocaleString('en')} e-mails queued)`);

  // The floor of the work: the same addresses into a scratch table, 1,000 a statement, no checks, no e-mails.
  await dataSource.query(`CREATE TABLE bench_scratch (email text NOT NULL)`);
  const plainStart = performance.now();
  for (let i = 0; i < ROWS; i += 1000) {
    await dataSource.query(`INSERT INTO bench_scratch (email) SELECT unnest($1::text[])`, [emails.slice(i, i + 1000)]);
    if ((i / 1000) % 25 === 24) say(`[bench:org-import] plain insert: ${(i + 1000).toLocaleString('en')} / ${ROWS.toLocaleString('en')}`);
  }
  const plainMs = performance.now() - plainStart;
  say(`[bench:org-import] plain multi-row INSERT: ${ROWS.toLocaleString('en')} rows in ${(plainMs / 1000).toFixed(1)} s = ${rate(ROWS, plainMs).toLocaleString('en')} rows/s`);
  say(`[bench:org-import] ratio importEmails / plain INSERT: ${(plainMs / importMs).toFixed(3)}`);
  writeSummary('org-import', {
    title: 'Organisation e-mail import',
    issue: 8,
    command: 'npm run bench:org-import',
    parameters: { addresses: ROWS },
    results: [
      { label: 'importEmails (invitations + e-mails queued)', rows: ROWS, seconds: importMs / 1000, 'rows/s': rate(ROWS, importMs) },
      { label: 'plain multi-row INSERT into a scratch table (baseline)', rows: ROWS, seconds: plainMs / 1000, 'rows/s': rate(ROWS, plainMs) },
    ],
    ratios: [{ label: 'rows/s, importEmails / plain INSERT', value: plainMs / importMs }],
    targets: [{ issue: 8, label: 'import rate of 100,000 members beside a plain bulk write, as a ratio (no figure set)', measured: (plainMs / importMs).toFixed(3), met: null }],
  });
} finally {
  await dataSource?.destroy().catch(() => undefined);
  await db.dropDatabase(DATABASE_URL).catch((error) => say(`[bench:org-import] could not drop the database: ${error.message}`));
  say('[bench:org-import] database dropped');
}
