import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { SHARED_REDIS_URL } from './run';

export interface WorkerProcessOptions {
  databaseUrl: string;
  redisPrefix: string;
  /** Where the worker writes its e-mails (`SMTP_URL=file:`). */
  mailDir: string;
  /** Added to (or overriding) the quick test settings below. */
  env?: Record<string, string>;
}

/**
 * The built worker (`dist/server`) as a real child process, with short test delays and its metrics on a free port;
 * its logs go to the test's stderr only with TEST_LOGS=1.
 */
export function startWorkerProcess({ databaseUrl, redisPrefix, mailDir, env = {} }: WorkerProcessOptions): ChildProcess {
  const child = spawn(process.execPath, [join(process.cwd(), 'dist/server/apps/worker/src/main.js')], {
    cwd: process.cwd(),
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '4',
      REDIS_URL: SHARED_REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      OUTBOX_RELAY_INTERVAL_MS: '100',
      OUTBOX_REDELIVER_AFTER_MS: '1500',
      WORKER_HEARTBEAT_INTERVAL_MS: '500',
      WORKER_METRICS_PORT: '0',
      JOB_RETRY_DELAY_MS: '200',
      // The jobs a killed worker held are handed to another after one to two lock durations (BullMQ's stalled-job
      // check): 2 s here instead of 30, so that tests which kill a worker wait seconds, not a minute.
      WORKER_LOCK_DURATION_MS: '2000',
      SMTP_URL: `file:${mailDir}`,
      LOG_LEVEL: process.env.TEST_WORKER_LOG_LEVEL ?? 'warn',
      ...(process.env.OUTBOX_BATCH_SIZE ? { OUTBOX_BATCH_SIZE: process.env.OUTBOX_BATCH_SIZE } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The worker's log lines (stdout) and crashes (stderr) reach the test's stderr with TEST_LOGS=1.
  child.stdout?.on('data', (chunk) => process.env.TEST_LOGS === '1' && process.stderr.write(chunk));
  child.stderr?.on('data', (chunk) => process.env.TEST_LOGS === '1' && process.stderr.write(chunk));
  return child;
}

/** Resolves once the process has exited, sending it `signal` unless it already has. */
export const stopProcess = (child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
