// Organisation e-mail import benchmark (`npm run bench:org-import`, after the server build).
// A database of its own (academie_bench_org_<ts>, migrated with the built migrate CLI, dropped at the end). The same
// BENCH_ORG_ROWS (100,000) member addresses go, in the same run, four ways:
//   - `arrays`: the organisation context's `importEmails` (the route's code: parse, batches of 1,000 in a transaction
//     each, invitations + their e-mails in the mail outbox + the import row's counts), batches sent as arrays (unnest);
//   - `copy staging`: `importEmails` with each batch COPied into a temporary staging table first (`loader: 'copy'`),
//     into a second organisation;
//   - `plain COPY`: into a scratch table by COPY FROM STDIN (pg-copy-streams), no check, no e-mail: the floor;
//   - `plain INSERT`: into the scratch table by multi-row INSERTs (unnest, 1,000 a statement), for reference.
// On a shared machine the load moves during a run: the addresses are taken in BENCH_ORG_ROUNDS (10) rounds, each round
// giving its slice to the four ways in a rotated order, so that each way sees the same load; each way's time is the sum
// of its rounds. Progress lines while it runs (the import row's counts, as GET .../imports/:id reads them); rates, the
// ratio of each import to the plain COPY, and the machine's load average before and after.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { root } from '../paths.mjs';
import { writeSummary } from './bench-kit.mjs';

const ROWS = Number(process.env.BENCH_ORG_ROWS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ORG_ROUNDS ?? 10);
const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const say = (line) => process.stdout.write(`${line}\n`);
const fmt = (n) => Math.round(n).toLocaleString('en');
const load = () => loadavg().map((l) => l.toFixed(2)).join(', ');

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
const rate = (rows, ms) => (rows * 1000) / ms;

