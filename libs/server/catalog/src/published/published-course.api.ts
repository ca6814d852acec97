import type { EntityManager } from 'typeorm';

/** A published version as other contexts may cite it (certificates print its title, number and duration). */
export interface PublishedVersionFacts {
  courseId: string;
  versionId: string;
  number: number;
  title: string;
  summary: string;
  durationMinutes: number;
  /** Whether completing it counts toward the plan's goal (KPIs). */
  countsTowardGoal: boolean;
}

/** A published version of a course, read in the caller's transaction; null when none has this id. */
export async function findPublishedVersion(manager: EntityManager, versionId: string): Promise<PublishedVersionFacts | null> {
  const [row] = (await manager.query(
    `SELECT course_id, id, number, title, summary, duration_minutes, counts_toward_goal
       FROM course_version WHERE id = $1 AND status = 'published'`,
    [versionId],
  )) as {
    course_id: string;
    id: string;
    number: number;
    title: string;
    summary: string;
    duration_minutes: number;
    counts_toward_goal: boolean;
  }[];
  return row
    ? {
        courseId: row.course_id,
        versionId: row.id,
        number: row.number,
        title: row.title,
        summary: row.summary,
        durationMinutes: row.duration_minutes,
        countsTowardGoal: row.counts_toward_goal,
      }
    : null;
}

/** A course as its latest published version describes it, even once archived; null when never published. */
export async function findPublishedCourse(
  manager: Pick<EntityManager, 'query'>,
  courseId: string,
): Promise<{ id: string; title: string; summary: string } | null> {
  const [row] = (await manager.query(
    `SELECT c.id, v.title, v.summary FROM course c JOIN course_version v ON v.id = c.current_version_id WHERE c.id = $1`,
    [courseId],
  )) as { id: string; title: string; summary: string }[];
  return row ?? null;
}
