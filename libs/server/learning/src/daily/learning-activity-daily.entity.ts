import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Enrollments and completions per day (Europe/Paris) and course, counted once per outbox event by the learning-daily subscribers. */
@Entity({ name: 'learning_activity_daily' })
@Index('ix_learning_activity_daily_course', ['courseId', 'day'])
@Check('ck_learning_activity_daily_enrollments', 'enrollments >= 0')
@Check('ck_learning_activity_daily_completions', 'completions >= 0')
export class LearningActivityDaily {
  @PrimaryColumn({ type: 'date' })
  day!: string;

  @PrimaryColumn({ type: 'uuid' })
  courseId!: string;

  @Column({ type: 'integer', default: 0 })
  enrollments!: number;

  @Column({ type: 'integer', default: 0 })
  completions!: number;
}
