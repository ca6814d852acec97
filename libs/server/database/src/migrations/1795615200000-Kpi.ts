import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * KPI rollups of the reporting context (docs/kpi.md). Written only by the `reporting` outbox subscriber, each event in
 * the transaction that records its delivery (exactly once); read by the ministry's KPI routes, which never touch the
 * base tables; recomputed from the base tables by the reconciliation (`kpi_reconciliation_run`).
 *
 * - `kpi_learner`: the attributes under which a learner's facts are counted now (their current profile: audience,
 *   region, sector, staff band, `?` when unknown), their first enrollment and their last day of activity.
 * - `kpi_enrollment`, `kpi_certificate`: the facts already counted, keyed like their base rows, so that an event
 *   applied twice changes nothing and a profile change can move exactly what was counted.
 * - `kpi_trained_person`: one row per trained person, frozen at their first certificate on a course that counts toward
 *   the goal (month, course, audience, region, sector, staff band, SIREN). A profile change never moves it; an erasure
 *   only unlinks the SIREN (`siren` NULL, `had_siren` kept), so the counts never move.
 * - `kpi_company`: one row per SIREN reached (its LME category when first reached, persons trained); `siren` is a
 *   company's identifier, never linked to a person here.
 * - `kpi_cell`: the counters. `dims` is the set of dimensions a row is broken down by (bits: 1 audience, 2 region,
 *   4 sector, 8 company size, 16 course); a dimension outside `dims` holds '' (course: the nil UUID). Every fact adds
 *   to the 26 rows of the subsets of at most three dimensions, so a breakdown by one dimension with up to two filters
 *   reads only rows of its own subset: as many as groups × months, whatever the number of learners.
 * - `kpi_company_month`, `kpi_activity_day`: companies newly reached per category and month; learners by the day of
 *   their last activity (the active learners are a sum over 30 rows).
 */
