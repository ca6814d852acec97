import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { type AppConfig, JsonLogger, loadConfig } from '@academie/server-core';
import { ensureDatabase } from '@academie/server-database';
import {
  SHARED_POSTGRES_URL,
  SHARED_REDIS_URL,
  databasePrefix,
  databaseUrl,
  redisPrefix,
  testRunId,
  uniqueSuffix,
} from './run';

/** A database of its own, cloned from the run's migrated template (tens of milliseconds). */
export async function createTestDatabase(serverUrl = SHARED_POSTGRES_URL): Promise<string> {
  const template = process.env.ACADEMIE_TEST_TEMPLATE_DB;
  if (!template) throw new Error('ACADEMIE_TEST_TEMPLATE_DB is not set: run through the integration Jest config');
  const url = databaseUrl(serverUrl, `${databasePrefix(testRunId())}_${uniqueSuffix()}`);
  // CREATE DATABASE ... TEMPLATE fails while another session is connected to the template: retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await ensureDatabase(url, template);
      return url;
    } catch (error) {
      if (attempt >= 20 || (error as { code?: string }).code !== '55006') throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The access-token key of this test process: generated, never committed; tests that forge tokens use it. */
export const TEST_JWT_SECRET = randomBytes(32).toString('base64url');

/** The credential signing key of this test process (RSA 2048, PKCS#8 PEM): generated, never committed. */
export const TEST_CREDENTIAL_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/** Configuration for a test: its own database and Redis prefix, fast timers, a generated JWT key. */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    REDIS_URL: SHARED_REDIS_URL,
    REDIS_PREFIX: `${redisPrefix(testRunId())}-${uniqueSuffix()}`,
    OUTBOX_RELAY_INTERVAL_MS: '100',
    OUTBOX_REDELIVER_AFTER_MS: '1000',
    WORKER_HEARTBEAT_INTERVAL_MS: '200',
    WORKER_STALE_AFTER_SECONDS: '2',
    DATABASE_POOL_SIZE: '4',
    LOG_LEVEL: 'debug',
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    CREDENTIAL_SIGNING_KEY: TEST_CREDENTIAL_KEY,
    // Many workers run in one test process: each serves its metrics on a free port.
    WORKER_METRICS_PORT: '0',
    ...overrides,
  });
}

/** A logger that keeps its lines in memory, so that tests can read what the app logged. */
export class MemoryLogger extends JsonLogger {
  readonly lines: string[] = [];

  constructor(service = 'test') {
    const lines: string[] = [];
    super(service, 'debug', (line) => {
      lines.push(line);
      if (process.env.TEST_LOGS === '1') process.stderr.write(line);
    });
    this.lines = lines;
  }

  entries(): Record<string, unknown>[] {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

/** Polls until the check returns a truthy value, or fails after the timeout with the last value seen. */
export async function eventually<T>(check: () => Promise<T> | T, timeoutMs = 10_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(
    `condition not met within ${timeoutMs} ms (last value: ${JSON.stringify(last)}${lastError ? `, last error: ${String(lastError)}` : ''})`,
  );
}
