import { isoSql } from '../sql';

/**
 * SET clauses of the UPDATE of an enrollment (aliased `e`) that merges the required lessons done, `doneIds` (a
 * uuid[] expression), and completes it when that set is full. Every progress write goes through one such UPDATE:
 * when two writes race on an enrollment, PostgreSQL runs the second against the row the first committed, so the
 * union always holds both lessons and the one that fills it sets `completed_at`.
 */
export const mergeDoneSql = (doneIds: string): string => {
  // Most writes complete nothing: the set is then left as it is, without computing a union.
  const merged = `CASE WHEN cardinality(${doneIds}) = 0 THEN e.completed_lesson_ids ELSE learning_union_ids(e.completed_lesson_ids, ${doneIds}) END`;
  return `
    completed_lesson_ids = ${merged},
    completed_at = CASE
      WHEN e.completed_at IS NULL AND cardinality(${merged}) >= e.required_lessons THEN now()
      ELSE e.completed_at END`;
};

/**
 * CTEs that follow an `enr` CTE (an UPDATE of enrollments returning id, user_id, course_id, version_id,
 * completed_at): the completion row of each completed enrollment, at most one ever (pk_course_completion), and the
 * `course.completed` outbox event written only by the insert that created that row — in the same statement, so in
 * the same transaction as the change it announces. The payload is `OutboxEventPayloads['course.completed']`.
 */
export const COMPLETION_CTES = `
  comp AS (
    INSERT INTO course_completion (enrollment_id, user_id, course_id, version_id, completed_at)
    SELECT id, user_id, course_id, version_id, completed_at FROM enr WHERE completed_at IS NOT NULL
    ON CONFLICT ON CONSTRAINT pk_course_completion DO NOTHING
    RETURNING enrollment_id, user_id, course_id, version_id, completed_at
  ),
  completed_event AS (
    INSERT INTO outbox_event (type, payload)
    SELECT 'course.completed', jsonb_build_object(
             'enrollmentId', c.enrollment_id, 'userId', c.user_id, 'courseId', c.course_id, 'versionId', c.version_id,
             'completedAt', ${isoSql('c.completed_at')})
      FROM comp c
    RETURNING id
  )`;
