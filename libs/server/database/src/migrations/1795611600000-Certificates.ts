import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Certificates (certification context): one per learner and course, issued by the worker from `course.completed`
 * in the transaction that records the outbox delivery; the in-app notifications of the learner.
 */
export class Certificates1795611600000 implements MigrationInterface {
  name = 'Certificates1795611600000';

  async up(q: QueryRunner): Promise<void> {
    // Status list entries: allocated by the database, never reused (a gap left by a rolled-back issuance stays 0,
    // which reads as "not revoked" for an index no credential carries). Entry n is bit n % 131072 of list n / 131072 + 1.
    await q.query(`CREATE SEQUENCE certificate_status_index_seq AS bigint MINVALUE 0 START WITH 0`);
    await q.query(`
      CREATE TABLE certificate (
        id uuid CONSTRAINT pk_certificate PRIMARY KEY,
        code char(16) NOT NULL CONSTRAINT ck_certificate_code CHECK (code ~ '^[0-9A-HJKMNP-TV-Z]{16}$'),
        enrollment_id uuid NOT NULL,
        user_id uuid NOT NULL CONSTRAINT fk_certificate_user REFERENCES app_user (id),
        course_id uuid NOT NULL CONSTRAINT fk_certificate_course REFERENCES course (id),
        version_id uuid NOT NULL,
        course_title varchar(200) NOT NULL,
        version_number integer NOT NULL CONSTRAINT ck_certificate_version_number CHECK (version_number > 0),
        duration_minutes integer NOT NULL CONSTRAINT ck_certificate_duration CHECK (duration_minutes > 0),
        printed_name varchar(201),
        name_erased_at timestamptz,
        completed_at timestamptz NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        status_index bigint NOT NULL CONSTRAINT ck_certificate_status_index CHECK (status_index >= 0),
        signing_kid varchar(100),
        credential_jwt text,
        revoked_at timestamptz,
        revoked_by uuid CONSTRAINT fk_certificate_revoked_by REFERENCES app_user (id),
        revocation_reason varchar(500),
        CONSTRAINT fk_certificate_version FOREIGN KEY (version_id, course_id) REFERENCES course_version (id, course_id),
        CONSTRAINT uq_certificate_user_course UNIQUE (user_id, course_id),
        CONSTRAINT uq_certificate_enrollment UNIQUE (enrollment_id),
        CONSTRAINT uq_certificate_code UNIQUE (code),
        CONSTRAINT uq_certificate_status_index UNIQUE (status_index),
        CONSTRAINT ck_certificate_name_erased CHECK ((printed_name IS NULL) = (name_erased_at IS NOT NULL)),
        CONSTRAINT ck_certificate_credential CHECK (credential_jwt IS NULL OR signing_kid IS NOT NULL),
        CONSTRAINT ck_certificate_revoked CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
      )`);
    // The status lists read the revoked entries of a range of indexes.
    await q.query(`CREATE INDEX ix_certificate_revoked ON certificate (status_index) WHERE revoked_at IS NOT NULL`);

    await q.query(`
      CREATE TABLE notification (
        id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_notification PRIMARY KEY,
        user_id uuid NOT NULL CONSTRAINT fk_notification_user REFERENCES app_user (id),
        kind varchar(50) NOT NULL CONSTRAINT ck_notification_kind CHECK (kind IN ('certificate.issued')),
        subject_id uuid NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CONSTRAINT uq_notification_subject UNIQUE (user_id, kind, subject_id)
      )`);
    await q.query(`CREATE INDEX ix_notification_user ON notification (user_id, id DESC)`);
    await q.query(`CREATE INDEX ix_notification_unread ON notification (user_id) WHERE read_at IS NULL`);

    // The e-mail announcing a certificate (mail context).
    await q.query(`
      ALTER TABLE mail_message DROP CONSTRAINT ck_mail_message_template,
        ADD CONSTRAINT ck_mail_message_template
          CHECK (template IN ('verify-email', 'password-reset', 'password-changed', 'account-exists', 'certificate-issued'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM mail_message WHERE template = 'certificate-issued'`);
    await q.query(`
      ALTER TABLE mail_message DROP CONSTRAINT ck_mail_message_template,
        ADD CONSTRAINT ck_mail_message_template
          CHECK (template IN ('verify-email', 'password-reset', 'password-changed', 'account-exists'))`);
    await q.query(`DROP TABLE notification`);
    await q.query(`DROP TABLE certificate`);
    await q.query(`DROP SEQUENCE certificate_status_index_seq`);
  }
}