say(`[bench:org-import] database ${url.pathname.slice(1)}; ${fmt(ROWS)} addresses in ${ROUNDS} rounds; load average ${load()}`);
let dataSource;
try {
  await migrate();
  say('[bench:org-import] migrated');
  dataSource = db.createDataSource({ DATABASE_URL, DATABASE_POOL_SIZE: 4 }, undefined, 'academie-bench-org');
  await dataSource.initialize();
  const [user] = await dataSource.query(`INSERT INTO app_user (email, first_name, last_name) VALUES ('bench.admin@example.fr', 'Banc', 'Essai') RETURNING id`);
  const mail = new MailService(new OutboxService());
  const watcher = new pg.Client({ connectionString: DATABASE_URL });
  watcher.on('error', () => undefined);
  await watcher.connect();
  const copier = new pg.Client({ connectionString: DATABASE_URL });
  copier.on('error', () => undefined);
  await copier.connect();
  await dataSource.query(`CREATE TABLE bench_scratch_copy (email text NOT NULL)`);
  await dataSource.query(`CREATE TABLE bench_scratch_insert (email text NOT NULL)`);
  const orgs = {};
  for (const loader of ['unnest', 'copy']) {
    const [org] = await dataSource.query(`INSERT INTO organisation (kind, name, created_by) VALUES ('entreprise', $1, $2) RETURNING id`, [`Banc ${loader}`, user.id]);
    await dataSource.query(`INSERT INTO organisation_member (organisation_id, user_id, role) VALUES ($1, $2, 'org_admin')`, [org.id, user.id]);
    orgs[loader] = org.id;
  }

  /** One import through `importEmails`, its progress read from the import row while it runs. */
  async function importSlice(label, loader, slice, round) {
    const timer = setInterval(async () => {
      const [row] = (
        await watcher
          .query(`SELECT processed_lines, total_lines FROM organisation_import WHERE organisation_id = $1 ORDER BY created_at DESC LIMIT 1`, [orgs[loader]])
          .catch(() => ({ rows: [] }))
      ).rows;
      if (row) say(`[bench:org-import]   round ${round + 1}, ${label}: ${fmt(row.processed_lines)} / ${fmt(row.total_lines)} lines`);
    }, 3000);
    try {
      const job = await organisation.importEmails(dataSource, mail, { orgId: orgs[loader], actorId: user.id, organisationName: label, csv: `email\n${slice.join('\n')}\n`, loader });
      if (job.invited !== slice.length) throw new Error(`${label}: expected ${slice.length} invitations, got ${JSON.stringify({ ...job, errors: job.errors.length })}`);
    } finally {
      clearInterval(timer);
    }
  }
  const WAYS = {
    arrays: (slice, round) => importSlice('importEmails (arrays)', 'unnest', slice, round),
    'copy staging': (slice, round) => importSlice('importEmails (COPY staging)', 'copy', slice, round),
    'plain COPY': async (slice) => {
      await pipeline(Readable.from([`${slice.join('\n')}\n`]), copier.query(copyStreams.from(`COPY bench_scratch_copy (email) FROM STDIN`)));
    },
    'plain INSERT': async (slice) => {
      for (let i = 0; i < slice.length; i += 1000) {
        await dataSource.query(`INSERT INTO bench_scratch_insert (email) SELECT unnest($1::text[])`, [slice.slice(i, i + 1000)]);
      }
    },
  };
  const names = Object.keys(WAYS);
  const spent = Object.fromEntries(names.map((n) => [n, 0]));
  const perRound = Math.ceil(ROWS / ROUNDS);
  const started = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    const slice = emails.slice(round * perRound, (round + 1) * perRound);
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) {
      const t0 = performance.now();
      await WAYS[name](slice, round);
      spent[name] += performance.now() - t0;
    }
    say(
      `[bench:org-import] round ${round + 1}/${ROUNDS}: ${fmt(Math.min(ROWS, (round + 1) * perRound))} / ${fmt(ROWS)} addresses each way (${Math.round((performance.now() - started) / 1000)} s, load ${load()})`,
    );
  }
  await watcher.end();
  await copier.end();

  const [counts] = await dataSource.query(
    `SELECT (SELECT count(*)::int FROM organisation_invitation WHERE organisation_id = $1) AS arrays,
            (SELECT count(*)::int FROM organisation_invitation WHERE organisation_id = $2) AS copy,
            (SELECT count(*)::int FROM mail_message) AS mails,
            (SELECT count(*)::int FROM outbox_event WHERE type = 'mail.send') AS events,
            (SELECT count(*)::int FROM bench_scratch_copy) AS plain_copy,
            (SELECT count(*)::int FROM bench_scratch_insert) AS plain_insert`,
    [orgs.unnest, orgs.copy],
  );
  for (const [key, value] of Object.entries(counts)) {
    const expected = key === 'mails' || key === 'events' ? 2 * ROWS : ROWS;
    if (value !== expected) throw new Error(`${key}: ${value} rows, expected ${expected}`);
  }
  say(`[bench:org-import] written: ${fmt(counts.arrays)} + ${fmt(counts.copy)} invitations, ${fmt(counts.mails)} e-mails and ${fmt(counts.events)} mail.send events; ${fmt(counts.plain_copy)} + ${fmt(counts.plain_insert)} scratch rows`);
  const r = (name) => rate(ROWS, spent[name]);
  say(`[bench:org-import] results (${fmt(ROWS)} rows each way)`);
  for (const name of names) say(`  ${name.padEnd(14)} ${fmt(r(name)).padStart(8)} rows/s  (${(spent[name] / 1000).toFixed(2)} s)`);
  say(`  ratio importEmails (arrays, the route's way) / plain COPY: ${(r('arrays') / r('plain COPY')).toFixed(4)}`);
  say(`  ratio importEmails (COPY staging) / plain COPY:            ${(r('copy staging') / r('plain COPY')).toFixed(4)}`);
  say(`  ratio COPY staging / arrays:                               ${(r('copy staging') / r('arrays')).toFixed(3)}`);
  say(`  ratio plain INSERT / plain COPY:                           ${(r('plain INSERT') / r('plain COPY')).toFixed(3)}`);
  say(`  load average at the end: ${load()}`);
  writeSummary('org-import', {
    title: 'Organisation e-mail import',
    issue: 8,
    command: 'npm run bench:org-import',
    parameters: { addresses: ROWS, rounds: ROUNDS },
    results: names.map((name) => ({
      label: {
        arrays: "importEmails, batches as arrays (the route's way)",
        'copy staging': 'importEmails, batches through a COPY staging table',
        'plain COPY': 'plain COPY FROM STDIN into a scratch table (baseline)',
        'plain INSERT': 'plain multi-row INSERT into a scratch table',
      }[name] ?? name,
      rows: ROWS,
      seconds: spent[name] / 1000,
      'rows/s': r(name),
    })),
    ratios: [
      { label: "rows/s, importEmails (arrays, the route's way) / plain COPY", value: r('arrays') / r('plain COPY') },
      { label: 'rows/s, importEmails (COPY staging) / plain COPY', value: r('copy staging') / r('plain COPY') },
      { label: 'rows/s, plain INSERT / plain COPY', value: r('plain INSERT') / r('plain COPY') },
    ],
    targets: [
      {
        issue: 8,
        label: 'import rate of 100,000 members beside a plain COPY, as a ratio (no figure set)',
        measured: (r('arrays') / r('plain COPY')).toFixed(4),
        met: null,
      },
    ],
  });
} finally {
  await dataSource?.destroy().catch(() => undefined);
  await db.dropDatabase(DATABASE_URL).catch((error) => say(`[bench:org-import] could not drop the database: ${error.message}`));
  say('[bench:org-import] database dropped');
}
