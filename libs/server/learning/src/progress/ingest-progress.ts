import type { ProgressEventInput } from '@academie/contracts';
import { COMPLETION_CTES, mergeDoneSql } from '../completion/completion.sql';
import { type EnrollmentStateRow, enrollmentStateColumns } from '../enrollment/enrollment-state';
import { isRetryableConflict } from '../learning.errors';

/** Why an event of a batch is refused (the whole batch is then refused, nothing stored). */
export type EventProblem = 'not_enrolled' | 'quiz_needs_attempt' | 'not_a_video';

export interface IngestOutcome {
  /** Problems by index in the batch sent to SQL; when any, nothing was stored. */
  problems: { idx: number; problem: EventProblem }[];
  /** Event ids stored by this call (lower case); the others of the batch were stored before. */
  accepted: Set<string>;
  /** Enrollments completed by this call (their course.completed event written). */
  completions: number;
  enrollments: EnrollmentStateRow[];
}

/** What runs a named statement: a pg Pool or client. */
export interface NamedQueryRunner {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * The whole progress write in ONE statement (autocommit, so all or nothing), planned once per connection:
 *
 * 1. the events' lessons are resolved against the learner's active enrollments (the lesson must belong to the
 *    enrolled version); a problem with any event refuses the whole batch;
 * 2. events are inserted keyed by their client id, `ON CONFLICT DO NOTHING`: an event sent again is a duplicate and
 *    changes nothing after this point (only the inserted rows flow on);
 * 3. the inserted events are merged into `lesson_progress` per lesson with order-independent merges (earliest
 *    start, earliest completing event, furthest position, last position by (occurredAt, eventId)), so late,
 *    repeated or shuffled events give one final state;
 * 4. the enrollment merges the required lessons now done and its last lesson (by (occurredAt, eventId)); the
 *    UPDATE runs against the latest committed row when two writes race, so concurrent final events can neither
 *    miss the completion nor complete twice; the completion row (primary key = the enrollment) and its
 *    `course.completed` outbox event are written by the same statement.
 *
 * Rows are locked in one order (events by id, lesson progress by key, then enrollments) to avoid deadlocks; a
 * deadlock or serialization failure is retried, which is safe because the statement is idempotent.
 */
export const INGEST_SQL = `
WITH input AS (
  SELECT t.event_id, t.lesson_id, t.type, t.position, t.occurred_at, (t.idx - 1)::int AS idx
    FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::float8[], $6::timestamptz[]) WITH ORDINALITY
         AS t(event_id, lesson_id, type, position, occurred_at, idx)
),
target AS (
  -- Driven by the lessons (primary key), then the learner's enrollment in each lesson's version: a nested loop of
  -- index lookups whatever the plan cached for the connection (generic plans are fixed once per connection).
  SELECT l.lesson_id, l.kind, l.required, l.video_seconds, e.id AS enrollment_id, e.course_id, e.required_lessons,
         cardinality(e.completed_lesson_ids) AS completed_lessons, e.completed_at, e.withdrawn_at, e.last_lesson_id,
         e.last_activity_at
    FROM learning_lesson l
    JOIN LATERAL (
      -- At most one (one enrollment per learner and course); LIMIT also keeps the planner from flattening the lookup.
      SELECT * FROM enrollment e WHERE e.user_id = $1::uuid AND e.version_id = l.version_id AND e.withdrawn_at IS NULL LIMIT 1
    ) e ON true
   WHERE l.lesson_id = ANY ($3::uuid[])
),
checked AS (
  SELECT i.*, t.enrollment_id, coalesce(t.required, false) AS required,
         CASE
           WHEN t.lesson_id IS NULL THEN 'not_enrolled'
           WHEN i.type = 'completed' AND t.kind = 'quiz' THEN 'quiz_needs_attempt'
           WHEN (i.type = 'video_position' OR i.position IS NOT NULL) AND t.kind <> 'video' THEN 'not_a_video'
         END AS problem,
         coalesce((i.type = 'completed' AND t.kind = 'text')
                  OR (t.kind = 'video' AND i.position >= t.video_seconds * $7::float8), false) AS completes
    FROM input i LEFT JOIN target t ON t.lesson_id = i.lesson_id
),
ins AS (
  INSERT INTO progress_event (event_id, enrollment_id, lesson_id, type, position, completes, occurred_at)
  SELECT c.event_id, c.enrollment_id, c.lesson_id, c.type, c.position, c.completes, c.occurred_at
    FROM checked c
   WHERE NOT EXISTS (SELECT 1 FROM checked p WHERE p.problem IS NOT NULL)
   ORDER BY c.event_id
  ON CONFLICT ON CONSTRAINT pk_progress_event DO NOTHING
  RETURNING event_id
),
fresh AS (
  SELECT c.* FROM checked c JOIN ins ON ins.event_id = c.event_id
),
agg AS (
  SELECT f.enrollment_id, f.lesson_id, bool_or(f.required) AS required,
         min(f.occurred_at) AS started_at,
         min(f.occurred_at) FILTER (WHERE f.completes) AS completed_at,
         max(f.position) AS max_position,
         (array_agg(f.position ORDER BY f.occurred_at DESC, f.event_id DESC) FILTER (WHERE f.position IS NOT NULL))[1] AS last_position,
         max(f.occurred_at) FILTER (WHERE f.position IS NOT NULL) AS last_position_at,
         (array_agg(f.event_id ORDER BY f.occurred_at DESC, f.event_id DESC) FILTER (WHERE f.position IS NOT NULL))[1] AS last_position_event_id
    FROM fresh f
   GROUP BY f.enrollment_id, f.lesson_id
),
lp AS (
  INSERT INTO lesson_progress AS p
         (enrollment_id, lesson_id, started_at, completed_at, max_position, last_position, last_position_at, last_position_event_id)
  SELECT a.enrollment_id, a.lesson_id, a.started_at, a.completed_at, a.max_position, a.last_position, a.last_position_at,
         a.last_position_event_id
    FROM agg a
   ORDER BY a.enrollment_id, a.lesson_id
  ON CONFLICT ON CONSTRAINT pk_lesson_progress DO UPDATE SET
    started_at = LEAST(p.started_at, EXCLUDED.started_at),
    completed_at = LEAST(p.completed_at, EXCLUDED.completed_at),
    max_position = GREATEST(p.max_position, EXCLUDED.max_position),
    last_position = CASE WHEN EXCLUDED.last_position_at IS NOT NULL AND (p.last_position_at IS NULL
                          OR (EXCLUDED.last_position_at, EXCLUDED.last_position_event_id) > (p.last_position_at, p.last_position_event_id))
                         THEN EXCLUDED.last_position ELSE p.last_position END,
    last_position_event_id = CASE WHEN EXCLUDED.last_position_at IS NOT NULL AND (p.last_position_at IS NULL
                          OR (EXCLUDED.last_position_at, EXCLUDED.last_position_event_id) > (p.last_position_at, p.last_position_event_id))
                         THEN EXCLUDED.last_position_event_id ELSE p.last_position_event_id END,
    last_position_at = CASE WHEN EXCLUDED.last_position_at IS NOT NULL AND (p.last_position_at IS NULL
                          OR (EXCLUDED.last_position_at, EXCLUDED.last_position_event_id) > (p.last_position_at, p.last_position_event_id))
                         THEN EXCLUDED.last_position_at ELSE p.last_position_at END,
    updated_at = now()
  RETURNING p.enrollment_id, p.lesson_id, p.completed_at
),
latest AS (
  SELECT DISTINCT ON (f.enrollment_id) f.enrollment_id, f.lesson_id, f.occurred_at, f.event_id
    FROM fresh f
   ORDER BY f.enrollment_id, f.occurred_at DESC, f.event_id DESC
),
done AS (
  SELECT a.enrollment_id,
         coalesce(array_agg(lp.lesson_id) FILTER (WHERE lp.completed_at IS NOT NULL AND a.required), '{}'::uuid[]) AS lesson_ids
    FROM lp JOIN agg a ON a.enrollment_id = lp.enrollment_id AND a.lesson_id = lp.lesson_id
   GROUP BY a.enrollment_id
),
enr AS (
  UPDATE enrollment e SET
    ${mergeDoneSql('d.lesson_ids')},
    last_lesson_id = CASE WHEN e.last_activity_at IS NULL OR (l.occurred_at, l.event_id) > (e.last_activity_at, e.last_event_id)
                          THEN l.lesson_id ELSE e.last_lesson_id END,
    last_event_id = CASE WHEN e.last_activity_at IS NULL OR (l.occurred_at, l.event_id) > (e.last_activity_at, e.last_event_id)
                         THEN l.event_id ELSE e.last_event_id END,
    last_activity_at = CASE WHEN e.last_activity_at IS NULL OR (l.occurred_at, l.event_id) > (e.last_activity_at, e.last_event_id)
                            THEN l.occurred_at ELSE e.last_activity_at END,
    updated_at = now()
    FROM done d JOIN latest l ON l.enrollment_id = d.enrollment_id
   WHERE e.id = d.enrollment_id
  RETURNING ${enrollmentStateColumns('e')}, e.user_id, e.version_id
),
${COMPLETION_CTES}
SELECT
  (SELECT coalesce(json_agg(json_build_object('idx', c.idx, 'problem', c.problem) ORDER BY c.idx), '[]'::json)
     FROM checked c WHERE c.problem IS NOT NULL) AS problems,
  (SELECT coalesce(array_agg(ins.event_id::text), '{}'::text[]) FROM ins) AS accepted,
  (SELECT count(*) FROM completed_event)::int AS completions,
  (SELECT coalesce(json_agg(to_json(s)), '[]'::json) FROM (
     -- Each enrollment touched: as this statement left it (enr), else as it was read (target: nothing changed).
     SELECT b.enrollment_id AS id, b.course_id, b.required_lessons,
            coalesce(enr.completed_lessons, b.completed_lessons) AS completed_lessons,
            CASE WHEN enr.id IS NULL THEN b.completed_at ELSE enr.completed_at END AS completed_at,
            b.withdrawn_at,
            CASE WHEN enr.id IS NULL THEN b.last_lesson_id ELSE enr.last_lesson_id END AS last_lesson_id,
            CASE WHEN enr.id IS NULL THEN b.last_activity_at ELSE enr.last_activity_at END AS last_activity_at
       FROM (SELECT DISTINCT ON (t.enrollment_id) t.* FROM target t ORDER BY t.enrollment_id) b
       LEFT JOIN enr ON enr.id = b.enrollment_id
      ORDER BY b.enrollment_id) s) AS enrollments`;

export interface IngestInput {
  userId: string;
  events: Pick<ProgressEventInput, 'eventId' | 'lessonId' | 'type' | 'position' | 'occurredAt'>[];
  /** VIDEO_COMPLETION_RATIO. */
  videoCompletionRatio: number;
}

/** Runs INGEST_SQL, retrying a deadlock or a serialization failure (the statement is idempotent). */
export async function ingestProgress(db: NamedQueryRunner, input: IngestInput): Promise<IngestOutcome> {
  const values = [
    input.userId,
    input.events.map((e) => e.eventId),
    input.events.map((e) => e.lessonId),
    input.events.map((e) => e.type),
    input.events.map((e) => e.position ?? null),
    input.events.map((e) => e.occurredAt),
    input.videoCompletionRatio,
  ];
  for (let attempt = 1; ; attempt++) {
    try {
      const { rows } = await db.query({ name: 'learning_ingest_progress', text: INGEST_SQL, values });
      const row = rows[0] as {
        problems: { idx: number; problem: EventProblem }[];
        accepted: string[];
        completions: number;
        enrollments: EnrollmentStateRow[];
      };
      return {
        problems: row.problems,
        accepted: new Set(row.accepted.map((id) => id.toLowerCase())),
        completions: row.completions,
        enrollments: row.enrollments,
      };
    } catch (error) {
      if (attempt >= 5 || !isRetryableConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    }
  }
}
