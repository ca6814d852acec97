import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { OutboxEventPayloads } from '@academie/contracts';
import { LearningDailyCompletions } from '@academie/server-learning';
import { OutboxDeliverProcessor } from '@academie/server-outbox';
import { MemoryLogger, createTestDatabase, eventually, testConfig } from '@academie/server-testing';
import { WorkerModule } from './worker.module';

/** The learning-daily subscribers: enrollments and completions counted per day (Europe/Paris) and course, once per event. */
describe('learning-daily subscribers', () => {
  let db: pg.Client;
  let worker: INestApplicationContext;
  let courseId: string;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    const { rows } = await db.query(
      `INSERT INTO course (slug, kind, title, summary, level, duration_minutes, status)
       VALUES ('rollup', 'course', 'Cours', 'Résumé', 'decouverte', 30, 'draft') RETURNING id`,
    );
    courseId = rows[0].id;
    const logger = new MemoryLogger('worker');
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(testConfig({ DATABASE_URL: databaseUrl }), logger), { logger });
    await worker.init(); // refuses to start if an event type (enrollment.created, course.completed among them) had no subscriber
  });

  afterAll(async () => {
    await worker?.close();
    await db?.end();
  });

  async function record<T extends 'enrollment.created' | 'course.completed'>(type: T, payload: OutboxEventPayloads[T]): Promise<string> {
    const { rows } = await db.query(`INSERT INTO outbox_event (type, payload) VALUES ($1, $2) RETURNING id`, [type, JSON.stringify(payload)]);
    return String(rows[0].id);
  }

  const ids = { enrollmentId: '00000000-0000-4000-8000-000000000001', userId: '00000000-0000-4000-8000-000000000002', versionId: '00000000-0000-4000-8000-000000000003' };

  it('counts each enrollment once, on its day in France, through the outbox', async () => {
    const events = [
      await record('enrollment.created', { ...ids, courseId, enrolledAt: '2026-07-14T08:00:00.000Z' }),
      await record('enrollment.created', { ...ids, courseId, enrolledAt: '2026-07-14T21:59:59.000Z' }),
      // 22:30 in UTC is already the next day in Paris (UTC+2 in July).
      await record('enrollment.created', { ...ids, courseId, enrolledAt: '2026-07-14T22:30:00.000Z' }),
    ];
    // Other subscribers of this type may refuse these made-up payloads: wait for ours only.
    const ours = async () => {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM outbox_delivery
          WHERE event_id = ANY($1::bigint[]) AND subscriber = 'learning-daily-enrollments' AND processed_at IS NOT NULL`,
        [events],
      );
      return rows[0].n;
    };
    await eventually(async () => (await ours()) === events.length, 20_000);
    const counts = async () =>
      (
        await db.query(
          `SELECT to_char(day, 'YYYY-MM-DD') AS day, enrollments, completions FROM learning_activity_daily WHERE course_id = $1 ORDER BY day`,
          [courseId],
        )
      ).rows;
    expect(await counts()).toEqual([
      { day: '2026-07-14', enrollments: 2, completions: 0 },
      { day: '2026-07-15', enrollments: 1, completions: 0 },
    ]);
    // Delivered again (a job run twice): nothing more is counted.
    const processor = worker.get(OutboxDeliverProcessor);
    for (const id of events) await processor.process({ eventId: id }).catch(() => undefined); // another subscriber may still refuse
    expect(await ours()).toBe(3);
    expect(await counts()).toEqual([
      { day: '2026-07-14', enrollments: 2, completions: 0 },
      { day: '2026-07-15', enrollments: 1, completions: 0 },
    ]);
  });

  it('counts a completion on its day in France', async () => {
    const handler = worker.get(LearningDailyCompletions);
    const dataSource = worker.get(DataSource);
    await dataSource.transaction((manager) => handler.handle(manager, { ...ids, courseId, completedAt: '2026-12-31T23:30:00.000Z' }));
    const { rows } = await db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, completions FROM learning_activity_daily WHERE course_id = $1 AND completions > 0`,
      [courseId],
    );
    expect(rows).toEqual([{ day: '2027-01-01', completions: 1 }]); // UTC+1 in winter
  });
});
