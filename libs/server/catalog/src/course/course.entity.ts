import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { Audience, CourseKind, CourseLevel, CourseStatus, NafSection, UseCase } from '@academie/contracts';

/**
 * The catalogue row of a course: its slug, its status in the catalogue, and a copy of the metadata of its
 * latest published version (`currentVersionId`) with the stored search vector, refreshed at each
 * publication, so that catalogue reads touch this table only. The content lives in `course_version`.
 */
@Entity({ name: 'course' })
@Unique('uq_course_slug', ['slug'])
@Index('ix_course_published_keyset', ['publishedAt', 'id'], { where: "status = 'published'" })
@Check('ck_course_duration_positive', 'duration_minutes > 0')
@Check('ck_course_level', "level IN ('decouverte', 'intermediaire', 'avance')")
@Check('ck_course_kind', "kind IN ('course', 'tutorial')")
@Check('ck_course_status', "status IN ('draft', 'published', 'archived')")
@Check('ck_course_published_version', "status <> 'published' OR current_version_id IS NOT NULL")
@Check('ck_course_archived_at', "status <> 'archived' OR archived_at IS NOT NULL")
@Index('ix_course_search', { synchronize: false })
@Index('ix_course_created_by', ['createdBy'])
export class Course {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 120 })
  slug!: string;

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

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status!: CourseStatus;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** The latest published version, shown by the catalogue (fk_course_current_version). */
  @Column({ type: 'uuid', nullable: true })
  currentVersionId!: string | null;

  /** setweight(title, A) || setweight(summary, B) || setweight(lesson text, C), configuration fr_unaccent. */
  @Column({ type: 'tsvector', select: false })
  searchVector!: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  archivedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
