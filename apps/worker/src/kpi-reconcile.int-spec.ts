import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { JOB_QUEUE } from '@academie/contracts';
import { QueueRegistry } from '@academie/server-queue';
import { KPI_RECONCILE_SCHEDULE } from '@academie/server-reporting';
import { MemoryLogger, createTestDatabase, eventually, testConfig } from '@academie/server-testing';
import { WorkerModule } from './worker.module';

/** The nightly reconciliation: scheduled by the worker at start, run as the `kpi.reconcile` job, recorded. */
describe('kpi.reconcile', () => {
  let db: pg.Client;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const logger = new MemoryLogger('worker');
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(testConfig({ DATABASE_URL: databaseUrl }), logger), { logger });
    await worker.init();
  });

  afterAll(async () => {
    await worker?.close();
    await db?.end();
  });

  it('declares the nightly schedule, runs the job and records a run without difference, then one with the difference it finds', async () => {
    const queues = worker.get(QueueRegistry);
    const queue = queues.queue(JOB_QUEUE['kpi.reconcile']);
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => ({ key: s.key, pattern: s.pattern, tz: s.tz }))).toEqual([
      { key: KPI_RECONCILE_SCHEDULE.id, pattern: '30 3 * * *', tz: 'Europe/Paris' },
    ]);

    await queues.enqueue('kpi.reconcile', { trigger: 'manual' }, { jobId: 'kpi-reconcile-test-1', preset: 'none' });
    const first = await eventually(async () => (await db.query(`SELECT * FROM kpi_reconciliation_run WHERE status <> 'running'`)).rows[0], 20_000);
    expect(first).toMatchObject({ trigger: 'manual', status: 'ok', difference_count: 0, in_flight_events: 0, error: null });

    // A counter that no fact explains: the next run reports it.
    await db.query(`INSERT INTO kpi_cell (dims, month, audience, region, sector, company_size, course_id, trained)
                    VALUES (0, '2026-01-01', '', '', '', '', '00000000-0000-0000-0000-000000000000', 3)`);
    await queues.enqueue('kpi.reconcile', { trigger: 'manual' }, { jobId: 'kpi-reconcile-test-2', preset: 'none' });
    const second = await eventually(
      async () => (await db.query(`SELECT * FROM kpi_reconciliation_run WHERE status <> 'running' ORDER BY id DESC`)).rows.find((r) => r.id !== first.id),
      20_000,
    );
    expect(second).toMatchObject({ status: 'differences', difference_count: 1 });
    expect(second.differences).toEqual([
      {
        check: 'cell',
        key: '0|2026-01-01|||||00000000-0000-0000-0000-000000000000',
        expected: { trained: 0, certificates: 0, enrollments: 0, completions: 0, new_learners: 0 },
        actual: { trained: 3, certificates: 0, enrollments: 0, completions: 0, new_learners: 0 },
      },
    ]);
  });
});
