// Outbox events delivered in batches (OutboxDeliverProcessor.deliver): one transaction per subscriber for many events,
// the handlers' shared work written once per batch, and each event still answering for itself — a failing event leaves
// the batch with its failure recorded, the others commit, and an `external` subscriber's effect is never repeated
// because another event of its batch failed.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type DynamicModule, type INestApplicationContext, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '@academie/server-core';
import { OutboxDeliverProcessor, type OutboxEventContext, type OutboxEventHandler, OutboxHandler } from '@academie/server-outbox';
import { MemoryLogger, createTestDatabase, seedTestDatabase, testConfig } from '@academie/server-testing';
import { WorkerModule } from './worker.module';

type Ping = { pingId: string };

/** Counts each event in test_effect, and adds up 1 per event in the batch's shared work, written once per batch. */
@Injectable()
@OutboxHandler('system.ping', 'test-batch-counter')
class BatchCounter implements OutboxEventHandler<'system.ping'> {
  static flushes = 0;
  async handle(manager: EntityManager, _payload: unknown, context: OutboxEventContext): Promise<void> {
    await manager.query(`INSERT INTO test_effect (event_id) VALUES ($1)`, [context.eventId]);
    const sum = context.batch!.shared(
      'test:sum',
      () => ({ n: 0 }),
      async ({ n }) => {
        BatchCounter.flushes++;
        await manager.query(`UPDATE test_sum SET n = n + $1`, [n]);
      },
    );
    sum.n++;
  }
}

/** Acts outside the database (a call recorded in memory, like an e-mail sent), and fails for the pings listed. */
@Injectable()
@OutboxHandler('system.ping', 'test-external', { external: true })
class ExternalEffect implements OutboxEventHandler<'system.ping'> {
  static calls = new Map<string, number>();
  static failFor = new Set<string>();
  /** Pings whose handling fails in the database (the transaction is aborted until its savepoint is rolled back). */
  static sqlFailFor = new Set<string>();
  async handle(manager: EntityManager, { pingId }: Ping, context: OutboxEventContext): Promise<void> {
    expect(context.batch).toBeUndefined(); // no shared work: a savepoint rolled back could not take its share out
    ExternalEffect.calls.set(pingId, (ExternalEffect.calls.get(pingId) ?? 0) + 1);
    await manager.query(`INSERT INTO test_external (ping_id) VALUES ($1)`, [pingId]);
    if (ExternalEffect.sqlFailFor.has(pingId)) await manager.query(`SELECT 1 / 0`);
    if (ExternalEffect.failFor.has(pingId)) throw new Error(`external refuses ${pingId}`);
  }
}

/** Writes, then fails for the pings listed: its transaction must roll back and run again without them. */
@Injectable()
@OutboxHandler('system.ping', 'test-picky')
class Picky implements OutboxEventHandler<'system.ping'> {
  static failFor = new Set<string>();
  async handle(manager: EntityManager, { pingId }: Ping): Promise<void> {
    await manager.query(`INSERT INTO test_picky (ping_id) VALUES ($1)`, [pingId]);
    if (Picky.failFor.has(pingId)) throw new Error(`picky refuses ${pingId}`);
  }
}

@Module({})
class WorkerWithBatchSubscribers {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerWithBatchSubscribers,
      imports: [WorkerModule.forRoot(config, new MemoryLogger('worker'))],
      providers: [BatchCounter, ExternalEffect, Picky],
    };
  }
}

