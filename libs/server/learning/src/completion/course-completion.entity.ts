import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * The completion of an enrollment, at most one (pk_course_completion): the `course.completed` outbox event is
 * written only by the INSERT that creates this row, in the same statement, so no completion is announced twice.
 */
@Entity({ name: 'course_completion' })
@Unique('uq_course_completion_statement', ['statementId'])
@Index('ix_course_completion_completed', ['completedAt', 'statementId'])
@Index('ix_course_completion_course', ['courseId'])
export class CourseCompletion {
  @PrimaryColumn({ type: 'uuid' })
  enrollmentId!: string;

  /** Id of the xAPI `completed` statement of the course. */
  @Column({ type: 'uuid', default: () => 'gen_random_uuid()' })
  statementId!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'uuid' })
  courseId!: string;

  @Column({ type: 'uuid' })
  versionId!: string;

  @Column({ type: 'timestamptz' })
  completedAt!: Date;
}
