import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The state of one lesson of an enrollment, derived from its events by order-independent merges (so that
 * events arriving late, twice or shuffled give the same state): started at the earliest event, completed at the
 * earliest completing event (never undone), furthest video position, last position by (occurredAt, eventId).
 */
@Entity({ name: 'lesson_progress' })
@Index('ix_lesson_progress_lesson', ['lessonId'])
@Check('ck_lesson_progress_max_position', 'max_position >= 0')
@Check('ck_lesson_progress_last_position', 'last_position >= 0')
@Check('ck_lesson_progress_last_position_at', '(last_position IS NULL) = (last_position_at IS NULL)')
export class LessonProgress {
  /** fk_lesson_progress_enrollment; the primary key is pk_lesson_progress (enrollment_id, lesson_id). */
  @PrimaryColumn({ type: 'uuid' })
  enrollmentId!: string;

  /** fk_lesson_progress_lesson to learning_lesson. */
  @PrimaryColumn({ type: 'uuid' })
  lessonId!: string;

  @Column({ type: 'timestamptz' })
  startedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'double precision', nullable: true })
  maxPosition!: number | null;

  @Column({ type: 'double precision', nullable: true })
  lastPosition!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastPositionAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  lastPositionEventId!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
