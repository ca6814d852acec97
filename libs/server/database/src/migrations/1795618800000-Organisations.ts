import type { MigrationInterface, QueryRunner } from 'typeorm';

const TEMPLATES_BEFORE = `'verify-email', 'password-reset', 'password-changed', 'account-exists', 'certificate-issued'`;
const TEMPLATES_AFTER = `${TEMPLATES_BEFORE}, 'organisation-invitation', 'assignment-reminder'`;

/**
 * Organisations (organisation context): the organisations, their members with a role and the member's consent to
 * share individual progress, invitations (e-mail: unique per organisation and address; link/code: single- or
 * multi-use with expiry; secrets stored as SHA-256 only), CSV imports with their counts and rejected lines, cohorts,
 * cohort members (always members of the same organisation: composite foreign key) and course assignments.
 */
export class Organisations1795618800000 implements MigrationInterface {
  name = 'Organisations1795618800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation (
        id uuid CONSTRAINT pk_organisation PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(20) NOT NULL CONSTRAINT ck_organisation_kind CHECK (kind IN ('entreprise', 'cfa', 'agence_emploi', 'administration', 'autre')),
        name varchar(200) NOT NULL CONSTRAINT ck_organisation_name CHECK (length(btrim(name)) > 0),
        siren varchar(9) CONSTRAINT ck_organisation_siren CHECK (siren ~ '^[0-9]{9}$'),
        siret varchar(14) CONSTRAINT ck_organisation_siret CHECK (siret ~ '^[0-9]{14}$' AND left(siret, 9) = siren),
        staff_band varchar(2),
        region varchar(2),
        sector varchar(1),
        created_by uuid CONSTRAINT fk_organisation_created_by REFERENCES app_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_organisation_siren ON organisation (siren) WHERE siren IS NOT NULL`);
    await q.query(`
      CREATE TABLE organisation_member (
        organisation_id uuid NOT NULL CONSTRAINT fk_organisation_member_organisation REFERENCES organisation (id) ON DELETE CASCADE,
        user_id uuid NOT NULL CONSTRAINT fk_organisation_member_user REFERENCES app_user (id) ON DELETE CASCADE,
        role varchar(20) NOT NULL CONSTRAINT ck_organisation_member_role CHECK (role IN ('org_admin', 'org_manager', 'member')),
        joined_at timestamptz NOT NULL DEFAULT now(),
        progress_shared_at timestamptz,
        CONSTRAINT pk_organisation_member PRIMARY KEY (organisation_id, user_id)
      )`);
    await q.query(`CREATE INDEX ix_organisation_member_user ON organisation_member (user_id)`);
    await q.query(`
      CREATE TABLE organisation_import (
        id uuid CONSTRAINT pk_organisation_import PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL CONSTRAINT fk_organisation_import_organisation REFERENCES organisation (id) ON DELETE CASCADE,
        created_by uuid CONSTRAINT fk_organisation_import_created_by REFERENCES app_user (id) ON DELETE SET NULL,
        status varchar(10) NOT NULL DEFAULT 'running' CONSTRAINT ck_organisation_import_status CHECK (status IN ('running', 'done')),
        total_lines integer NOT NULL CONSTRAINT ck_organisation_import_total CHECK (total_lines >= 0),
        processed_lines integer NOT NULL DEFAULT 0,
        invited integer NOT NULL DEFAULT 0,
        already_invited integer NOT NULL DEFAULT 0,
        rejected integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_organisation_import_organisation ON organisation_import (organisation_id, created_at)`);
    await q.query(`
      CREATE TABLE organisation_invitation (
        id uuid CONSTRAINT pk_organisation_invitation PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL CONSTRAINT fk_organisation_invitation_organisation REFERENCES organisation (id) ON DELETE CASCADE,
        kind varchar(5) NOT NULL CONSTRAINT ck_organisation_invitation_kind CHECK (kind IN ('email', 'link')),
        email varchar(254),
        secret_hash bytea NOT NULL CONSTRAINT uq_organisation_invitation_secret UNIQUE,
        max_uses integer CONSTRAINT ck_organisation_invitation_max_uses CHECK (max_uses > 0),
        uses integer NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL,
        import_id uuid CONSTRAINT fk_organisation_invitation_import REFERENCES organisation_import (id) ON DELETE SET NULL,
        created_by uuid CONSTRAINT fk_organisation_invitation_created_by REFERENCES app_user (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        accepted_at timestamptz,
        revoked_at timestamptz,
        CONSTRAINT uq_organisation_invitation_email UNIQUE (organisation_id, email),
        CONSTRAINT ck_organisation_invitation_shape CHECK ((kind = 'email' AND email IS NOT NULL AND max_uses = 1) OR (kind = 'link' AND email IS NULL)),
        CONSTRAINT ck_organisation_invitation_uses CHECK (uses >= 0 AND (max_uses IS NULL OR uses <= max_uses))
      )`);
    await q.query(`
      CREATE TABLE organisation_cohort (
        id uuid CONSTRAINT pk_organisation_cohort PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL CONSTRAINT fk_organisation_cohort_organisation REFERENCES organisation (id) ON DELETE CASCADE,
        name varchar(120) NOT NULL CONSTRAINT ck_organisation_cohort_name CHECK (length(btrim(name)) > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_organisation_cohort_name UNIQUE (organisation_id, name),
        CONSTRAINT uq_organisation_cohort_scope UNIQUE (id, organisation_id)
      )`);
    await q.query(`
      CREATE TABLE organisation_cohort_member (
        cohort_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        user_id uuid NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_organisation_cohort_member PRIMARY KEY (cohort_id, user_id),
        CONSTRAINT fk_organisation_cohort_member_cohort FOREIGN KEY (cohort_id, organisation_id)
          REFERENCES organisation_cohort (id, organisation_id) ON DELETE CASCADE,
        CONSTRAINT fk_organisation_cohort_member_member FOREIGN KEY (organisation_id, user_id)
          REFERENCES organisation_member (organisation_id, user_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_organisation_cohort_member_member ON organisation_cohort_member (organisation_id, user_id)`);
    await q.query(`
      CREATE TABLE organisation_assignment (
        id uuid CONSTRAINT pk_organisation_assignment PRIMARY KEY DEFAULT gen_random_uuid(),
        cohort_id uuid NOT NULL,
        organisation_id uuid NOT NULL,
        course_id uuid NOT NULL CONSTRAINT fk_organisation_assignment_course REFERENCES course (id),
        course_slug varchar(200) NOT NULL,
        course_title varchar(200) NOT NULL,
        due_on date,
        reminded_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_organisation_assignment_course UNIQUE (cohort_id, course_id),
        CONSTRAINT fk_organisation_assignment_cohort FOREIGN KEY (cohort_id, organisation_id)
          REFERENCES organisation_cohort (id, organisation_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_organisation_assignment_due ON organisation_assignment (due_on) WHERE due_on IS NOT NULL`);
    await q.query(`
      ALTER TABLE mail_message DROP CONSTRAINT ck_mail_message_template,
        ADD CONSTRAINT ck_mail_message_template CHECK (template IN (${TEMPLATES_AFTER}))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM mail_message WHERE template IN ('organisation-invitation', 'assignment-reminder')`);
    await q.query(`
      ALTER TABLE mail_message DROP CONSTRAINT ck_mail_message_template,
        ADD CONSTRAINT ck_mail_message_template CHECK (template IN (${TEMPLATES_BEFORE}))`);
    for (const table of [
      'organisation_assignment',
      'organisation_cohort_member',
      'organisation_cohort',
      'organisation_invitation',
      'organisation_import',
      'organisation_member',
      'organisation',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
