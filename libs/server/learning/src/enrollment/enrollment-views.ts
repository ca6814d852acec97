import type { EnrollmentView, LessonKind, LessonProgressView } from '@academie/contracts';
import { iso, type Queryable, rowsOf } from '../sql';
import { enrollmentStatus, progressOf } from './enrollment-state';

interface EnrollmentRow {
  id: string;
  course_id: string;
  course_slug: string;
  course_title: string;
  version_id: string;
  version_number: number;
  enrolled_at: Date;
  withdrawn_at: Date | null;
  completed_at: Date | null;
  required_lessons: number;
  completed_lessons: number;
  last_lesson_id: string | null;
  last_activity_at: Date | null;
  last_position: number | null;
}

const ENROLLMENT_SQL = `
  SELECT e.id, e.course_id, v.course_slug, v.title AS course_title, e.version_id, v.version_number, e.enrolled_at, e.withdrawn_at,
         e.completed_at, e.required_lessons, cardinality(e.completed_lesson_ids) AS completed_lessons, e.last_lesson_id,
         e.last_activity_at, lp.last_position
    FROM enrollment e
    JOIN learning_version v ON v.version_id = e.version_id
    LEFT JOIN lesson_progress lp ON lp.enrollment_id = e.id AND lp.lesson_id = e.last_lesson_id`;

function toView(row: EnrollmentRow): EnrollmentView {
  return {
    id: row.id,
    courseId: row.course_id,
    courseSlug: row.course_slug,
    courseTitle: row.course_title,
    versionId: row.version_id,
    versionNumber: row.version_number,
    status: enrollmentStatus(row),
    enrolledAt: row.enrolled_at.toISOString(),
    withdrawnAt: iso(row.withdrawn_at),
    completedAt: iso(row.completed_at),
    progress: progressOf(row.completed_lessons, row.required_lessons, row.completed_at !== null),
    lastLessonId: row.last_lesson_id,
    lastActivityAt: iso(row.last_activity_at),
    resume: row.last_lesson_id ? { lessonId: row.last_lesson_id, position: row.last_position } : null,
  };
}

/** The learner's enrollments, most recent activity first (uq_enrollment_user_course serves the lookup). */
export async function listEnrollments(db: Queryable, userId: string): Promise<EnrollmentView[]> {
  const rows = await rowsOf<EnrollmentRow>(
    db,
    `${ENROLLMENT_SQL} WHERE e.user_id = $1 ORDER BY e.last_activity_at DESC NULLS LAST, e.enrolled_at DESC, e.id`,
    [userId],
  );
  return rows.map(toView);
}

/** One enrollment of this learner, or null (another learner's enrollment is not found either). */
export async function findEnrollment(db: Queryable, userId: string, enrollmentId: string): Promise<EnrollmentView | null> {
  const rows = await rowsOf<EnrollmentRow>(db, `${ENROLLMENT_SQL} WHERE e.id = $1 AND e.user_id = $2`, [enrollmentId, userId]);
  return rows[0] ? toView(rows[0]) : null;
}

interface LessonRow {
  lesson_id: string;
  module_id: string;
  ordinal: number;
  kind: LessonKind;
  title: string;
  required: boolean;
  video_seconds: number | null;
  max_attempts: number | null;
  cooldown_seconds: number;
  started_at: Date | null;
  completed_at: Date | null;
  max_position: number | null;
  last_position: number | null;
  attempts: number | null;
  best_score: number | null;
  passed: boolean | null;
  last_attempt_at: Date | null;
}

/** The progress of every lesson of the enrollment's version, in order. */
export async function lessonProgress(
  db: Queryable,
  enrollment: Pick<EnrollmentView, 'id' | 'versionId'>,
  videoCompletionRatio: number,
  now = new Date(),
): Promise<LessonProgressView[]> {
  const rows = await rowsOf<LessonRow>(
    db,
    `SELECT l.lesson_id, l.module_id, l.ordinal, l.kind, l.title, l.required, l.video_seconds, l.max_attempts, l.cooldown_seconds,
            p.started_at, p.completed_at, p.max_position, p.last_position,
            q.attempts, q.best_score, q.passed, q.last_attempt_at
       FROM learning_lesson l
       LEFT JOIN lesson_progress p ON p.enrollment_id = $1 AND p.lesson_id = l.lesson_id
       LEFT JOIN LATERAL (
         SELECT count(*)::int AS attempts, max(a.score) AS best_score, coalesce(bool_or(a.passed), false) AS passed,
                max(a.submitted_at) AS last_attempt_at
           FROM quiz_attempt a WHERE a.enrollment_id = $1 AND a.lesson_id = l.lesson_id
       ) q ON l.kind = 'quiz'
      WHERE l.version_id = $2
      ORDER BY l.ordinal`,
    [enrollment.id, enrollment.versionId],
  );
  return rows.map((row) => ({
    lessonId: row.lesson_id,
    moduleId: row.module_id,
    ordinal: row.ordinal,
    kind: row.kind,
    title: row.title,
    required: row.required,
    status: row.completed_at ? 'completed' : row.started_at ? 'in_progress' : 'not_started',
    startedAt: iso(row.started_at),
    completedAt: iso(row.completed_at),
    video:
      row.kind === 'video'
        ? {
            lastPosition: row.last_position,
            maxPosition: row.max_position,
            durationSeconds: row.video_seconds ?? 0,
            completionRatio: videoCompletionRatio,
          }
        : null,
    quiz:
      row.kind === 'quiz'
        ? (() => {
            const attempts = row.attempts ?? 0;
            const attemptsLeft = row.max_attempts === null ? null : Math.max(0, row.max_attempts - attempts);
            return {
              attempts,
              maxAttempts: row.max_attempts,
              attemptsLeft,
              cooldownSeconds: row.cooldown_seconds,
              bestScore: row.best_score,
              passed: Boolean(row.passed),
              lastAttemptAt: iso(row.last_attempt_at),
              nextAttemptAt: nextAttemptAt(row.last_attempt_at, row.cooldown_seconds, attemptsLeft, now),
            };
          })()
        : null,
  }));
}

/** End of the cool-down after the last attempt, if it is still running and an attempt is left. */
export function nextAttemptAt(lastAttemptAt: Date | null, cooldownSeconds: number, attemptsLeft: number | null, now: Date): string | null {
  if (!lastAttemptAt || cooldownSeconds <= 0 || attemptsLeft === 0) return null;
  const next = new Date(lastAttemptAt.getTime() + cooldownSeconds * 1000);
  return next > now ? next.toISOString() : null;
}

