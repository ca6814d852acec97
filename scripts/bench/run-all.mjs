// `npm run bench` (after the server build): every benchmark in sequence, one process each, then docs/BENCHMARKS.md
// with their figures, their ratios against the baseline each measures in the same run, each issue's target met or
// not, and the machine they ran on (CPU, cores, memory, Node, PostgreSQL, Redis, load average before and after).
// Each benchmark leaves a summary in tmp/bench/<name>.json (writeSummary in bench-kit.mjs); its full output goes to
// tmp/bench/<name>.log and to this terminal. A benchmark that fails is reported as such and the others still run.
//
//   BENCH_QUICK=1   small sizes and short phases, to test this runner end to end (minutes, not an hour); the report
//                   then goes to tmp/bench/BENCHMARKS.quick.md unless BENCH_OUTPUT says otherwise: quick figures
//                   must never pass for a run of record.
//   BENCH_ONLY=progress,kpi   a subset, in this order.
//   BENCH_KPI_LEARNERS=10000,1500000   the sizes of bench:kpi (its default); 15000000 for the national size.
//   BENCH_OUTPUT=path   where to write the report.
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { root } from '../paths.mjs';
import { summaryDir } from './bench-kit.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
const OUTPUT = process.env.BENCH_OUTPUT ?? join(root, QUICK ? 'tmp/bench/BENCHMARKS.quick.md' : 'docs/BENCHMARKS.md');
const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const say = (line) => process.stdout.write(`${line}\n`);

/**
 * The benchmarks, in the order they run (cheapest first, so that a broken one shows early). `quick` holds the sizes
 * of the quick mode, through the environment variables and arguments each benchmark already reads.
 */
const BENCHES = [
  { name: 'catalogue', script: 'catalogue.mjs', quick: { env: { BENCH_COURSES: '300', BENCH_WARMUP_MS: '1000', BENCH_MEASURE_MS: '3000' } } },
  { name: 'progress', script: 'progress.mjs', quick: { env: { BENCH_WARMUP_MS: '1000', BENCH_MEASURE_MS: '3000' } } },
  { name: 'certificates', script: 'certificates.mjs', quick: { env: { BENCH_COMPLETIONS: '100', BENCH_BARE_MS: '1000' } } },
  { name: 'org-import', script: 'org-import.mjs', quick: { env: { BENCH_ORG_ROWS: '5000' } } },
  {
    name: 'kpi',
    script: 'kpi.mjs',
    args: ['--learners', process.env.BENCH_KPI_LEARNERS ?? '10000,1500000'],
    quick: { args: ['--learners', '1000,3000'], env: { BENCH_WARMUP_MS: '500', BENCH_MEASURE_MS: '2000' } },
  },
];

const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
const selected = only ? only.map((name) => BENCHES.find((b) => b.name === name) ?? fail(`unknown benchmark ${name} in BENCH_ONLY`)) : BENCHES;

function fail(message) {
  throw new Error(message);
}

