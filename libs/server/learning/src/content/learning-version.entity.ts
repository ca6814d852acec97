import { Check, Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * The learning context's copy of a published course version (immutable in the catalogue, so never stale),
 * written at the first enrollment in it: what enrollments, progress and statements need, without reading the
 * catalogue's content on every event.
 */
@Entity({ name: 'learning_version' })
@Unique('uq_learning_version_course', ['versionId', 'courseId'])
@Check('ck_learning_version_lesson_count', 'lesson_count >= 0')
@Check('ck_learning_version_required', 'required_lessons >= 0 AND required_lessons <= lesson_count')
export class LearningVersion {
  /** fk_learning_version_version: (version_id, course_id) of a course_version. */
  @PrimaryColumn({ type: 'uuid' })
  versionId!: string;

  @Column({ type: 'uuid' })
  courseId!: string;

  /** Never changes in the catalogue: the xAPI activity ids are built from it. */
  @Column({ type: 'varchar', length: 120 })
  courseSlug!: string;

  @Column({ type: 'integer' })
  versionNumber!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'integer' })
  lessonCount!: number;

  @Column({ type: 'integer' })
  requiredLessons!: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
