// Starts the platform's real processes (built under dist/) for the end-to-end tests, as `npm start` and
// the Docker images do: api, worker, web, and the database CLI. Each process logs to a file of its own.
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const logDir = join(root, 'tmp', 'e2e-logs');
/** The main platform's environment, written by the global setup (E2E_PLATFORM_ENV holds the same JSON). */
export const platformEnvFile = join(root, 'tmp', 'e2e-platform-env.json');

export const ENTRY = {
  api: 'dist/server/apps/api/src/main.js',
  worker: 'dist/server/apps/worker/src/main.js',
  web: 'dist/server/apps/web/server/main.js',
  migrate: 'dist/server/libs/server/database/src/cli/migrate.js',
  seed: 'dist/server/libs/server/database/src/cli/seed.js',
  kpiReconcile: 'dist/server/libs/server/database/src/cli/kpi-reconcile.js',
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a CLI (migrate, seed) to completion; rejects with its output when it fails. */
export function runCli(name, env, args = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, ENTRY[name]), ...args], { cwd: root, env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${name} exited ${code}: ${output}`))));
  });
}

/**
 * Starts a long-running process and returns a handle: `stop()` sends SIGTERM and resolves with the exit code,
 * `kill()` sends SIGKILL, `alive` tells whether it still runs.
 */
export function startProcess(name, env, label = name) {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${label}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['--enable-source-maps', join(root, ENTRY[name])], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  return {
    name,
    label,
    pid: child.pid,
    logFile,
    exited,
    get alive() {
      return child.exitCode === null && child.signalCode === null;
    },
    async stop(timeoutMs = 15_000) {
      if (this.alive) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    async kill() {
      if (this.alive) child.kill('SIGKILL');
      return exited;
    },
  };
}

/** Polls a URL until it answers the expected status (the process may still be starting). */
export async function waitForStatus(url, expected = 200, timeoutMs = 30_000, process) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (process && !process.alive) throw new Error(`${process.label} exited before ${url} answered ${expected} (see ${process.logFile})`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(3_000) });
      last = `${response.status} ${await response.text()}`;
      if (response.status === expected) return;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer ${expected} within ${timeoutMs} ms (last: ${last.slice(0, 300)})`);
}

/** A new RSA 2048 private key (PKCS#8 PEM), as CREDENTIAL_SIGNING_KEY wants it in production. */
export function credentialSigningKey() {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/**
 * The whole platform on free ports against the given database and Redis: migrates, optionally seeds (the demo
 * catalogue and the demo accounts, one per role), starts api, worker and web and waits until each is ready.
 * Production mode: the API gets an AUTH_JWT_SECRET of its own, and the API and the worker a credential signing key
 * (CREDENTIAL_SIGNING_KEY, RSA 2048), generated for the run.
 */
export async function startPlatform({ databaseUrl, redisUrl, redisPrefix, label = 'platform', seed = true, extraEnv = {} }) {
  const [apiPort, webPort] = await Promise.all([freePort(), freePort()]);
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    // Small pools: the e2e files run two at a time, each with several processes, on one PostgreSQL (100 connections).
    DATABASE_POOL_SIZE: '4',
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    API_HOST: '127.0.0.1',
    API_PORT: String(apiPort),
    WEB_PORT: String(webPort),
    WEB_HOST: '127.0.0.1',
    API_URL: `http://127.0.0.1:${apiPort}`,
    PUBLIC_BASE_URL: `http://127.0.0.1:${webPort}`,
    OUTBOX_RELAY_INTERVAL_MS: '200',
    OUTBOX_REDELIVER_AFTER_MS: '2000',
    WORKER_HEARTBEAT_INTERVAL_MS: '500',
    WORKER_STALE_AFTER_SECONDS: '3',
    LOG_LEVEL: 'info',
    AUTH_JWT_SECRET: randomBytes(48).toString('base64url'),
    CREDENTIAL_SIGNING_KEY: credentialSigningKey(),
    // Two platforms run at once: each worker serves its metrics on a free port rather than 9464.
    WORKER_METRICS_PORT: '0',
    // Every person of every e2e file reaches the API from 127.0.0.1, through the web server: to the per-IP limits,
    // the whole suite is one office of a few hundred people behind one address. At the production values (50 logins,
    // 20 registrations, 30 e-mailed tokens per 15 minutes) the suite's own sign-ins (about 40 in a ten-minute run once
    // the organisation and keyboard journeys joined) come within reach of the limit, and past it whichever journey
    // comes last is refused (429) at random. The per-account and per-address limits keep their production values
    // (e2e/api/rate-limit.e2e-spec.ts checks the login one).
    RATE_LIMIT_LOGIN_PER_IP: '2000',
    RATE_LIMIT_REGISTER_PER_IP: '2000',
    RATE_LIMIT_TOKEN_PER_IP: '2000',
    RATE_LIMIT_MAIL_PER_IP: '2000',
    RATE_LIMIT_REFRESH_PER_IP: '10000',
    ...extraEnv,
  };
  await runCli('migrate', env);
  if (seed) await runCli('seed', env, ['--with-demo-accounts']);
  const api = startProcess('api', env, `${label}-api`);
  const worker = startProcess('worker', env, `${label}-worker`);
  const web = startProcess('web', env, `${label}-web`);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const webUrl = `http://127.0.0.1:${webPort}`;
  await Promise.all([
    waitForStatus(`${apiUrl}/api/health/ready`, 200, 60_000, api),
    waitForStatus(`${apiUrl}/api/health/worker`, 200, 60_000, worker),
    waitForStatus(`${webUrl}/`, 200, 30_000, web),
  ]);
  return { env, apiUrl, webUrl, api, worker, web, processes: [api, worker, web] };
}

/**
 * The environment of the platform started by the global setup (database, Redis, secrets, ports), for tests
 * that start more of its processes: `startProcess('api', { ...platformEnv(), API_PORT: '...' })`.
 */
export function platformEnv() {
  const json = process.env.E2E_PLATFORM_ENV ?? readFileSync(platformEnvFile, 'utf8');
  return JSON.parse(json);
}
