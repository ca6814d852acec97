import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxEventPayloads } from '@academie/contracts';
import { type OutboxEventHandler, OutboxHandler } from '@academie/server-outbox';

/** The day of an instant in France, where the plan's daily figures are read. */
const DAY_SQL = `(($1::timestamptz) AT TIME ZONE 'Europe/Paris')::date`;

/**
 * Counts an enrollment in learning_activity_daily. It runs in the transaction that records the delivery
 * (outbox_delivery), so each event is counted exactly once.
 */
@Injectable()
@OutboxHandler('enrollment.created', 'learning-daily-enrollments')
export class LearningDailyEnrollments implements OutboxEventHandler<'enrollment.created'> {
  async handle(manager: EntityManager, payload: OutboxEventPayloads['enrollment.created']): Promise<void> {
    await manager.query(
      `INSERT INTO learning_activity_daily (day, course_id, enrollments) VALUES (${DAY_SQL}, $2, 1)
       ON CONFLICT ON CONSTRAINT pk_learning_activity_daily DO UPDATE SET enrollments = learning_activity_daily.enrollments + 1`,
      [payload.enrolledAt, payload.courseId],
    );
  }
}

/** Counts a completion in learning_activity_daily, exactly once per `course.completed` event. */
@Injectable()
@OutboxHandler('course.completed', 'learning-daily-completions')
export class LearningDailyCompletions implements OutboxEventHandler<'course.completed'> {
  async handle(manager: EntityManager, payload: OutboxEventPayloads['course.completed']): Promise<void> {
    await manager.query(
      `INSERT INTO learning_activity_daily (day, course_id, completions) VALUES (${DAY_SQL}, $2, 1)
       ON CONFLICT ON CONSTRAINT pk_learning_activity_daily DO UPDATE SET completions = learning_activity_daily.completions + 1`,
      [payload.completedAt, payload.courseId],
    );
  }
}
