import { Check, Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import type { LessonKind } from '@academie/contracts';

/** A lesson of a version in `learning_version`: kind, whether completion requires it, video length, quiz settings. */
@Entity({ name: 'learning_lesson' })
@Unique('uq_learning_lesson_ordinal', ['versionId', 'ordinal'])
@Check('ck_learning_lesson_kind', "kind IN ('text', 'video', 'quiz')")
@Check('ck_learning_lesson_video', "(kind = 'video') = (video_seconds IS NOT NULL)")
@Check('ck_learning_lesson_quiz', "(kind = 'quiz') = (pass_mark IS NOT NULL)")
export class LearningLesson {
  /** fk_learning_lesson_lesson: the catalogue's course_lesson id. */
  @PrimaryColumn({ type: 'uuid' })
  lessonId!: string;

  @Column({ type: 'uuid' })
  versionId!: string;

  @Column({ type: 'uuid' })
  moduleId!: string;

  /** Modules in order, then lessons in order, from 0. */
  @Column({ type: 'integer' })
  ordinal!: number;

  @Column({ type: 'varchar', length: 10 })
  kind!: LessonKind;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'boolean' })
  required!: boolean;

  /** Video lessons: the length VIDEO_COMPLETION_RATIO applies to. */
  @Column({ type: 'integer', nullable: true })
  videoSeconds!: number | null;

  @Column({ type: 'integer', nullable: true })
  passMark!: number | null;

  /** Null: no limit. */
  @Column({ type: 'integer', nullable: true })
  maxAttempts!: number | null;

  @Column({ type: 'integer', default: 0 })
  cooldownSeconds!: number;
}
