// Cleanup shared by the Jest global teardowns (plain JS: Jest loads global hooks outside its module mapper).
import pg from 'pg';
import { Redis } from 'ioredis';

export const SHARED_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const SHARED_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Drops every database whose name starts with the prefix. */
export async function dropDatabasesWithPrefix(prefix, serverUrl = SHARED_POSTGRES_URL) {
  const client = new pg.Client({ connectionString: serverUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [prefix]);
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname.replace(/"/g, '""')}" WITH (FORCE)`);
    return rows.length;
  } finally {
    await client.end();
  }
}

/** Deletes every Redis key under the prefix (SCAN, never KEYS, never FLUSH on a shared server). */
export async function deleteRedisKeysWithPrefix(prefix, redisUrl = SHARED_REDIS_URL) {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
