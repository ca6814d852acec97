import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The learning journey: enrollments, progress events and the lesson progress derived from them, quiz attempts,
 * course completions, and a daily rollup of enrollments and completions.
 *
 * - `learning_version` / `learning_lesson`: the learning context's copy of what it needs of a published version
 *   (immutable in the catalogue, so never stale), written at the first enrollment in that version. The hot
 *   progress path joins these small rows only, never the catalogue's content.
 * - What must not happen twice is a constraint: one enrollment per learner and course
 *   (`uq_enrollment_user_course`), one row per client event id (`pk_progress_event`), one completion per
 *   enrollment (`pk_course_completion`: its `course.completed` outbox event is written only by the insert that
 *   created it), one attempt per number (`uq_quiz_attempt_number`).
 * - `enrollment.completed_lesson_ids` is the set of required lessons done, merged with `learning_union_ids` in the
 *   UPDATE that follows every progress write: PostgreSQL re-evaluates it on the latest row version when two
 *   writes race, so the last of two concurrent final events always sees both lessons done.
 * - Nothing here names a person: rows hold ids, times, positions and chosen option ids. xAPI statements show
 *   `learner_pseudonym.anonymous_id`, never the account id.
 */
export class Learning1795608000000 implements MigrationInterface {
  name = 'Learning1795608000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION learning_union_ids(a uuid[], b uuid[]) RETURNS uuid[]
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT coalesce(array_agg(DISTINCT x ORDER BY x), '{}'::uuid[]) FROM unnest(coalesce(a, '{}') || coalesce(b, '{}')) AS x $$`);

    await q.query(`
      CREATE TABLE learner_pseudonym (
        user_id uuid CONSTRAINT pk_learner_pseudonym PRIMARY KEY CONSTRAINT fk_learner_pseudonym_user REFERENCES app_user (id),
        anonymous_id uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT uq_learner_pseudonym_anonymous UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE learning_version (
        version_id uuid CONSTRAINT pk_learning_version PRIMARY KEY,
        course_id uuid NOT NULL CONSTRAINT fk_learning_version_course REFERENCES course (id),
        course_slug varchar(120) NOT NULL,
        version_number integer NOT NULL,
        title varchar(200) NOT NULL,
        lesson_count integer NOT NULL CONSTRAINT ck_learning_version_lesson_count CHECK (lesson_count >= 0),
        required_lessons integer NOT NULL
          CONSTRAINT ck_learning_version_required CHECK (required_lessons >= 0 AND required_lessons <= lesson_count),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_learning_version_version FOREIGN KEY (version_id, course_id) REFERENCES course_version (id, course_id),
        CONSTRAINT uq_learning_version_course UNIQUE (version_id, course_id)
      )`);

    await q.query(`
      CREATE TABLE learning_lesson (
        lesson_id uuid CONSTRAINT pk_learning_lesson PRIMARY KEY CONSTRAINT fk_learning_lesson_lesson REFERENCES course_lesson (id),
        version_id uuid NOT NULL CONSTRAINT fk_learning_lesson_version REFERENCES learning_version (version_id),
        module_id uuid NOT NULL,
        ordinal integer NOT NULL CONSTRAINT ck_learning_lesson_ordinal CHECK (ordinal >= 0),
        kind varchar(10) NOT NULL CONSTRAINT ck_learning_lesson_kind CHECK (kind IN ('text', 'video', 'quiz')),
        title varchar(200) NOT NULL,
        required boolean NOT NULL,
        video_seconds integer CONSTRAINT ck_learning_lesson_video_seconds CHECK (video_seconds > 0),
        pass_mark integer CONSTRAINT ck_learning_lesson_pass_mark CHECK (pass_mark BETWEEN 0 AND 100),
        max_attempts integer CONSTRAINT ck_learning_lesson_max_attempts CHECK (max_attempts > 0),
        cooldown_seconds integer NOT NULL DEFAULT 0 CONSTRAINT ck_learning_lesson_cooldown CHECK (cooldown_seconds >= 0),
        CONSTRAINT uq_learning_lesson_ordinal UNIQUE (version_id, ordinal),
        CONSTRAINT ck_learning_lesson_video CHECK ((kind = 'video') = (video_seconds IS NOT NULL)),
        CONSTRAINT ck_learning_lesson_quiz CHECK ((kind = 'quiz') = (pass_mark IS NOT NULL))
      )`);

    await q.query(`
      CREATE TABLE enrollment (
        id uuid CONSTRAINT pk_enrollment PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL CONSTRAINT fk_enrollment_user REFERENCES app_user (id),
        course_id uuid NOT NULL CONSTRAINT fk_enrollment_course REFERENCES course (id),
        version_id uuid NOT NULL,
        enrolled_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz,
        required_lessons integer NOT NULL CONSTRAINT ck_enrollment_required CHECK (required_lessons >= 0),
        completed_lesson_ids uuid[] NOT NULL DEFAULT '{}',
        completed_at timestamptz,
        last_lesson_id uuid,
        last_activity_at timestamptz,
        last_event_id uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_enrollment_user_course UNIQUE (user_id, course_id),
        CONSTRAINT fk_enrollment_version FOREIGN KEY (version_id, course_id) REFERENCES learning_version (version_id, course_id),
        CONSTRAINT ck_enrollment_progress CHECK (cardinality(completed_lesson_ids) <= required_lessons),
        CONSTRAINT ck_enrollment_completed CHECK (completed_at IS NULL OR cardinality(completed_lesson_ids) = required_lessons)
      )`);
    await q.query(`CREATE INDEX ix_enrollment_course ON enrollment (course_id)`);
    await q.query(`CREATE INDEX ix_enrollment_version ON enrollment (version_id)`);

    await q.query(`
      CREATE TABLE lesson_progress (
        enrollment_id uuid NOT NULL CONSTRAINT fk_lesson_progress_enrollment REFERENCES enrollment (id),
        lesson_id uuid NOT NULL CONSTRAINT fk_lesson_progress_lesson REFERENCES learning_lesson (lesson_id),
        started_at timestamptz NOT NULL,
        completed_at timestamptz,
        max_position double precision CONSTRAINT ck_lesson_progress_max_position CHECK (max_position >= 0),
        last_position double precision CONSTRAINT ck_lesson_progress_last_position CHECK (last_position >= 0),
        last_position_at timestamptz,
        last_position_event_id uuid,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_lesson_progress PRIMARY KEY (enrollment_id, lesson_id),
        CONSTRAINT ck_lesson_progress_last_position_at CHECK ((last_position IS NULL) = (last_position_at IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_lesson_progress_lesson ON lesson_progress (lesson_id)`);

    // The client's event id is the key: an event sent twice is stored once (INSERT ... ON CONFLICT DO NOTHING).
    await q.query(`
      CREATE TABLE progress_event (
        event_id uuid CONSTRAINT pk_progress_event PRIMARY KEY,
        enrollment_id uuid NOT NULL CONSTRAINT fk_progress_event_enrollment REFERENCES enrollment (id),
        lesson_id uuid NOT NULL,
        type varchar(20) NOT NULL CONSTRAINT ck_progress_event_type CHECK (type IN ('started', 'completed', 'video_position')),
        position double precision CONSTRAINT ck_progress_event_position CHECK (position >= 0 AND position <= 86400),
        completes boolean NOT NULL,
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_progress_event_enrollment ON progress_event (enrollment_id, received_at, event_id)`);
    await q.query(`CREATE INDEX ix_progress_event_received ON progress_event (received_at, event_id)`);

    await q.query(`
      CREATE TABLE quiz_attempt (
        id uuid CONSTRAINT pk_quiz_attempt PRIMARY KEY DEFAULT gen_random_uuid(),
        enrollment_id uuid NOT NULL CONSTRAINT fk_quiz_attempt_enrollment REFERENCES enrollment (id),
        lesson_id uuid NOT NULL CONSTRAINT fk_quiz_attempt_lesson REFERENCES learning_lesson (lesson_id),
        attempt_number integer NOT NULL CONSTRAINT ck_quiz_attempt_number CHECK (attempt_number > 0),
        answers jsonb NOT NULL,
        question_count integer NOT NULL CONSTRAINT ck_quiz_attempt_question_count CHECK (question_count > 0),
        correct_count integer NOT NULL,
        score integer NOT NULL CONSTRAINT ck_quiz_attempt_score CHECK (score BETWEEN 0 AND 100),
        pass_mark integer NOT NULL CONSTRAINT ck_quiz_attempt_pass_mark CHECK (pass_mark BETWEEN 0 AND 100),
        passed boolean NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_quiz_attempt_number UNIQUE (enrollment_id, lesson_id, attempt_number),
        CONSTRAINT ck_quiz_attempt_correct_count CHECK (correct_count BETWEEN 0 AND question_count),
        CONSTRAINT ck_quiz_attempt_answers CHECK (jsonb_typeof(answers) = 'array')
      )`);
    await q.query(`CREATE INDEX ix_quiz_attempt_submitted ON quiz_attempt (submitted_at, id)`);
    await q.query(`CREATE INDEX ix_quiz_attempt_lesson ON quiz_attempt (lesson_id)`);

    // One completion per enrollment: the `course.completed` outbox event is written by the insert that creates it only.
    await q.query(`
      CREATE TABLE course_completion (
        enrollment_id uuid CONSTRAINT pk_course_completion PRIMARY KEY CONSTRAINT fk_course_completion_enrollment REFERENCES enrollment (id),
        statement_id uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT uq_course_completion_statement UNIQUE,
        user_id uuid NOT NULL CONSTRAINT fk_course_completion_user REFERENCES app_user (id),
        course_id uuid NOT NULL CONSTRAINT fk_course_completion_course REFERENCES course (id),
        version_id uuid NOT NULL,
        completed_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_course_completion_completed ON course_completion (completed_at, statement_id)`);
    await q.query(`CREATE INDEX ix_course_completion_course ON course_completion (course_id)`);

    // Counts per day (Europe/Paris) and course, fed exactly once per outbox event by the learning-daily subscribers.
    await q.query(`
      CREATE TABLE learning_activity_daily (
        day date NOT NULL,
        course_id uuid NOT NULL CONSTRAINT fk_learning_activity_daily_course REFERENCES course (id),
        enrollments integer NOT NULL DEFAULT 0 CONSTRAINT ck_learning_activity_daily_enrollments CHECK (enrollments >= 0),
        completions integer NOT NULL DEFAULT 0 CONSTRAINT ck_learning_activity_daily_completions CHECK (completions >= 0),
        CONSTRAINT pk_learning_activity_daily PRIMARY KEY (day, course_id)
      )`);
    await q.query(`CREATE INDEX ix_learning_activity_daily_course ON learning_activity_daily (course_id, day)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'learning_activity_daily',
      'course_completion',
      'quiz_attempt',
      'progress_event',
      'lesson_progress',
      'enrollment',
      'learning_lesson',
      'learning_version',
      'learner_pseudonym',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION learning_union_ids(uuid[], uuid[])`);
  }
}
