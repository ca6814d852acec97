import type { LessonKind, XapiVerbName } from '@academie/contracts';
import { type Queryable, rowsOf } from '../sql';
import type { StatementFilters } from './xapi-query';

/** One stored fact (a progress event, a quiz attempt, a course completion) with what its statement shows. */
export interface StatementRow {
  source: 'event' | 'attempt' | 'completion';
  id: string;
  verb: XapiVerbName;
  stored: Date;
  /** `stored` in UTC with microseconds: the cursor's key. */
  stored_key: string;
  timestamp: Date;
  registration: string;
  anonymous_id: string;
  course_slug: string;
  course_title: string;
  lesson_id: string | null;
  lesson_title: string | null;
  lesson_kind: LessonKind | null;
  video_seconds: number | null;
  event_type: string | null;
  position: number | null;
  score: number | null;
  correct_count: number | null;
  question_count: number | null;
  passed: boolean | null;
  enrolled_at: Date | null;
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

interface Source {
  name: StatementRow['source'];
  verbs: XapiVerbName[];
  select: string;
  from: string;
  /** Columns of the stored time and the statement id (the keyset, served by an index of the source). */
  stored: string;
  id: string;
  verbCondition: (verb: XapiVerbName) => string;
  lesson: string | null;
}

const COMMON_FROM = `JOIN enrollment e ON e.id = x.enrollment_id JOIN learner_pseudonym ps ON ps.user_id = e.user_id`;

const SOURCES: Source[] = [
  {
    name: 'event',
    verbs: ['initialized', 'progressed', 'completed'],
    select: `'event'::text AS source, x.event_id AS id,
             CASE WHEN x.completes THEN 'completed' WHEN x.type = 'started' THEN 'initialized' ELSE 'progressed' END AS verb,
             x.received_at AS stored, x.occurred_at AS timestamp, e.id AS registration, ps.anonymous_id, v.course_slug,
             v.title AS course_title, l.lesson_id, l.title AS lesson_title, l.kind AS lesson_kind, l.video_seconds,
             x.type AS event_type, x.position, NULL::int AS score, NULL::int AS correct_count, NULL::int AS question_count,
             NULL::boolean AS passed, NULL::timestamptz AS enrolled_at`,
    from: `progress_event x ${COMMON_FROM} JOIN learning_lesson l ON l.lesson_id = x.lesson_id JOIN learning_version v ON v.version_id = l.version_id`,
    stored: 'x.received_at',
    id: 'x.event_id',
    verbCondition: (verb) =>
      verb === 'completed' ? 'x.completes' : verb === 'initialized' ? `x.type = 'started'` : `NOT x.completes AND x.type <> 'started'`,
    lesson: 'x.lesson_id',
  },
  {
    name: 'attempt',
    verbs: ['passed', 'failed'],
    select: `'attempt'::text AS source, x.id, CASE WHEN x.passed THEN 'passed' ELSE 'failed' END AS verb,
             x.submitted_at AS stored, x.submitted_at AS timestamp, e.id AS registration, ps.anonymous_id, v.course_slug,
             v.title AS course_title, l.lesson_id, l.title AS lesson_title, l.kind AS lesson_kind, l.video_seconds,
             NULL::text AS event_type, NULL::float8 AS position, x.score, x.correct_count, x.question_count, x.passed,
             NULL::timestamptz AS enrolled_at`,
    from: `quiz_attempt x ${COMMON_FROM} JOIN learning_lesson l ON l.lesson_id = x.lesson_id JOIN learning_version v ON v.version_id = l.version_id`,
    stored: 'x.submitted_at',
    id: 'x.id',
    verbCondition: (verb) => (verb === 'passed' ? 'x.passed' : 'NOT x.passed'),
    lesson: 'x.lesson_id',
  },
  {
    name: 'completion',
    verbs: ['completed'],
    select: `'completion'::text AS source, x.statement_id AS id, 'completed'::text AS verb, x.completed_at AS stored,
             x.completed_at AS timestamp, e.id AS registration, ps.anonymous_id, v.course_slug, v.title AS course_title,
             NULL::uuid AS lesson_id, NULL::text AS lesson_title, NULL::text AS lesson_kind, NULL::int AS video_seconds,
             NULL::text AS event_type, NULL::float8 AS position, NULL::int AS score, NULL::int AS correct_count,
             NULL::int AS question_count, NULL::boolean AS passed, e.enrolled_at`,
    from: `course_completion x ${COMMON_FROM} JOIN learning_version v ON v.version_id = x.version_id`,
    stored: 'x.completed_at',
    id: 'x.statement_id',
    verbCondition: () => 'true',
    lesson: null,
  },
];

/**
 * A restriction of the statements to some enrollments, for a caller outside the learning context (an organisation's
 * admins): an SQL condition on the enrollment `e` (`e.user_id`, `e.course_id`), its values bound through `param`.
 */
export type StatementScope = (param: (value: unknown) => string) => string;

const STORED_KEY_SQL = `to_char(s.stored AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * A page of statements: each source (events, attempts, completions) gives its first `limit + 1` rows after the
 * cursor in (stored, id) order through its own index, then the union is cut to `limit + 1`. Filters narrow the
 * sources: a verb picks the sources that can produce it, a lesson drops completions, an agent goes through its
 * enrollments. `storedAfter` (ISO 8601) is the retention limit: older statements are no longer served
 * (RETENTION_XAPI_STATEMENTS_DAYS, docs/retention.md).
 */
export async function statementPage(
  db: Queryable,
  filters: StatementFilters,
  after: { stored: string; id: string } | null,
  scope?: StatementScope,
  storedAfter?: string,
): Promise<StatementRow[]> {
  if (filters.nothing) return [];
  const params = new Params();
  // Bound once, used by every source.
  const scoped = scope ? `(${scope((value) => params.add(value))})` : null;
  const direction = filters.ascending ? 'ASC' : 'DESC';
  const comparison = filters.ascending ? '>' : '<';
  const limit = params.add(filters.limit + 1);
  const parts: string[] = [];
  for (const source of SOURCES) {
    if (filters.verb && !source.verbs.includes(filters.verb)) continue;
    const where: string[] = [];
    if (filters.verb) where.push(source.verbCondition(filters.verb));
    if (filters.lessonId) {
      if (!source.lesson) continue;
      where.push(`${source.lesson} = ${params.add(filters.lessonId)}::uuid AND v.course_slug = ${params.add(filters.courseSlug)}`);
    } else if (filters.courseSlug) {
      if (!source.lesson) where.push(`v.course_slug = ${params.add(filters.courseSlug)}`);
      else if (filters.relatedActivities) where.push(`v.course_slug = ${params.add(filters.courseSlug)}`);
      else continue; // the course itself: only its completions
    }
    if (scoped) where.push(scoped);
    if (storedAfter) where.push(`${source.stored} > ${params.add(storedAfter)}::timestamptz`);
    if (filters.agent) where.push(`ps.anonymous_id = ${params.add(filters.agent)}::uuid`);
    if (filters.registration) where.push(`e.id = ${params.add(filters.registration)}::uuid`);
    if (filters.since) where.push(`${source.stored} > ${params.add(filters.since)}::timestamptz`);
    if (filters.until) where.push(`${source.stored} <= ${params.add(filters.until)}::timestamptz`);
    if (after) {
      where.push(`(${source.stored}, ${source.id}) ${comparison} (${params.add(after.stored)}::timestamptz, ${params.add(after.id)}::uuid)`);
    }
    parts.push(
      `(SELECT ${source.select} FROM ${source.from}
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY ${source.stored} ${direction}, ${source.id} ${direction} LIMIT ${limit})`,
    );
  }
  if (parts.length === 0) return [];
  return rowsOf<StatementRow>(
    db,
    `SELECT s.*, ${STORED_KEY_SQL} AS stored_key FROM (${parts.join(' UNION ALL ')}) s
      ORDER BY s.stored ${direction}, s.id ${direction} LIMIT ${limit}`,
    params.values,
  );
}

/** One statement by id, from whichever source holds it, unless older than `storedAfter` (the retention limit). */
export async function statementById(db: Queryable, id: string, scope?: StatementScope, storedAfter?: string): Promise<StatementRow | null> {
  const params = new Params();
  const idParam = params.add(id);
  const scoped = scope ? ` AND (${scope((value) => params.add(value))})` : '';
  const limit = storedAfter ? params.add(storedAfter) : null;
  const parts = SOURCES.map(
    (source) =>
      `(SELECT ${source.select} FROM ${source.from} WHERE ${source.id} = ${idParam}::uuid${scoped}${limit ? ` AND ${source.stored} > ${limit}::timestamptz` : ''})`,
  );
  const rows = await rowsOf<StatementRow>(
    db,
    `SELECT s.*, ${STORED_KEY_SQL} AS stored_key FROM (${parts.join(' UNION ALL ')}) s ORDER BY s.stored LIMIT 1`,
    params.values,
  );
  return rows[0] ?? null;
}

/** Every statement of one learner (the personal-data export), oldest first. */
export async function statementsOfUser(db: Queryable, userId: string): Promise<StatementRow[]> {
  const parts = SOURCES.map((source) => `(SELECT ${source.select} FROM ${source.from} WHERE e.user_id = $1::uuid)`);
  return rowsOf<StatementRow>(
    db,
    `SELECT s.*, ${STORED_KEY_SQL} AS stored_key FROM (${parts.join(' UNION ALL ')}) s ORDER BY s.stored, s.id`,
    [userId],
  );
}

/**
 * The instant up to which every statement is visible: the start of the oldest transaction still running (a
 * statement's `stored` is its transaction's start, so one committed later can only be stored after it).
 */
export async function consistentThrough(db: Queryable): Promise<Date> {
  const [row] = await rowsOf<{ through: Date }>(
    db,
    `SELECT LEAST(now(), coalesce((SELECT min(xact_start) FROM pg_stat_activity
                                     WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL), now())) AS through`,
  );
  return row.through;
}