// ------------------------------------------------------------------------------------------------ the machine
function cpuModel() {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

async function machine() {
  const client = new pg.Client({ connectionString: SERVER });
  let postgres = 'unreachable';
  try {
    await client.connect();
    postgres = (await client.query('SHOW server_version')).rows[0].server_version;
  } catch (error) {
    postgres = `unreachable (${error.message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
  let redis = 'unreachable';
  const r = new Redis(REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await r.connect();
    redis = /redis_version:(\S+)/.exec(await r.info('server'))?.[1] ?? 'unknown';
  } catch (error) {
    redis = `unreachable (${error.message})`;
  } finally {
    r.disconnect();
  }
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root }).toString().trim();
    if (dirty) commit += ' (with uncommitted changes)';
  } catch {
    // not a git checkout
  }
  return {
    cpu: cpuModel(),
    cores: os.cpus().length,
    memoryGiB: os.totalmem() / 2 ** 30,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    postgres,
    redis,
    commit,
  };
}

const load = () => os.loadavg().map((n) => n.toFixed(2)).join(' / ');

// ------------------------------------------------------------------------------------------------ run
function runBench(bench) {
  const args = [join(root, 'scripts/bench', bench.script), ...((QUICK ? bench.quick.args : undefined) ?? bench.args ?? [])];
  const env = { ...process.env, ...(QUICK ? { BENCH_QUICK: '1', ...bench.quick.env } : {}) };
  const logFile = join(summaryDir, `${bench.name}.log`);
  const log = createWriteStream(logFile);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        process.stdout.write(chunk);
        log.write(chunk);
      });
    }
    child.on('exit', (code, signal) => log.end(() => resolve({ code: code ?? signal, logFile, command: `node ${args.map((a) => relative(root, a) || a).join(' ')}` })));
  });
}

mkdirSync(summaryDir, { recursive: true });
const startedAt = new Date();
const host = await machine();
const loadBefore = load();
say(`npm run bench${QUICK ? ' (quick mode: small sizes, NOT a run of record)' : ''}: ${selected.map((b) => b.name).join(', ')}`);
say(`Machine: ${host.cpu}, ${host.cores} cores, ${host.memoryGiB.toFixed(1)} GiB; Node ${host.node}; PostgreSQL ${host.postgres}; Redis ${host.redis}; load ${loadBefore}`);

const runs = [];
for (const bench of selected) {
  const summaryFile = join(summaryDir, `${bench.name}.json`);
  rmSync(summaryFile, { force: true }); // never report an earlier run's figures
  say(`\n=== bench:${bench.name} (load average before: ${load()}) ===`);
  const before = load();
  const t0 = performance.now();
  const { code, logFile, command } = await runBench(bench);
  const seconds = (performance.now() - t0) / 1000;
  const after = load();
  const summary = existsSync(summaryFile) ? JSON.parse(readFileSync(summaryFile, 'utf8')) : null;
  runs.push({ bench, code, seconds, before, after, summary, logFile, command });
  say(`=== bench:${bench.name}: exit ${code}, ${Math.round(seconds)} s, ${summary ? 'summary collected' : 'NO SUMMARY'} (load after: ${after}) ===`);
}
const loadAfter = load();

// ------------------------------------------------------------------------------------------------ report
const number = (value) => {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'number') return String(value).replaceAll('|', '\\|');
  if (!Number.isFinite(value)) return '—';
  const digits = Number.isInteger(value) || Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
};
const cell = (text) => String(text).replaceAll('|', '\\|');
const met = (value) => (value === true ? '**met**' : value === false ? '**not met**' : 'no figure set');

function table(rows) {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row).filter((key) => key !== 'label')))];
  return [
    `| | ${columns.map(cell).join(' | ')} |`,
    `| --- | ${columns.map(() => '---:').join(' | ')} |`,
    ...rows.map((row) => `| ${cell(row.label)} | ${columns.map((c) => number(row[c])).join(' | ')} |`),
  ].join('\n');
}

const lines = [];
const add = (...more) => lines.push(...more);
add(
  '# Benchmarks: a run of `npm run bench`',
  '',
  QUICK
    ? '> **Quick mode (`BENCH_QUICK=1`): small sizes and short phases, written to test the runner. These figures are not a run of record and say nothing about the targets.**\n'
    : '',
  `Written by \`scripts/bench/run-all.mjs\` from the summaries the benchmarks left in \`tmp/bench/\` (their full output: \`tmp/bench/<name>.log\`).`,
  `Started ${startedAt.toISOString()}, finished ${new Date().toISOString()}. How each benchmark works, what its figures mean and`,
  'what was changed after measuring: [benchmarks.md](benchmarks.md).',
  '',
  '## Machine',
  '',
  '| | |',
  '| --- | --- |',
  `| CPU | ${cell(host.cpu)}, ${host.cores} cores |`,
  `| Memory | ${host.memoryGiB.toFixed(1)} GiB |`,
  `| System | ${cell(host.os)} |`,
  `| Node.js | ${host.node} |`,
  `| PostgreSQL | ${cell(host.postgres)} (the machine's server, \`TEST_POSTGRES_URL\`; each benchmark in a database of its own) |`,
  `| Redis | ${cell(host.redis)} |`,
  `| Commit | ${cell(host.commit)} |`,
  `| Load average (1 / 5 / 15 min) | before ${loadBefore}; after ${loadAfter} |`,
  '',
  'Everything (PostgreSQL, Redis, the processes measured and the load generators) runs on this one machine: on a',
  'machine shared with other work the rates depend on the neighbours; the CPU-time figures some benchmarks print do not.',
  '',
  '## Targets',
  '',
  '| Issue | Benchmark | Target | Measured | |',
  '| --- | --- | --- | --- | --- |',
);
for (const run of runs) {
  if (!run.summary) {
    add(`| — | ${run.bench.name} | — | benchmark failed (exit ${run.code}), see ${relative(root, run.logFile)} | **not measured** |`);
    continue;
  }
  for (const target of run.summary.targets ?? []) {
    add(`| ${target.issue ?? run.summary.issue ?? '—'} | ${run.bench.name} | ${cell(target.label)} | ${cell(target.measured)} | ${met(target.met)} |`);
  }
}
const all = runs.flatMap((run) => run.summary?.targets ?? []);
add(
  '',
  `${all.filter((t) => t.met === true).length} target(s) met, ${all.filter((t) => t.met === false).length} not met` +
    `${runs.some((r) => !r.summary) ? `, ${runs.filter((r) => !r.summary).length} benchmark(s) failed` : ''}. Where a target is not met, its cause is`,
  'discussed in [benchmarks.md](benchmarks.md) under that benchmark.',
);

for (const run of runs) {
  const s = run.summary;
  add('', `## ${s?.title ?? run.bench.name} (\`${s?.command ?? `npm run bench:${run.bench.name}`}\`)`, '');
  add(
    `\`${run.command}\`${QUICK ? ` with ${Object.entries(run.bench.quick.env ?? {}).map(([k, v]) => `${k}=${v}`).join(' ') || 'its defaults'}` : ''}: ` +
      `exit ${run.code}, ${Math.round(run.seconds)} s; load average before ${run.before}, after ${run.after}.` +
      (run.code !== 0 && s ? ' (A benchmark that completes exits non-zero when its own check of the targets fails.)' : ''),
  );
  if (!s) {
    add('', `**No summary: the benchmark failed.** Its output: \`${relative(root, run.logFile)}\`.`);
    continue;
  }
  if (s.parameters) add(`Parameters: ${Object.entries(s.parameters).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  add('', table(s.results ?? []));
  if (s.ratios?.length) {
    add('', 'Ratios against the baseline measured in the same run:', '');
    for (const ratio of s.ratios) add(`- ${ratio.label}: **${number(ratio.value)}**`);
  }
  if (s.targets?.length) {
    add('', `Targets (issue ${s.issue}):`, '');
    for (const target of s.targets) add(`- ${target.label}: ${target.measured}, ${met(target.met)}`);
  }
}

mkdirSync(dirname(OUTPUT), { recursive: true });
writeFileSync(OUTPUT, `${lines.filter((line, i) => !(line === '' && lines[i - 1] === '')).join('\n')}\n`);
say(`\nReport written to ${relative(root, OUTPUT)}.`);
process.exitCode = runs.every((r) => r.summary) ? 0 : 1;
