import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Audience, CourseKind, CourseLevel, NafSection, UseCase, VersionStatus } from '@academie/contracts';

/**
 * One version of a course. Its authors write it (`draft`), submit it, a reviewer rejects it with a comment
 * or publishes it. Once published, the row, its modules and its lessons are immutable: the triggers
 * `tr_course_version_immutable`, `tr_course_module_immutable` and `tr_course_lesson_immutable` refuse any
 * UPDATE or DELETE (ck_course_version_immutable), so a learner who started version N keeps version N.
 */
@Entity({ name: 'course_version' })
@Unique('uq_course_version_number', ['courseId', 'number'])
@Unique('uq_course_version_id_course', ['id', 'courseId'])
@Index('uq_course_version_open', ['courseId'], { unique: true, where: "status <> 'published'" })
@Index('ix_course_version_submitted', ['submittedAt', 'id'], { where: "status = 'submitted'" })
@Check('ck_course_version_status', "status IN ('draft', 'submitted', 'rejected', 'published')")
@Check('ck_course_version_published_at', "status <> 'published' OR published_at IS NOT NULL")
@Check('ck_course_version_not_self_approved', 'published_by IS NULL OR submitted_by IS NULL OR published_by <> submitted_by')
export class CourseVersion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  courseId!: string;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status!: VersionStatus;

  @Column({ type: 'varchar', length: 20 })
  kind!: CourseKind;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'varchar', length: 20 })
  level!: CourseLevel;

  @Column({ type: 'integer' })
  durationMinutes!: number;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  audiences!: Audience[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sectors!: NafSection[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  useCases!: UseCase[];

  @Column({ type: 'varchar', length: 10, default: 'fr' })
  language!: string;

  @Column({ type: 'boolean', default: true })
  countsTowardGoal!: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  submittedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  /** The reviewer who approved it. */
  @Column({ type: 'uuid', nullable: true })
  publishedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