export class Kpi1795615200000 implements MigrationInterface {
  name = 'Kpi1795615200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE kpi_learner (
        user_id uuid CONSTRAINT pk_kpi_learner PRIMARY KEY CONSTRAINT fk_kpi_learner_user REFERENCES app_user (id),
        audience varchar(30) NOT NULL,
        region varchar(2) NOT NULL,
        sector varchar(1) NOT NULL,
        company_size varchar(2) NOT NULL,
        first_enrollment_id uuid,
        first_enrolled_at timestamptz,
        first_course_id uuid,
        last_activity_day date,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_kpi_learner_first CHECK ((first_enrollment_id IS NULL) = (first_enrolled_at IS NULL))
      )`);
    await q.query(`
      CREATE TABLE kpi_enrollment (
        enrollment_id uuid CONSTRAINT pk_kpi_enrollment PRIMARY KEY,
        user_id uuid NOT NULL,
        course_id uuid NOT NULL,
        enrolled_at timestamptz NOT NULL,
        completed_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_kpi_enrollment_user ON kpi_enrollment (user_id)`);
    await q.query(`
      CREATE TABLE kpi_certificate (
        certificate_id uuid CONSTRAINT pk_kpi_certificate PRIMARY KEY,
        user_id uuid NOT NULL,
        course_id uuid NOT NULL,
        issued_at timestamptz NOT NULL,
        counts_toward_goal boolean NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_kpi_certificate_user ON kpi_certificate (user_id)`);
    await q.query(`
      CREATE TABLE kpi_trained_person (
        user_id uuid CONSTRAINT pk_kpi_trained_person PRIMARY KEY CONSTRAINT fk_kpi_trained_person_user REFERENCES app_user (id),
        certificate_id uuid NOT NULL,
        course_id uuid NOT NULL,
        trained_at timestamptz NOT NULL,
        audience varchar(30) NOT NULL,
        region varchar(2) NOT NULL,
        sector varchar(1) NOT NULL,
        company_size varchar(2) NOT NULL,
        company_category varchar(3),
        siren varchar(9),
        had_siren boolean NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_kpi_trained_person_siren CHECK (siren IS NULL OR had_siren),
        CONSTRAINT ck_kpi_trained_person_category CHECK (company_category IN ('TPE', 'PME', 'ETI', 'GE', '?'))
      )`);
    await q.query(`
      CREATE TABLE kpi_company (
        siren varchar(9) CONSTRAINT pk_kpi_company PRIMARY KEY CONSTRAINT ck_kpi_company_siren CHECK (siren ~ '^[0-9]{9}$'),
        category varchar(3) NOT NULL CONSTRAINT ck_kpi_company_category CHECK (category IN ('TPE', 'PME', 'ETI', 'GE', '?')),
        first_month date NOT NULL,
        persons integer NOT NULL CONSTRAINT ck_kpi_company_persons CHECK (persons >= 0)
      )`);
    await q.query(`
      CREATE TABLE kpi_company_month (
        category varchar(3) NOT NULL,
        month date NOT NULL,
        companies bigint NOT NULL DEFAULT 0,
        CONSTRAINT pk_kpi_company_month PRIMARY KEY (category, month)
      )`);
    await q.query(`
      CREATE TABLE kpi_activity_day (
        day date CONSTRAINT pk_kpi_activity_day PRIMARY KEY,
        learners bigint NOT NULL DEFAULT 0
      )`);
    await q.query(`
      CREATE TABLE kpi_course (
        course_id uuid CONSTRAINT pk_kpi_course PRIMARY KEY,
        title varchar(200) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE kpi_cell (
        dims smallint NOT NULL CONSTRAINT ck_kpi_cell_dims CHECK (dims BETWEEN 0 AND 31),
        month date NOT NULL,
        audience varchar(30) NOT NULL,
        region varchar(2) NOT NULL,
        sector varchar(1) NOT NULL,
        company_size varchar(2) NOT NULL,
        course_id uuid NOT NULL,
        trained bigint NOT NULL DEFAULT 0,
        certificates bigint NOT NULL DEFAULT 0,
        enrollments bigint NOT NULL DEFAULT 0,
        completions bigint NOT NULL DEFAULT 0,
        new_learners bigint NOT NULL DEFAULT 0,
        CONSTRAINT pk_kpi_cell PRIMARY KEY (dims, month, audience, region, sector, company_size, course_id)
      )`);
    // A breakdown with filters fixes one dimension of its subset: one index per dimension serves it.
    await q.query(`CREATE INDEX ix_kpi_cell_audience ON kpi_cell (dims, audience, month)`);
    await q.query(`CREATE INDEX ix_kpi_cell_region ON kpi_cell (dims, region, month)`);
    await q.query(`CREATE INDEX ix_kpi_cell_sector ON kpi_cell (dims, sector, month)`);
    await q.query(`CREATE INDEX ix_kpi_cell_company_size ON kpi_cell (dims, company_size, month)`);
    await q.query(`CREATE INDEX ix_kpi_cell_course ON kpi_cell (dims, course_id, month)`);

    await q.query(`
      CREATE TABLE kpi_reconciliation_run (
        id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_kpi_reconciliation_run PRIMARY KEY,
        trigger varchar(10) NOT NULL CONSTRAINT ck_kpi_reconciliation_run_trigger CHECK (trigger IN ('cli', 'nightly', 'manual')),
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        status varchar(12) NOT NULL DEFAULT 'running'
          CONSTRAINT ck_kpi_reconciliation_run_status CHECK (status IN ('running', 'ok', 'differences', 'failed')),
        checked jsonb NOT NULL DEFAULT '{}',
        difference_count integer NOT NULL DEFAULT 0,
        differences jsonb NOT NULL DEFAULT '[]',
        in_flight_events integer NOT NULL DEFAULT 0,
        error text
      )`);
    await q.query(`CREATE INDEX ix_kpi_reconciliation_run_started ON kpi_reconciliation_run (started_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'kpi_reconciliation_run',
      'kpi_cell',
      'kpi_course',
      'kpi_activity_day',
      'kpi_company_month',
      'kpi_company',
      'kpi_trained_person',
      'kpi_certificate',
      'kpi_enrollment',
      'kpi_learner',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
