import type { EntityManager } from 'typeorm';
import type { CourseMetadataInput, LessonInput } from '@academie/contracts';
import { buildLessonContent } from '../content/lesson-content';
import { announceCatalogChange } from '../search/catalog-cache';

/** Text indexed with weight C is cut here: a tsvector holds at most 1 MB. */
const MAX_INDEXED_LESSON_TEXT = 200_000;

/**
 * Publishes a version: freezes it (from then on the triggers refuse any change to it, its modules and its
 * lessons), then makes it the catalogue's row of the course: metadata copied onto `course`, search
 * vector rebuilt (A title, B summary, C module and lesson titles and text), change announced.
 * Runs inside the caller's transaction; returns the publication date.
 */
export async function publishVersion(
  manager: EntityManager,
  versionId: string,
  publishedBy: string | null,
  publishedAt: Date | null = null,
): Promise<Date> {
  // UPDATE through TypeORM answers [rows, rowCount]. `publishedAt` backdates demo and benchmark data only.
  const [[version]] = await manager.query(
    `UPDATE course_version SET status = 'published', published_at = coalesce($3, now()), published_by = $2, updated_at = now()
      WHERE id = $1 AND status <> 'published' RETURNING course_id, published_at`,
    [versionId, publishedBy, publishedAt],
  );
  if (!version) throw new Error(`course_version ${versionId} is missing or already published`);
  await manager.query(
    `UPDATE course c
        SET kind = v.kind, title = v.title, summary = v.summary, level = v.level, duration_minutes = v.duration_minutes,
            audiences = v.audiences, sectors = v.sectors, use_cases = v.use_cases, language = v.language,
            counts_toward_goal = v.counts_toward_goal, status = 'published', archived_at = NULL,
            published_at = v.published_at, current_version_id = v.id, updated_at = now(),
            search_vector = setweight(to_tsvector('public.fr_unaccent', v.title), 'A')
                         || setweight(to_tsvector('public.fr_unaccent', v.summary), 'B')
                         || setweight(to_tsvector('public.fr_unaccent', left(coalesce(
                              (SELECT string_agg(m.title, ' ' ORDER BY m.position) FROM course_module m WHERE m.version_id = v.id), '')
                              || ' ' || coalesce(
                              (SELECT string_agg(l.title || ' ' || l.search_text, ' ' ORDER BY l.module_id, l.position)
                                 FROM course_lesson l WHERE l.version_id = v.id), ''), ${MAX_INDEXED_LESSON_TEXT})), 'C')
       FROM course_version v
      WHERE v.id = $1 AND c.id = v.course_id`,
    [versionId],
  );
  await announceCatalogChange(manager);
  return version.published_at as Date;
}

export interface VersionContent {
  modules: { title: string; lessons: LessonInput[] }[];
}

/** Inserts the modules and lessons of a version being written, in order, in two statements. */
export async function insertVersionContent(manager: EntityManager, versionId: string, content: VersionContent): Promise<void> {
  if (content.modules.length === 0) return;
  const modules: { id: string }[] = await manager.query(
    `INSERT INTO course_module (version_id, position, title)
     SELECT $1, m.position, m.title FROM jsonb_to_recordset($2::jsonb) AS m(position int, title text)
     ORDER BY m.position RETURNING id, position`,
    [versionId, JSON.stringify(content.modules.map((m, position) => ({ position, title: m.title })))],
  );
  const moduleIds = new Map((modules as { id: string; position: number }[]).map((m) => [m.position, m.id]));
  const lessons = content.modules.flatMap((module, m) =>
    module.lessons.map((lesson, position) => {
      const built = buildLessonContent(lesson);
      return {
        module_id: moduleIds.get(m),
        position,
        kind: lesson.kind,
        title: lesson.title,
        duration_minutes: lesson.durationMinutes,
        required: lesson.required ?? true,
        content: built.content,
        search_text: built.searchText,
      };
    }),
  );
  if (lessons.length === 0) return;
  await manager.query(
    `INSERT INTO course_lesson (version_id, module_id, position, kind, title, duration_minutes, required, content, search_text)
     SELECT $1, l.module_id, l.position, l.kind, l.title, l.duration_minutes, l.required, l.content, l.search_text
       FROM jsonb_to_recordset($2::jsonb)
         AS l(module_id uuid, position int, kind text, title text, duration_minutes int, required boolean, content jsonb, search_text text)`,
    [versionId, JSON.stringify(lessons)],
  );
}

/** Inserts a new version of a course in `draft` with the given metadata; returns its id and number. */
export async function insertDraftVersion(
  manager: EntityManager,
  courseId: string,
  metadata: CourseMetadataInput,
  createdBy: string | null,
): Promise<{ id: string; number: number }> {
  const [row] = await manager.query(
    `INSERT INTO course_version (course_id, number, kind, title, summary, level, duration_minutes, audiences, sectors, use_cases,
                                 language, counts_toward_goal, created_by)
     SELECT $1, coalesce(max(number), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12
       FROM course_version WHERE course_id = $1
     RETURNING id, number`,
    [
      courseId,
      metadata.kind,
      metadata.title,
      metadata.summary,
      metadata.level,
      metadata.durationMinutes,
      metadata.audiences,
      metadata.sectors,
      metadata.useCases,
      metadata.language ?? 'fr',
      metadata.countsTowardGoal ?? true,
      createdBy,
    ],
  );
  return { id: row.id, number: row.number };
}
