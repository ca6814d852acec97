import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { LessonKind, QuestionKind } from '@academie/contracts';
import type { QuizContent } from '../content/lesson-content';

/** Anything that runs SQL: the DataSource or a transaction's EntityManager. */
export interface ContentQueryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export interface PublishedLesson {
  id: string;
  moduleId: string;
  /** Position in the version: modules in order, then lessons in order, from 0. */
  ordinal: number;
  kind: LessonKind;
  title: string;
  required: boolean;
  /** Video lessons: the length the completion share applies to (the author's `durationSeconds`, else `durationMinutes` × 60). */
  videoSeconds: number | null;
  /** Quiz lessons: pass mark, attempts allowed (null: no limit), cool-down in seconds. */
  quiz: { passMark: number; maxAttempts: number | null; cooldownSeconds: number } | null;
}

/** What the learning context needs of a published version: it never changes once published. */
export interface PublishedVersionOutline {
  courseId: string;
  courseSlug: string;
  versionId: string;
  versionNumber: number;
  title: string;
  lessons: PublishedLesson[];
}

/** A quiz of a published version with its answers, for grading on the server (never sent to learners as is). */
export interface QuizAnswerKey {
  lessonId: string;
  versionId: string;
  passMark: number;
  maxAttempts: number | null;
  cooldownSeconds: number;
  questions: { id: string; kind: QuestionKind; options: { id: string; correct: boolean; explanation: string }[] }[];
}

interface OutlineRow {
  course_id: string;
  slug: string;
  version_id: string;
  number: number;
  version_title: string;
  lesson_id: string | null;
  module_id: string | null;
  kind: LessonKind | null;
  lesson_title: string | null;
  required: boolean | null;
  video_seconds: number | null;
  pass_mark: number | null;
  max_attempts: number | null;
  cooldown_seconds: number | null;
}

/**
 * The catalogue's published content as the learning context reads it: a version's outline (lessons in order, the
 * length of each video, each quiz's settings) and a quiz's answer key. Published versions are immutable, so what
 * this returns for a version never changes.
 */
@Injectable()
export class PublishedContentApi {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The version the catalogue shows today for this course, or null when the course is not published. */
  latestVersion(courseId: string, db: ContentQueryable = this.dataSource): Promise<PublishedVersionOutline | null> {
    return this.outline(db, `c.id = $1 AND c.status = 'published' AND v.id = c.current_version_id`, courseId);
  }

  /** Any published version, or null. */
  version(versionId: string, db: ContentQueryable = this.dataSource): Promise<PublishedVersionOutline | null> {
    return this.outline(db, `v.id = $1`, versionId);
  }

  /** The answer key of a quiz lesson of a published version, or null. */
  async quizAnswerKey(lessonId: string, db: ContentQueryable = this.dataSource): Promise<QuizAnswerKey | null> {
    const rows = (await db.query(
      `SELECT l.id, l.version_id, l.content
         FROM course_lesson l JOIN course_version v ON v.id = l.version_id AND v.status = 'published'
        WHERE l.id = $1 AND l.kind = 'quiz'`,
      [lessonId],
    )) as { id: string; version_id: string; content: QuizContent }[];
    const row = rows[0];
    if (!row) return null;
    return {
      lessonId: row.id,
      versionId: row.version_id,
      passMark: row.content.passMark,
      maxAttempts: row.content.maxAttempts ?? null,
      cooldownSeconds: row.content.cooldownSeconds ?? 0,
      questions: row.content.questions.map((q) => ({
        id: q.id,
        kind: q.kind,
        options: q.options.map((o) => ({ id: o.id, correct: o.correct, explanation: o.explanation })),
      })),
    };
  }

  private async outline(db: ContentQueryable, condition: string, id: string): Promise<PublishedVersionOutline | null> {
    const rows = (await db.query(
      `SELECT c.id AS course_id, c.slug, v.id AS version_id, v.number, v.title AS version_title,
              l.id AS lesson_id, l.module_id, l.kind, l.title AS lesson_title, l.required,
              CASE WHEN l.kind = 'video' THEN coalesce((l.content ->> 'durationSeconds')::integer, l.duration_minutes * 60) END AS video_seconds,
              CASE WHEN l.kind = 'quiz' THEN (l.content ->> 'passMark')::integer END AS pass_mark,
              CASE WHEN l.kind = 'quiz' THEN (l.content ->> 'maxAttempts')::integer END AS max_attempts,
              CASE WHEN l.kind = 'quiz' THEN coalesce((l.content ->> 'cooldownSeconds')::integer, 0) END AS cooldown_seconds
         FROM course_version v
         JOIN course c ON c.id = v.course_id
         LEFT JOIN course_module m ON m.version_id = v.id
         LEFT JOIN course_lesson l ON l.module_id = m.id
        WHERE v.status = 'published' AND ${condition}
        ORDER BY m.position, l.position`,
      [id],
    )) as OutlineRow[];
    const first = rows[0];
    if (!first) return null;
    return {
      courseId: first.course_id,
      courseSlug: first.slug,
      versionId: first.version_id,
      versionNumber: first.number,
      title: first.version_title,
      lessons: rows
        .filter((r) => r.lesson_id !== null)
        .map((r, ordinal) => ({
          id: r.lesson_id!,
          moduleId: r.module_id!,
          ordinal,
          kind: r.kind!,
          title: r.lesson_title!,
          required: r.required!,
          videoSeconds: r.video_seconds,
          quiz: r.kind === 'quiz' ? { passMark: r.pass_mark ?? 0, maxAttempts: r.max_attempts, cooldownSeconds: r.cooldown_seconds ?? 0 } : null,
        })),
    };
  }
}
