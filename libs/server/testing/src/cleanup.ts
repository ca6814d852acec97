import pg from 'pg';
import { Redis } from 'ioredis';
import { databaseUrl } from './run';

/** Drops every database whose name starts with the prefix. */
export async function dropDatabasesWithPrefix(serverUrl: string, prefix: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname DESC`,
      [prefix],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname.replace(/"/g, '""')}" WITH (FORCE)`);
    }
    return rows.length;
  } finally {
    await client.end();
  }
}

/** Deletes every Redis key under the prefix (SCAN, never KEYS, never FLUSH on a shared server). */
export async function deleteRedisKeysWithPrefix(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => undefined);
  await redis.connect();
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
