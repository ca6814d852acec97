import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxEventPayloads } from '@academie/contracts';
import { type OutboxBatch, type OutboxEventContext, type OutboxEventHandler, OutboxHandler } from '@academie/server-outbox';

type Counted = 'enrollments' | 'completions';

/**
 * Adds one to a (day, course) counter of learning_activity_daily: at once, or, in a batch, with the batch's other
 * events in one upsert per counter at its end (the counters of a day and course are the same few rows for everyone).
 */
async function count(manager: EntityManager, batch: OutboxBatch | undefined, column: Counted, at: string, courseId: string): Promise<void> {
  const facts = batch?.shared(`learning-daily:${column}`, () => [] as { at: string; courseId: string }[], (all) => upsert(manager, column, all));
  if (facts) facts.push({ at, courseId });
  else await upsert(manager, column, [{ at, courseId }]);
}

/** Each fact on its day in France, where the plan's daily figures are read; summed per (day, course), in key order. */
async function upsert(manager: EntityManager, column: Counted, facts: { at: string; courseId: string }[]): Promise<void> {
  if (facts.length === 0) return;
  await manager.query(
    `INSERT INTO learning_activity_daily AS d (day, course_id, ${column})
     SELECT (f.at AT TIME ZONE 'Europe/Paris')::date, f.course_id, count(*)
       FROM unnest($1::timestamptz[], $2::uuid[]) AS f(at, course_id)
      GROUP BY 1, 2 ORDER BY 1, 2
     ON CONFLICT ON CONSTRAINT pk_learning_activity_daily DO UPDATE SET ${column} = d.${column} + EXCLUDED.${column}`,
    [facts.map((f) => f.at), facts.map((f) => f.courseId)],
  );
}

/**
 * Counts an enrollment in learning_activity_daily. It runs in the transaction that records the delivery
 * (outbox_delivery), so each event is counted exactly once.
 */
@Injectable()
@OutboxHandler('enrollment.created', 'learning-daily-enrollments')
export class LearningDailyEnrollments implements OutboxEventHandler<'enrollment.created'> {
  async handle(manager: EntityManager, payload: OutboxEventPayloads['enrollment.created'], context?: OutboxEventContext): Promise<void> {
    await count(manager, context?.batch, 'enrollments', payload.enrolledAt, payload.courseId);
  }
}

/** Counts a completion in learning_activity_daily, exactly once per `course.completed` event. */
@Injectable()
@OutboxHandler('course.completed', 'learning-daily-completions')
export class LearningDailyCompletions implements OutboxEventHandler<'course.completed'> {
  async handle(manager: EntityManager, payload: OutboxEventPayloads['course.completed'], context?: OutboxEventContext): Promise<void> {
    await count(manager, context?.batch, 'completions', payload.completedAt, payload.courseId);
  }
}
