import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The foundation: transactional outbox, worker heartbeats, the skeleton's ping, and published courses. */
export class Foundation1795593600000 implements MigrationInterface {
  name = 'Foundation1795593600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`
      CREATE TABLE outbox_event (
        id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_outbox_event PRIMARY KEY,
        type varchar(100) NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        enqueued_at timestamptz,
        relay_count integer NOT NULL DEFAULT 0,
        processed_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`CREATE INDEX ix_outbox_event_open ON outbox_event (created_at) WHERE processed_at IS NULL`);

    await q.query(`
      CREATE TABLE worker_heartbeat (
        worker_id varchar(100) CONSTRAINT pk_worker_heartbeat PRIMARY KEY,
        host varchar(200) NOT NULL,
        pid integer NOT NULL,
        started_at timestamptz NOT NULL,
        beat_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_worker_heartbeat_beat_at ON worker_heartbeat (beat_at)`);

    await q.query(`
      CREATE TABLE system_ping (
        id uuid CONSTRAINT pk_system_ping PRIMARY KEY DEFAULT gen_random_uuid(),
        requested_at timestamptz NOT NULL DEFAULT now(),
        handled_at timestamptz,
        handled_by varchar(200)
      )`);

    await q.query(`
      CREATE TABLE course (
        id uuid CONSTRAINT pk_course PRIMARY KEY DEFAULT gen_random_uuid(),
        slug varchar(120) NOT NULL CONSTRAINT uq_course_slug UNIQUE,
        kind varchar(20) NOT NULL CONSTRAINT ck_course_kind CHECK (kind IN ('course', 'tutorial')),
        title varchar(200) NOT NULL,
        summary text NOT NULL,
        level varchar(20) NOT NULL CONSTRAINT ck_course_level CHECK (level IN ('decouverte', 'intermediaire', 'avance')),
        duration_minutes integer NOT NULL CONSTRAINT ck_course_duration_positive CHECK (duration_minutes > 0),
        audiences text[] NOT NULL DEFAULT '{}',
        sectors text[] NOT NULL DEFAULT '{}',
        use_cases text[] NOT NULL DEFAULT '{}',
        language varchar(10) NOT NULL DEFAULT 'fr',
        counts_toward_goal boolean NOT NULL DEFAULT true,
        status varchar(20) NOT NULL DEFAULT 'draft'
          CONSTRAINT ck_course_status CHECK (status IN ('draft', 'published', 'archived')),
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_course_published_at CHECK (status <> 'published' OR published_at IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX ix_course_published_keyset ON course (published_at DESC, id DESC) WHERE status = 'published'`,
    );
    await q.query(`CREATE INDEX ix_course_audiences ON course USING gin (audiences)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE course`);
    await q.query(`DROP TABLE system_ping`);
    await q.query(`DROP TABLE worker_heartbeat`);
    await q.query(`DROP TABLE outbox_event`);
  }
}
