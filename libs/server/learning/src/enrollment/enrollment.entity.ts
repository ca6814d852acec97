import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A learner's enrollment in a course, on the version that was the latest published when they enrolled: one per
 * learner and course (enrolling again returns it). Unenrolling sets `withdrawnAt` and keeps the progress; enrolling
 * again clears it. `completedLessonIds` is the set of required lessons done (quizzes once passed), merged by every
 * progress write; `completedAt` is set once, with the course_completion row and its outbox event.
 */
@Entity({ name: 'enrollment' })
@Unique('uq_enrollment_user_course', ['userId', 'courseId'])
@Index('ix_enrollment_course', ['courseId'])
@Index('ix_enrollment_version', ['versionId'])
@Check('ck_enrollment_required', 'required_lessons >= 0')
@Check('ck_enrollment_progress', 'cardinality(completed_lesson_ids) <= required_lessons')
@Check('ck_enrollment_completed', 'completed_at IS NULL OR cardinality(completed_lesson_ids) = required_lessons')
export class Enrollment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'uuid' })
  courseId!: string;

  /** With courseId, fk_enrollment_version to learning_version. */
  @Column({ type: 'uuid' })
  versionId!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  enrolledAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'integer' })
  requiredLessons!: number;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  completedLessonIds!: string[];

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  /** The lesson of the latest event by (occurredAt, eventId): where the player resumes. */
  @Column({ type: 'uuid', nullable: true })
  lastLessonId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastActivityAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  lastEventId!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
