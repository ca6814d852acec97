import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { Audience, CourseKind, CourseLevel, NafSection, UseCase } from '@academie/contracts';

export type CourseStatus = 'draft' | 'published' | 'archived';

@Entity({ name: 'course' })
@Unique('uq_course_slug', ['slug'])
@Index('ix_course_published_keyset', ['publishedAt', 'id'], { where: "status = 'published'" })
@Check('ck_course_duration_positive', 'duration_minutes > 0')
@Check('ck_course_level', "level IN ('decouverte', 'intermediaire', 'avance')")
@Check('ck_course_kind', "kind IN ('course', 'tutorial')")
@Check('ck_course_status', "status IN ('draft', 'published', 'archived')")
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
