import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { LessonKind } from '@academie/contracts';
import type { StoredContent } from '../content/lesson-content';

/**
 * An ordered lesson of a module, with an id of its own that the learning context references. `content`
 * holds the author's form (answers and explanations included): learners get `toLessonView` of it only.
 */
@Entity({ name: 'course_lesson' })
@Unique('uq_course_lesson_position', ['moduleId', 'position'], { deferrable: 'INITIALLY DEFERRED' })
@Index('ix_course_lesson_version', ['versionId'])
@Check('ck_course_lesson_kind', "kind IN ('text', 'video', 'quiz')")
@Check('ck_course_lesson_duration_positive', 'duration_minutes > 0')
export class CourseLesson {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  versionId!: string;

  /** With versionId, fk_course_lesson_module to course_module (id, version_id). */
  @Column({ type: 'uuid' })
  moduleId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'varchar', length: 10 })
  kind!: LessonKind;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'integer' })
  durationMinutes!: number;

  @Column({ type: 'boolean', default: true })
  required!: boolean;

  @Column({ type: 'jsonb' })
  content!: StoredContent;

  /** Plain text indexed with weight C when the version is published. */
  @Column({ type: 'text', default: '' })
  searchText!: string;

  /** The lesson of the previous version this one was copied from. */
  @Column({ type: 'uuid', nullable: true })
  originLessonId!: string | null;
}
