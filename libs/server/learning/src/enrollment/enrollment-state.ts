import type { EnrollmentProgress, EnrollmentProgressSnapshot, EnrollmentStatus } from '@academie/contracts';
import { iso } from '../sql';

/** The columns of an enrollment that its progress answers are built from (snake_case, as SQL returns them). */
export interface EnrollmentStateRow {
  id: string;
  course_id: string;
  required_lessons: number;
  completed_lessons: number;
  completed_at: Date | string | null;
  withdrawn_at: Date | string | null;
  last_lesson_id: string | null;
  last_activity_at: Date | string | null;
}

/** SQL of those columns, from an `enrollment` row aliased `alias`. */
export const enrollmentStateColumns = (alias: string): string =>
  `${alias}.id, ${alias}.course_id, ${alias}.required_lessons, cardinality(${alias}.completed_lesson_ids) AS completed_lessons,
   ${alias}.completed_at, ${alias}.withdrawn_at, ${alias}.last_lesson_id, ${alias}.last_activity_at`;

export function enrollmentStatus(row: Pick<EnrollmentStateRow, 'completed_at' | 'withdrawn_at'>): EnrollmentStatus {
  if (row.withdrawn_at) return 'withdrawn';
  return row.completed_at ? 'completed' : 'in_progress';
}

export function progressOf(completedLessons: number, requiredLessons: number, completed: boolean): EnrollmentProgress {
  const percent = requiredLessons === 0 ? (completed ? 100 : 0) : Math.floor((100 * completedLessons) / requiredLessons);
  return { completedLessons, requiredLessons, percent };
}

export function toSnapshot(row: EnrollmentStateRow): EnrollmentProgressSnapshot {
  return {
    enrollmentId: row.id,
    courseId: row.course_id,
    status: enrollmentStatus(row),
    progress: progressOf(Number(row.completed_lessons), Number(row.required_lessons), row.completed_at !== null),
    completedAt: iso(row.completed_at),
    lastLessonId: row.last_lesson_id,
    lastActivityAt: iso(row.last_activity_at),
  };
}
