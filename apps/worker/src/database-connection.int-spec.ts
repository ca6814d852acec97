import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createDataSource } from '@academie/server-database';
import { MemoryLogger, createTestDatabase, eventually, testConfig } from '@academie/server-testing';

/**
 * PostgreSQL may end any connection at any moment (restart, failover, an operator's pg_terminate_backend). A client held
 * by a query runner between two statements has no listener from the pool or from TypeORM: its 'error' event used to
 * crash the worker (seen in the fault matrix). The data source's clients now log it; the holder's next statement fails.
 */
describe('database connections ended by PostgreSQL', () => {
  let dataSource: DataSource;
  const logger = new MemoryLogger('worker');

  beforeAll(async () => {
    const url = await createTestDatabase();
    dataSource = createDataSource({ ...testConfig({ DATABASE_URL: url }), DATABASE_POOL_SIZE: 3 }, logger, 'test-connection-errors');
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('a connection terminated while a query runner holds it between statements is logged, not fatal, and replaced', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    const [{ pid }] = (await runner.query(`SELECT pg_backend_pid() AS pid`)) as { pid: number }[];

    const [{ terminated }] = (await dataSource.query(`SELECT pg_terminate_backend($1) AS terminated`, [pid])) as { terminated: boolean }[];
    expect(terminated).toBe(true);

    // The 'error' event reaches the held client (an unhandled one would have failed this test as an uncaught error).
    await eventually(() => logger.entries().some((e) => e.msg === 'postgres client connection error'), 5_000);
    const entry = logger.entries().find((e) => e.msg === 'postgres client connection error');
    expect(entry).toMatchObject({ level: 'warn', context: 'database', service: 'worker' });

    await expect(runner.query(`SELECT 1`)).rejects.toThrow();
    await runner.release();

    // The pool discarded the dead client: every connection it hands out afterwards works.
    const answers = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => dataSource.query(`SELECT $1::int AS n`, [n])));
    expect(answers.map((rows) => (rows as { n: number }[])[0].n)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
