import 'reflect-metadata';
import { type DynamicModule, type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Redis } from 'ioredis';
import pg from 'pg';
import { type AppConfig, CoreModule } from '@academie/server-core';
import { DatabaseModule } from '@academie/server-database';
import { type OutboxEventContext, type OutboxEventHandler, OutboxHandler, OutboxRelay } from '@academie/server-outbox';
import type { EntityManager } from 'typeorm';
import { Injectable } from '@nestjs/common';
import { QueueModule, QueueRegistry } from '@academie/server-queue';
import { MemoryLogger, OwnRedis, createTestDatabase, eventually, testConfig } from '@academie/server-testing';
import { WorkerModule } from './worker.module';

/** The relay alone, without job workers: it hands events to Redis and nobody consumes them. */
@Module({})
class RelayOnlyModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: RelayOnlyModule,
      imports: [CoreModule.forRoot(config, new MemoryLogger()), DatabaseModule.forRoot('test-relay'), QueueModule],
      providers: [OutboxRelay],
    };
  }
}

/** A second subscriber of the ping whose effect is counted, and a third that fails its first delivery. */
@Injectable()
@OutboxHandler('system.ping', 'test-counter')
class CountingSubscriber implements OutboxEventHandler<'system.ping'> {
  async handle(manager: EntityManager, _payload: unknown, context: OutboxEventContext): Promise<void> {
    await manager.query(`INSERT INTO test_effect (event_id) VALUES ($1)`, [context.eventId]);
  }
}

@Injectable()
@OutboxHandler('system.ping', 'test-flaky')
class FlakySubscriber implements OutboxEventHandler<'system.ping'> {
  static failures = 1;
  async handle(): Promise<void> {
    if (FlakySubscriber.failures-- > 0) throw new Error('flaky subscriber fails once');
  }
}

@Module({})
class WorkerWithTestSubscribers {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerWithTestSubscribers,
      imports: [WorkerModule.forRoot(config, new MemoryLogger('worker'))],
      providers: [CountingSubscriber, FlakySubscriber],
    };
  }
}

async function startWorker(config: AppConfig, logger = new MemoryLogger('worker')): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger), { logger });
  await app.init();
  return app;
}

/** What the API does: a ping and its outbox event in one transaction. */
async function writePing(db: pg.Client): Promise<string> {
  await db.query('BEGIN');
  const { rows } = await db.query(`INSERT INTO system_ping DEFAULT VALUES RETURNING id`);
  await db.query(`INSERT INTO outbox_event (type, payload) VALUES ('system.ping', $1)`, [JSON.stringify({ pingId: rows[0].id })]);
  await db.query('COMMIT');
  return rows[0].id;
}

/** The event closes after its subscribers' transactions commit: wait for that, not only for the ping's effect. */
const eventClosed = async (db: pg.Client) =>
  (await db.query(`SELECT count(*)::int AS open FROM outbox_event WHERE processed_at IS NULL`)).rows[0].open === 0;

const pingDone = async (db: pg.Client, id: string) =>
  (await db.query(`SELECT handled_at FROM system_ping WHERE id = $1`, [id])).rows[0]?.handled_at != null;

