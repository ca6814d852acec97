// Helpers shared by the benchmarks (scripts/bench/*.mjs): processes of the built server, free ports, latency
// summaries, a process's peak memory. Traffic stays on 127.0.0.1.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { root } from '../paths.mjs';

/**
 * Starts `node <args>` from the repository root with this environment and resolves with the child once `ready()`
 * answers true (polled every 200 ms, 60 s at most); rejects with its stderr if it exits first.
 */
export function start(args, env, ready) {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, NODE_OPTIONS: '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000;
    const poll = async () => {
      if (child.exitCode !== null) return reject(new Error(`process exited: ${stderr}`));
      if (await ready().catch(() => false)) return resolve(child);
      if (Date.now() > deadline) return reject(new Error('process not ready within 60 s'));
      setTimeout(poll, 200);
    };
    poll();
  });
}

/** SIGTERM, then resolves once the child has exited. */
export const stop = (child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGTERM'))));

export const freePort = () =>
  new Promise((resolve) => {
    const s = http.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** The RSA key the API and the worker need in production (credentials), generated for the run. */
export const credentialSigningKey = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** p50, p95, p99 (milliseconds) of a list of latencies; sorts it. */
export function quantiles(latencies) {
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  return { p50: q(0.5), p95: q(0.95), p99: q(0.99) };
}

/** Peak resident memory of a process (VmHWM of /proc/<pid>/status), in kB; null when unreadable. */
export function peakMemoryKb(pid) {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux (getconf CLK_TCK)

/** CPU time (user + system) a process has used so far, in milliseconds (/proc/<pid>/stat); null when unreadable. */
export function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Where each benchmark leaves its machine-readable summary, collected by `npm run bench` (scripts/bench/run-all.mjs). */
export const summaryDir = process.env.BENCH_SUMMARY_DIR ?? join(root, 'tmp', 'bench');

/**
 * Records what a benchmark measured, for the runner that writes docs/BENCHMARKS.md: `tmp/bench/<name>.json`, and the
 * same JSON on a last `BENCH_SUMMARY {...}` line of the output. Shape: `title`, `issue`, `command`, `parameters`
 * (object), `results` (rows: `label` plus figures, the keys being the column headers), `ratios` (`label`, `value`),
 * `targets` (`issue`, `label`, `measured`, `met`: true, false, or null when the issue sets no figure). Nothing here
 * changes what is measured: the figures are those the benchmark printed.
 */
export function writeSummary(name, summary) {
  const body = { bench: name, finishedAt: new Date().toISOString(), quick: process.env.BENCH_QUICK === '1', ...summary };
  mkdirSync(summaryDir, { recursive: true });
  writeFileSync(join(summaryDir, `${name}.json`), `${JSON.stringify(body, null, 2)}\n`);
  process.stdout.write(`BENCH_SUMMARY ${JSON.stringify(body)}\n`);
}
