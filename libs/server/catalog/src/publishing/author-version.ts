import type { EntityManager } from 'typeorm';
import type { AuthorModule, AuthorVersion, VersionStatus } from '@academie/contracts';
import { type LessonRow, toAuthorLesson } from '../content/lesson-content';

interface VersionRow {
  id: string;
  course_id: string;
  number: number;
  status: VersionStatus;
  kind: AuthorVersion['kind'];
  title: string;
  summary: string;
  level: AuthorVersion['level'];
  duration_minutes: number;
  audiences: AuthorVersion['audiences'];
  sectors: AuthorVersion['sectors'];
  use_cases: AuthorVersion['useCases'];
  language: string;
  counts_toward_goal: boolean;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  published_at: Date | null;
  modules: { id: string; position: number; title: string }[];
  lessons: (Omit<LessonRow, 'version_id'> & { version_id?: string })[];
}

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** A version with all its content, answers included, for its authors and reviewers: one statement. */
export async function loadAuthorVersion(manager: Pick<EntityManager, 'query'>, versionId: string): Promise<AuthorVersion | null> {
  const rows: VersionRow[] = await manager.query(
    `SELECT v.id, v.course_id, v.number, v.status, v.kind, v.title, v.summary, v.level, v.duration_minutes, v.audiences,
            v.sectors, v.use_cases, v.language, v.counts_toward_goal, v.created_at, v.updated_at, v.submitted_at, v.published_at,
            coalesce((SELECT json_agg(json_build_object('id', m.id, 'position', m.position, 'title', m.title) ORDER BY m.position)
                        FROM course_module m WHERE m.version_id = v.id), '[]'::json) AS modules,
            coalesce((SELECT json_agg(json_build_object(
                        'id', l.id, 'module_id', l.module_id, 'position', l.position, 'kind', l.kind, 'title', l.title,
                        'duration_minutes', l.duration_minutes, 'required', l.required, 'content', l.content,
                        'origin_lesson_id', l.origin_lesson_id) ORDER BY l.position)
                        FROM course_lesson l WHERE l.version_id = v.id), '[]'::json) AS lessons
       FROM course_version v WHERE v.id = $1`,
    [versionId],
  );
  const row = rows[0];
  if (!row) return null;
  const modules: AuthorModule[] = row.modules.map((m) => ({
    ...m,
    lessons: row.lessons.filter((l) => l.module_id === m.id).map((l) => toAuthorLesson({ ...l, version_id: row.id })),
  }));
  return {
    id: row.id,
    courseId: row.course_id,
    number: row.number,
    status: row.status,
    kind: row.kind,
    title: row.title,
    summary: row.summary,
    level: row.level,
    durationMinutes: row.duration_minutes,
    audiences: row.audiences,
    sectors: row.sectors,
    useCases: row.use_cases,
    language: row.language,
    countsTowardGoal: row.counts_toward_goal,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    submittedAt: iso(row.submitted_at),
    publishedAt: iso(row.published_at),
    modules,
  };
}
