import type { DataSource } from 'typeorm';
import { SEED_COURSES } from './catalog.seed-data';

export interface SeedReport {
  courses: { inserted: number; existing: number };
}

/**
 * Demo data, idempotent: a second run inserts nothing (rows are keyed by their natural keys, such as
 * a course's slug). Later contexts add their own seeds here as their models arrive.
 */
export async function seedDemoData(dataSource: DataSource, progress: (line: string) => void = () => {}): Promise<SeedReport> {
  let inserted = 0;
  for (const [index, course] of SEED_COURSES.entries()) {
    const rows: unknown[] = await dataSource.query(
      `INSERT INTO course (slug, kind, title, summary, level, duration_minutes, audiences, sectors, use_cases,
                           language, counts_toward_goal, status, published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'fr', $10, 'published', now() - make_interval(days => $11))
       ON CONFLICT ON CONSTRAINT uq_course_slug DO NOTHING
       RETURNING id`,
      [
        course.slug,
        course.kind,
        course.title,
        course.summary,
        course.level,
        course.durationMinutes,
        course.audiences,
        course.sectors,
        course.useCases,
        course.countsTowardGoal,
        course.publishedDaysAgo,
      ],
    );
    inserted += rows.length;
    progress(`  [${index + 1}/${SEED_COURSES.length}] ${course.slug}${rows.length ? '' : ' (déjà présent)'}`);
  }
  return { courses: { inserted, existing: SEED_COURSES.length - inserted } };
}

/** True when the database holds no course at all (a fresh install). */
export async function isDatabaseEmpty(dataSource: DataSource): Promise<boolean> {
  const [row] = await dataSource.query(`SELECT NOT EXISTS (SELECT 1 FROM course) AS empty`);
  return Boolean(row.empty);
}
