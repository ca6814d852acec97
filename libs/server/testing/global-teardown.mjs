// Drops the run's databases and Redis keys: nothing of a test run outlives it.
import pg from 'pg';
import { Redis } from 'ioredis';

const SHARED_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SHARED_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export default async function globalTeardown() {
  const runId = process.env.ACADEMIE_TEST_RUN_ID;
  if (!runId) return;
  const client = new pg.Client({ connectionString: SHARED_POSTGRES_URL });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [
      `academie_test_${runId}`,
    ]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  const redis = new Redis(SHARED_REDIS_URL, { maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `test-${runId}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