describe('worker', () => {
  let db: pg.Client;
  let databaseUrl: string;

  beforeEach(async () => {
    databaseUrl = await createTestDatabase();
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
  });
  afterEach(async () => {
    await db.end();
  });

  it('handles a ping through the outbox and beats', async () => {
    const worker = await startWorker(testConfig({ DATABASE_URL: databaseUrl }));
    try {
      const id = await writePing(db);
      await eventually(() => pingDone(db, id));
      await eventually(() => eventClosed(db));
      const { rows } = await db.query(`SELECT processed_at, attempts, last_error FROM outbox_event`);
      expect(rows).toEqual([{ processed_at: expect.any(Date), attempts: 1, last_error: null }]);
      const beats = await db.query(`SELECT count(*)::int AS n FROM worker_heartbeat WHERE beat_at > now() - interval '5 seconds'`);
      expect(beats.rows[0].n).toBe(1);
    } finally {
      await worker.close();
    }
  });

  it('closes each event exactly once with two workers side by side', async () => {
    const config = testConfig({ DATABASE_URL: databaseUrl });
    const [a, b] = await Promise.all([startWorker(config), startWorker(config)]);
    try {
      const ids = await Promise.all(Array.from({ length: 60 }, () => writePing(db)));
      await eventually(async () => {
        const { rows } = await db.query(`SELECT count(*)::int AS open FROM outbox_event WHERE processed_at IS NULL`);
        return rows[0].open === 0;
      }, 20_000);
      const { rows } = await db.query(`SELECT attempts, count(*)::int AS n FROM outbox_event GROUP BY attempts`);
      expect(rows).toEqual([{ attempts: 1, n: ids.length }]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('refuses to deliver an event twice: a second job for a closed event changes nothing', async () => {
    const config = testConfig({ DATABASE_URL: databaseUrl });
    const worker = await startWorker(config);
    try {
      const id = await writePing(db);
      await eventually(() => pingDone(db, id));
      await eventually(() => eventClosed(db));
      const before = await db.query(`SELECT handled_at FROM system_ping WHERE id = $1`, [id]);
      const queues = worker.get(QueueRegistry);
      const { rows } = await db.query(`SELECT id FROM outbox_event`);
      // A job under a new id for the same event (as after Redis forgot the first one): the event is closed already.
      await queues.enqueue('outbox.deliver', { eventId: String(rows[0].id) }, { jobId: `outbox-${rows[0].id}-again` });
      await eventually(async () => (await queues.queue('outbox').getCompletedCount()) >= 2);
      const after = await db.query(`SELECT handled_at FROM system_ping WHERE id = $1`, [id]);
      expect(after.rows[0].handled_at).toEqual(before.rows[0].handled_at);
      expect((await db.query(`SELECT attempts FROM outbox_event`)).rows[0].attempts).toBe(1);
    } finally {
      await worker.close();
    }
  });

  it('delivers an event to each of its subscribers exactly once, even when one of them fails and the job is retried', async () => {
    await db.query(`CREATE TABLE test_effect (event_id bigint NOT NULL)`);
    const worker = await NestFactory.createApplicationContext(WorkerWithTestSubscribers.forRoot(testConfig({ DATABASE_URL: databaseUrl })), {
      logger: false,
    });
    try {
      const id = await writePing(db);
      await eventually(async () => (await db.query(`SELECT processed_at FROM outbox_event`)).rows[0]?.processed_at != null, 20_000);
      expect(await pingDone(db, id)).toBe(true);
      expect((await db.query(`SELECT count(*)::int AS n FROM test_effect`)).rows[0].n).toBe(1);
      const deliveries = await db.query(`SELECT subscriber, attempts, processed_at IS NOT NULL AS done FROM outbox_delivery ORDER BY subscriber`);
      expect(deliveries.rows).toEqual([
        { subscriber: 'system.ping', attempts: 1, done: true },
        { subscriber: 'test-counter', attempts: 1, done: true },
        { subscriber: 'test-flaky', attempts: 2, done: true }, // failed once, then delivered on the retry
      ]);
    } finally {
      await worker.close();
    }
  });

  describe('with a Redis of its own', () => {
    let redis: OwnRedis;
    beforeAll(async () => {
      redis = await OwnRedis.start();
    });
    afterAll(async () => {
      await redis.destroy();
    });

    it('loses no ping when Redis is flushed between the relay and the handling', async () => {
      const config = testConfig({ DATABASE_URL: databaseUrl, REDIS_URL: redis.url, OUTBOX_REDELIVER_AFTER_MS: '1000' });
      const id = await writePing(db);

      // Relay only: the job sits in Redis, no worker consumes it yet.
      const relayOnly = await NestFactory.createApplicationContext(RelayOnlyModule.forRoot(config), { logger: false });
      const client = new Redis(redis.url);
      try {
        await eventually(async () => (await client.keys(`${config.REDIS_PREFIX}:outbox:outbox-*`)).length > 0);
      } finally {
        await relayOnly.close();
      }
      await client.flushall();
      expect(await client.dbsize()).toBe(0);
      client.disconnect();

      const worker = await startWorker(config);
      try {
        await eventually(() => pingDone(db, id), 15_000);
        await eventually(() => eventClosed(db), 15_000);
        const { rows } = await db.query(`SELECT relay_count, attempts FROM outbox_event`);
        expect(rows[0].relay_count).toBeGreaterThanOrEqual(2); // enqueued again under the same id after the delay
        expect(rows[0].attempts).toBe(1);
      } finally {
        await worker.close();
      }
    });

    it('declares the nightly and daily schedules again after Redis lost its data, without a restart', async () => {
      const config = testConfig({ DATABASE_URL: databaseUrl, REDIS_URL: redis.url, JOB_SCHEDULE_REFRESH_MS: '300' });
      const worker = await startWorker(config);
      const client = new Redis(redis.url);
      try {
        const queues = worker.get(QueueRegistry);
        const scheduled = async () => {
          const ids: string[] = [];
          for (const queue of ['reporting', 'scheduled'] as const) {
            for (const scheduler of await queues.queue(queue).getJobSchedulers()) ids.push(scheduler.key);
          }
          return ids.sort();
        };
        const expected = ['kpi-reconcile-nightly', 'organisation-reminders-daily', 'retention-purge-nightly'];
        await eventually(async () => JSON.stringify(await scheduled()) === JSON.stringify(expected), 10_000);
        // Without the periodic declaration nothing would bring them back (a check that they are gone would race it).
        expect(await client.flushall()).toBe('OK');
        await eventually(async () => JSON.stringify(await scheduled()) === JSON.stringify(expected), 10_000);
      } finally {
        client.disconnect();
        await worker.close();
      }
    });
  });
});
