import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A reviewer's decision on a submitted version; a rejection carries its comment. */
@Entity({ name: 'course_review' })
@Index('ix_course_review_version', ['versionId', 'decidedAt'])
@Index('ix_course_review_reviewer', ['reviewerId'])
@Check('ck_course_review_decision', "decision IN ('approved', 'rejected')")
@Check('ck_course_review_rejection_comment', "decision <> 'rejected' OR length(btrim(comment)) > 0")
export class CourseReview {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  versionId!: string;

  @Column({ type: 'varchar', length: 20 })
  decision!: 'approved' | 'rejected';

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ type: 'uuid' })
  reviewerId!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  decidedAt!: Date;
}
