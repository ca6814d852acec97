import type { PublishedVersionOutline } from '@academie/server-catalog';
import type { Queryable } from '../sql';

/**
 * Copies what the learning context needs of a published version (immutable) into learning_version and
 * learning_lesson, once: later calls, concurrent ones included, change nothing.
 */
export async function ensureLearningVersion(db: Queryable, outline: PublishedVersionOutline): Promise<void> {
  const lessons = outline.lessons;
  await db.query(
    `INSERT INTO learning_version (version_id, course_id, course_slug, version_number, title, lesson_count, required_lessons)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT ON CONSTRAINT pk_learning_version DO NOTHING`,
    [
      outline.versionId,
      outline.courseId,
      outline.courseSlug,
      outline.versionNumber,
      outline.title,
      lessons.length,
      lessons.filter((l) => l.required).length,
    ],
  );
  if (lessons.length === 0) return;
  await db.query(
    `INSERT INTO learning_lesson (lesson_id, version_id, module_id, ordinal, kind, title, required, video_seconds, pass_mark,
                                  max_attempts, cooldown_seconds)
     SELECT t.lesson_id, $1, t.module_id, t.ordinal, t.kind, t.title, t.required, t.video_seconds, t.pass_mark, t.max_attempts,
            coalesce(t.cooldown_seconds, 0)
       FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::text[], $6::text[], $7::boolean[], $8::int[], $9::int[], $10::int[], $11::int[])
            AS t(lesson_id, module_id, ordinal, kind, title, required, video_seconds, pass_mark, max_attempts, cooldown_seconds)
     ON CONFLICT ON CONSTRAINT pk_learning_lesson DO NOTHING`,
    [
      outline.versionId,
      lessons.map((l) => l.id),
      lessons.map((l) => l.moduleId),
      lessons.map((l) => l.ordinal),
      lessons.map((l) => l.kind),
      lessons.map((l) => l.title),
      lessons.map((l) => l.required),
      lessons.map((l) => l.videoSeconds),
      lessons.map((l) => l.quiz?.passMark ?? null),
      lessons.map((l) => l.quiz?.maxAttempts ?? null),
      lessons.map((l) => l.quiz?.cooldownSeconds ?? null),
    ],
  );
}
