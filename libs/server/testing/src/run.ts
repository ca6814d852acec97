import { randomBytes } from 'node:crypto';

/** The id of this test run, set by the global setup and inherited by every Jest worker. */
export function testRunId(): string {
  const id = process.env.ACADEMIE_TEST_RUN_ID;
  if (!id) throw new Error('ACADEMIE_TEST_RUN_ID is not set: run the integration tests through their Jest config');
  return id;
}

export const newRunId = (): string => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

/** Prefix of every database of a run (`academie_test_<run>_...`), so that teardown finds them all. */
export const databasePrefix = (runId: string): string => `academie_test_${runId}`;

/** Redis key prefix of a run; each test file adds its own suffix. */
export const redisPrefix = (runId: string): string => `test-${runId}`;

export const uniqueSuffix = (): string => randomBytes(4).toString('hex');

/** Where the machine's shared services are (overridable for CI machines that put them elsewhere). */
export const SHARED_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const SHARED_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
