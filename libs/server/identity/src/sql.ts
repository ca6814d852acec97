/** Anything that runs SQL: the DataSource or a transaction's EntityManager. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Rows of an `UPDATE ... RETURNING` or `DELETE ... RETURNING`. TypeORM's `query()` answers those with
 * `[rows, affectedCount]` (and INSERT or SELECT with the rows): this gives the rows in every case.
 */
export async function changedRows<T>(db: Queryable, sql: string, parameters: unknown[]): Promise<T[]> {
  const result = await db.query(sql, parameters);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
