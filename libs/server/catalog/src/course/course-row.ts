import type { CourseSummary } from '@academie/contracts';

/** A published course's row as the catalogue's statements select it (`SUMMARY_COLUMNS`). */
export interface CourseRow {
  id: string;
  slug: string;
  kind: CourseSummary['kind'];
  title: string;
  summary: string;
  level: CourseSummary['level'];
  duration_minutes: number;
  audiences: CourseSummary['audiences'];
  sectors: CourseSummary['sectors'];
  use_cases: CourseSummary['useCases'];
  language: string;
  counts_toward_goal: boolean;
  published_at: Date;
  published_key: string;
  rank?: number;
  rank_text?: string;
}

export const toSummary = (row: CourseRow): CourseSummary => ({
  id: row.id,
  slug: row.slug,
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
  publishedAt: row.published_at.toISOString(),
});
