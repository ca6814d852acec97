import type { EntityManager } from 'typeorm';
import type { PublishedContentApi } from '@academie/server-catalog';
import type { OutboxService } from '@academie/server-outbox';
import { ensureLearningVersion } from '../content/learning-content';
import { LearningError } from '../learning.errors';
import { rowsOf } from '../sql';

export interface EnrollResult {
  enrollmentId: string;
  /** True the first time (201, `enrollment.created` written); false when the learner was already enrolled. */
  created: boolean;
}

/**
 * Enrolls a learner in the latest published version of a course, inside the caller's transaction. Idempotent: an
 * existing enrollment (unique per learner and course) is returned as it is, on its own version, and resumed if the
 * learner had withdrawn. Two concurrent first enrollments create one row (uq_enrollment_user_course): the second
 * waits for the first and returns it.
 */
export async function enrollLearner(
  manager: EntityManager,
  content: PublishedContentApi,
  outbox: OutboxService,
  userId: string,
  courseId: string,
): Promise<EnrollResult> {
  const existing = await resume(manager, userId, courseId);
  if (existing) return { enrollmentId: existing, created: false };

  const outline = await content.latestVersion(courseId, manager);
  if (!outline) throw LearningError.CourseNotFound([{ field: 'courseId', reason: 'no published course has this id' }]);
  await ensureLearningVersion(manager, outline);
  await manager.query(
    `INSERT INTO learner_pseudonym (user_id) VALUES ($1) ON CONFLICT ON CONSTRAINT pk_learner_pseudonym DO NOTHING`,
    [userId],
  );
  const inserted = await rowsOf<{ id: string; enrolled_at: Date }>(
    manager,
    `INSERT INTO enrollment (user_id, course_id, version_id, required_lessons)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT ON CONSTRAINT uq_enrollment_user_course DO NOTHING
     RETURNING id, enrolled_at`,
    [userId, courseId, outline.versionId, outline.lessons.filter((l) => l.required).length],
  );
  const row = inserted[0];
  if (!row) {
    // Enrolled concurrently: that enrollment committed before this statement ended, so it is visible now.
    const again = await resume(manager, userId, courseId);
    if (!again) throw new Error('enrollment neither inserted nor found');
    return { enrollmentId: again, created: false };
  }
  await outbox.record(manager, 'enrollment.created', {
    enrollmentId: row.id,
    userId,
    courseId,
    versionId: outline.versionId,
    enrolledAt: row.enrolled_at.toISOString(),
  });
  return { enrollmentId: row.id, created: true };
}

/** The learner's enrollment in the course, withdrawal cleared, or null. */
async function resume(manager: EntityManager, userId: string, courseId: string): Promise<string | null> {
  const rows = await rowsOf<{ id: string }>(
    manager,
    `WITH found AS (SELECT id, withdrawn_at FROM enrollment WHERE user_id = $1 AND course_id = $2 FOR UPDATE),
          resumed AS (UPDATE enrollment e SET withdrawn_at = NULL, updated_at = now()
                        FROM found f WHERE e.id = f.id AND f.withdrawn_at IS NOT NULL RETURNING e.id)
     SELECT id FROM found`,
    [userId, courseId],
  );
  return rows[0]?.id ?? null;
}