describe('outbox delivery in batches', () => {
  let db: pg.Client;
  let worker: INestApplicationContext;
  let processor: OutboxDeliverProcessor;

  /** Pings and their events, committed at once; the relay is idle (its next pass is minutes away): delivered by hand. */
  async function pings(count: number): Promise<{ pingIds: string[]; eventIds: string[] }> {
    const { rows } = await db.query(`INSERT INTO system_ping SELECT FROM generate_series(1, $1) RETURNING id`, [count]);
    const pingIds = rows.map((row) => String(row.id));
    const { rows: events } = await db.query(
      `INSERT INTO outbox_event (type, payload) SELECT 'system.ping', jsonb_build_object('pingId', p) FROM unnest($1::text[]) AS p RETURNING id`,
      [pingIds],
    );
    return { pingIds, eventIds: events.map((row) => String(row.id)) };
  }

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query(`CREATE TABLE test_effect (event_id bigint PRIMARY KEY)`);
    await db.query(`CREATE TABLE test_sum (n integer NOT NULL)`);
    await db.query(`INSERT INTO test_sum VALUES (0)`);
    await db.query(`CREATE TABLE test_external (ping_id text NOT NULL)`);
    await db.query(`CREATE TABLE test_picky (ping_id text PRIMARY KEY)`);
    worker = await NestFactory.createApplicationContext(
      WorkerWithBatchSubscribers.forRoot(testConfig({ DATABASE_URL: databaseUrl, OUTBOX_RELAY_INTERVAL_MS: '600000' })),
      { logger: false },
    );
    await worker.init();
    processor = worker.get(OutboxDeliverProcessor);
  });
  afterAll(async () => {
    await worker?.close();
    await db?.end();
  });

  it('delivers many events in one transaction per subscriber, their shared work written once', async () => {
    const { pingIds, eventIds } = await pings(40);
    const flushes = BatchCounter.flushes;
    const outcomes = await processor.deliver(eventIds);
    expect([...outcomes.values()]).toEqual(eventIds.map(() => 'done'));
    expect(BatchCounter.flushes - flushes).toBe(1);
    expect((await db.query(`SELECT n FROM test_sum`)).rows[0].n).toBe(40);
    expect((await db.query(`SELECT count(*)::int AS n FROM test_effect`)).rows[0].n).toBe(40);
    expect(pingIds.every((id) => ExternalEffect.calls.get(id) === 1)).toBe(true);
    const { rows } = await db.query(
      `SELECT count(*) FILTER (WHERE processed_at IS NOT NULL AND attempts = 1 AND last_error IS NULL)::int AS closed FROM outbox_event WHERE id = ANY($1::bigint[])`,
      [eventIds],
    );
    expect(rows[0].closed).toBe(40);
    const handled = await db.query(`SELECT count(*)::int AS n FROM system_ping WHERE handled_at IS NOT NULL AND id = ANY($1::uuid[])`, [pingIds]);
    expect(handled.rows[0].n).toBe(40);
    // Delivered again (a job run twice): nothing happens twice.
    const again = await processor.deliver(eventIds);
    expect([...again.values()]).toEqual(eventIds.map(() => 'already-done'));
    expect((await db.query(`SELECT n FROM test_sum`)).rows[0].n).toBe(40);
  });

  it('takes a failing event out of its batch, records its failure, commits the others, and repeats no external effect', async () => {
    await db.query(`UPDATE test_sum SET n = 0`);
    await db.query(`TRUNCATE test_effect, test_external, test_picky`);
    const { pingIds, eventIds } = await pings(30);
    const [externalFails, sqlFails, pickyFails] = [pingIds[4], pingIds[12], pingIds[20]];
    ExternalEffect.failFor = new Set([externalFails]);
    ExternalEffect.sqlFailFor = new Set([sqlFails]);
    Picky.failFor = new Set([pickyFails]);

    const outcomes = await processor.deliver(eventIds);
    const failedEvents = [eventIds[4], eventIds[12], eventIds[20]];
    for (const id of eventIds) {
      if (failedEvents.includes(id)) expect(outcomes.get(id)).toBeInstanceOf(Error);
      else expect(outcomes.get(id)).toBe('done');
    }
    expect((outcomes.get(eventIds[4]) as Error).message).toBe(`external refuses ${externalFails}`);
    expect((outcomes.get(eventIds[12]) as Error).message).toBe('division by zero');
    expect((outcomes.get(eventIds[20]) as Error).message).toBe(`picky refuses ${pickyFails}`);
    // Each external effect happened once, though another event of its batch failed; the failed one's write rolled back.
    expect(pingIds.every((id) => ExternalEffect.calls.get(id) === 1)).toBe(true);
    const external = await db.query(`SELECT ping_id FROM test_external ORDER BY ping_id COLLATE "C"`);
    expect(external.rows.map((row) => row.ping_id)).toEqual(pingIds.filter((id) => id !== externalFails && id !== sqlFails).sort());
    // The picky subscriber's transaction ran again without the failing event: its write rolled back, the others' kept.
    const picky = await db.query(`SELECT ping_id FROM test_picky ORDER BY ping_id COLLATE "C"`);
    expect(picky.rows.map((row) => row.ping_id)).toEqual(pingIds.filter((id) => ![externalFails, sqlFails, pickyFails].includes(id)).sort());
    const { rows: open } = await db.query(`SELECT id::text, attempts, last_error FROM outbox_event WHERE processed_at IS NULL ORDER BY id`);
    expect(open).toEqual([
      { id: eventIds[4], attempts: 1, last_error: `test-external: external refuses ${externalFails}` },
      { id: eventIds[12], attempts: 1, last_error: 'test-external: division by zero' },
      { id: eventIds[20], attempts: 1, last_error: `test-picky: picky refuses ${pickyFails}` },
    ]);
    const { rows: deliveries } = await db.query(
      `SELECT event_id::text, subscriber, attempts, processed_at IS NOT NULL AS done FROM outbox_delivery
        WHERE event_id = ANY($1::bigint[]) AND subscriber IN ('test-external', 'test-picky') ORDER BY event_id, subscriber`,
      [failedEvents],
    );
    expect(deliveries).toEqual([
      { event_id: eventIds[4], subscriber: 'test-external', attempts: 1, done: false },
      { event_id: eventIds[12], subscriber: 'test-external', attempts: 1, done: false },
      { event_id: eventIds[20], subscriber: 'test-external', attempts: 1, done: true },
      { event_id: eventIds[20], subscriber: 'test-picky', attempts: 1, done: false },
    ]);

    // The retry (what BullMQ does with the two failed jobs): each subscriber's effect once in all.
    ExternalEffect.failFor = new Set();
    ExternalEffect.sqlFailFor = new Set();
    Picky.failFor = new Set();
    const retried = await processor.deliver(failedEvents);
    expect([...retried.values()]).toEqual(['done', 'done', 'done']);
    expect(ExternalEffect.calls.get(externalFails)).toBe(2);
    expect(ExternalEffect.calls.get(sqlFails)).toBe(2);
    expect(ExternalEffect.calls.get(pickyFails)).toBe(1);
    expect((await db.query(`SELECT n FROM test_sum`)).rows[0].n).toBe(30);
    expect((await db.query(`SELECT count(*)::int AS n FROM test_effect`)).rows[0].n).toBe(30);
    expect((await db.query(`SELECT count(*)::int AS n FROM test_external`)).rows[0].n).toBe(30);
    expect((await db.query(`SELECT count(*)::int AS n FROM test_picky`)).rows[0].n).toBe(30);
    const { rows: closed } = await db.query(
      `SELECT id::text, attempts, last_error FROM outbox_event WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [failedEvents],
    );
    expect(closed).toEqual(failedEvents.map((id) => ({ id, attempts: 2, last_error: null })));
  });

  it('answers each job for its own event when jobs of one batch run at once', async () => {
    const { eventIds } = await pings(5);
    const unknown = '999999999';
    const outcomes = await Promise.all([...eventIds, unknown, eventIds[0]].map((eventId) => processor.process({ eventId })));
    expect(outcomes).toEqual([...eventIds.map(() => 'done'), 'unknown', 'done']);
  });
});

/**
 * The KPI subscriber in a batch (its counters added up, its learners' rows kept for the batch and their last activity
 * day written at its end) leaves the rollups exactly as the same events delivered one at a time do: the same facts,
 * including a profile change between two facts of a learner, a first enrollment moved by an earlier one, and a trained
 * person moved by an earlier certificate, are delivered once event by event and once as one batch.
 */
describe('KPI rollups of a batch', () => {
  const ROLLUPS = [
    'kpi_cell',
    'kpi_activity_day',
    'kpi_learner',
    'kpi_enrollment',
    'kpi_certificate',
    'kpi_trained_person',
    'kpi_trained_company',
    'kpi_company',
    'kpi_company_month',
    'kpi_course',
  ];
  let db: pg.Client;
  let worker: INestApplicationContext;
  let processor: OutboxDeliverProcessor;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    await seedTestDatabase(databaseUrl, { accounts: false });
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    worker = await NestFactory.createApplicationContext(
      WorkerModule.forRoot(testConfig({ DATABASE_URL: databaseUrl, OUTBOX_RELAY_INTERVAL_MS: '600000' }), new MemoryLogger('worker')),
      { logger: false },
    );
    await worker.init();
    processor = worker.get(OutboxDeliverProcessor);
  });
  afterAll(async () => {
    await worker?.close();
    await db?.end();
  });

  const COUNTERS = ['trained', 'certificates', 'enrollments', 'completions', 'new_learners', 'learners', 'companies'];

  /**
   * Every rollup table's rows, in a stable order, without the times of writing. A counter row at zero reads as no row
   * (event by event, a +1 then a -1 leave one; a batch adds them up first and writes nothing).
   */
  async function rollups(): Promise<Record<string, unknown[]>> {
    const result: Record<string, unknown[]> = {};
    for (const table of ROLLUPS) {
      const { rows } = await db.query(`SELECT * FROM ${table}`);
      result[table] = rows
        .filter((row) => {
          const counters = COUNTERS.filter((column) => column in row);
          return counters.length === 0 || counters.some((column) => Number(row[column]) !== 0);
        })
        .map(({ updated_at: _updated, recorded_at: _recorded, ...row }) => JSON.stringify(row))
        .sort();
    }
    return result;
  }

  it('gives the same rollups delivered one event at a time and as one batch', async () => {
    const courses = (await db.query(`SELECT id, current_version_id AS version FROM course WHERE status = 'published' ORDER BY slug LIMIT 2`)).rows;
    const { rows: users } = await db.query(
      `INSERT INTO app_user (email, email_verified_at, first_name, last_name, audience, region, sector, staff_band)
       SELECT 'kpi-batch-' || i || '@test.academie-ia.fr', now(), 'Prénom', 'Nom', 'pme', '11', 'C', '12' FROM generate_series(1, 3) AS i
       RETURNING id`,
    );
    const [u1, u2, u3] = users.map((row) => String(row.id));
    const at = (day: number) => new Date(Date.UTC(2026, 0, day, 10)).toISOString();
    const enrollment = (userId: string, course: number, day: number) => ({ enrollmentId: randomUUID(), userId, courseId: courses[course].id, enrolledAt: at(day) });
    const e1 = enrollment(u1, 0, 20);
    const e2 = enrollment(u1, 1, 5); // earlier: becomes the learner's first enrollment
    const e3 = enrollment(u2, 0, 7);
    const e4 = enrollment(u3, 1, 9);
    const completed = (e: ReturnType<typeof enrollment>, day: number) => ({ ...e, versionId: courses[e.courseId === courses[0].id ? 0 : 1].version, completedAt: at(day) });
    const issued = (e: ReturnType<typeof enrollment>, day: number) => ({
      certificateId: randomUUID(),
      enrollmentId: e.enrollmentId,
      userId: e.userId,
      courseId: e.courseId,
      versionId: courses[e.courseId === courses[0].id ? 0 : 1].version,
      issuedAt: at(day),
      countsTowardGoal: true,
    });
    const events: [string, unknown][] = [
      ['enrollment.created', e1],
      ['enrollment.created', e3],
      ['course.completed', completed(e1, 22)],
      ['profile.changed', { userId: u1, changed: ['audience', 'region', 'sector', 'staffBand'], changedAt: at(23) }],
      ['enrollment.created', e2],
      ['certificate.issued', issued(e1, 24)],
      ['course.completed', completed(e3, 25)],
      ['certificate.issued', issued(e3, 26)],
      ['enrollment.created', e4],
      ['course.completed', completed(e2, 27)],
      ['certificate.issued', issued(e2, 12)], // earlier than the first: the trained person moves
      ['profile.changed', { userId: u2, changed: ['audience', 'region', 'sector', 'staffBand'], changedAt: at(28) }],
      ['course.completed', completed(e4, 28)],
    ];
    // Before the facts, the rollups know the learners with the profile they had; the profile now is another one.
    const before = async () => {
      await db.query(`TRUNCATE ${ROLLUPS.join(', ')}`);
      await db.query(
        `INSERT INTO kpi_learner (user_id, audience, region, sector, company_size) SELECT unnest($1::uuid[]), 'tpe', '24', 'G', '01'`,
        [[u1, u2]],
      );
    };
    await db.query(`UPDATE app_user SET audience = 'eti', region = '84', sector = 'J', staff_band = '32' WHERE id = ANY($1::uuid[])`, [[u1, u2]]);
    const write = async () =>
      (
        await db.query(
          `INSERT INTO outbox_event (type, payload) SELECT t, p FROM unnest($1::text[], $2::jsonb[]) WITH ORDINALITY AS e(t, p, n) ORDER BY n RETURNING id`,
          [events.map(([type]) => type), events.map(([, payload]) => JSON.stringify(payload))],
        )
      ).rows.map((row) => String(row.id));

    await before();
    for (const id of await write()) expect((await processor.deliver([id])).get(id)).toBe('done');
    const oneByOne = await rollups();

    await before();
    const ids = await write();
    const outcomes = await processor.deliver(ids);
    expect([...outcomes.values()]).toEqual(ids.map(() => 'done'));
    const batched = await rollups();

    expect(batched).toEqual(oneByOne);
    expect(oneByOne.kpi_learner).toHaveLength(3);
    expect(oneByOne.kpi_trained_person).toHaveLength(2);
    expect(oneByOne.kpi_cell.length).toBeGreaterThan(26);
  });
});
