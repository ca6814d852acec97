import type pg from 'pg';
import type { DataSource } from 'typeorm';

/** Anything that runs SQL: the DataSource or a transaction's EntityManager. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Rows of any statement: TypeORM's `query()` answers an `UPDATE ... RETURNING` with `[rows, affectedCount]` and
 * an INSERT or SELECT with the rows.
 */
export async function rowsOf<T>(db: Queryable, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const result = await db.query(sql, parameters);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

/**
 * The pg pool under the DataSource, for the hot path: named (prepared) statements are planned once per connection,
 * which TypeORM's `query()` cannot do.
 */
export function poolOf(dataSource: DataSource): pg.Pool {
  const pool = (dataSource.driver as unknown as { master?: pg.Pool }).master;
  if (!pool) throw new Error('the DataSource has no pg pool (not initialized?)');
  return pool;
}

/** ISO 8601 in UTC with milliseconds, as JavaScript writes dates, from a timestamptz column. */
export const isoSql = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export const iso = (value: Date | string | null | undefined): string | null =>
  value === null || value === undefined ? null : new Date(value).toISOString();
