import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts: people and their learner profile, roles, e-mailed single-use tokens, sessions (refresh token
 * families), links to SSO providers, the audit log, and the e-mails queued for sending. Code lists are written
 * out here (a migration is frozen in time); a later change of a reference list comes with its own migration.
 */
export class Accounts1795597200000 implements MigrationInterface {
  name = 'Accounts1795597200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE app_user (
        id uuid CONSTRAINT pk_app_user PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) CONSTRAINT uq_app_user_email UNIQUE,
        email_verified_at timestamptz,
        password_hash text,
        first_name varchar(100) NOT NULL DEFAULT '',
        last_name varchar(100) NOT NULL DEFAULT '',
        status varchar(30) CONSTRAINT ck_app_user_status CHECK (status IN ('dirigeant', 'salarie', 'independant', 'agent_public', 'apprenti', 'demandeur_emploi')),
        staff_band varchar(2) CONSTRAINT ck_app_user_staff_band CHECK (staff_band IN ('NN', '00', '01', '02', '03', '11', '12', '21', '22', '31', '32', '41', '42', '51', '52', '53')),
        region varchar(2) CONSTRAINT ck_app_user_region CHECK (region IN ('01', '02', '03', '04', '06', '11', '24', '27', '28', '32', '44', '52', '53', '75', '76', '84', '93', '94')),
        sector varchar(1) CONSTRAINT ck_app_user_sector CHECK (sector IN ('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S', 'T', 'U')),
        siren varchar(9) CONSTRAINT ck_app_user_siren CHECK (siren ~ '^[0-9]{9}$'),
        audience varchar(30) CONSTRAINT ck_app_user_audience CHECK (audience IN ('tpe', 'pme', 'eti', 'grand_groupe', 'apprenti', 'demandeur_emploi')),
        suspended_at timestamptz,
        erased_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_app_user_email_normalized CHECK (email = lower(btrim(email))),
        CONSTRAINT ck_app_user_erased CHECK (erased_at IS NULL OR (email IS NULL AND password_hash IS NULL AND siren IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_app_user_created ON app_user (created_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE user_role (
        user_id uuid NOT NULL CONSTRAINT fk_user_role_user REFERENCES app_user (id) ON DELETE CASCADE,
        role varchar(20) NOT NULL CONSTRAINT ck_user_role_role CHECK (role IN ('trainer', 'reviewer', 'ministry', 'admin')),
        granted_at timestamptz NOT NULL DEFAULT now(),
        granted_by uuid CONSTRAINT fk_user_role_granted_by REFERENCES app_user (id) ON DELETE SET NULL,
        CONSTRAINT pk_user_role PRIMARY KEY (user_id, role)
      )`);

    await q.query(`
      CREATE TABLE user_token (
        id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_user_token PRIMARY KEY,
        user_id uuid NOT NULL CONSTRAINT fk_user_token_user REFERENCES app_user (id) ON DELETE CASCADE,
        purpose varchar(20) NOT NULL CONSTRAINT ck_user_token_purpose CHECK (purpose IN ('verify_email', 'password_reset')),
        token_hash bytea NOT NULL CONSTRAINT uq_user_token_hash UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_user_token_open ON user_token (user_id, purpose) WHERE used_at IS NULL`);

    await q.query(`
      CREATE TABLE session_family (
        id uuid CONSTRAINT pk_session_family PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL CONSTRAINT fk_session_family_user REFERENCES app_user (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_reason varchar(30) CONSTRAINT ck_session_family_revoked_reason
          CHECK (revoked_reason IN ('logout', 'reuse', 'suspended', 'password_changed', 'password_reset', 'erased')),
        CONSTRAINT ck_session_family_revoked CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX ix_session_family_user_open ON session_family (user_id) WHERE revoked_at IS NULL`);

    await q.query(`
      CREATE TABLE refresh_token (
        id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_refresh_token PRIMARY KEY,
        family_id uuid NOT NULL CONSTRAINT fk_refresh_token_family REFERENCES session_family (id) ON DELETE CASCADE,
        token_hash bytea NOT NULL CONSTRAINT uq_refresh_token_hash UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        rotated_at timestamptz
      )`);
    await q.query(`CREATE INDEX ix_refresh_token_family_id ON refresh_token (family_id)`);

    await q.query(`
      CREATE TABLE sso_identity (
        id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_sso_identity PRIMARY KEY,
        user_id uuid NOT NULL CONSTRAINT fk_sso_identity_user REFERENCES app_user (id) ON DELETE CASCADE,
        provider varchar(30) NOT NULL CONSTRAINT ck_sso_identity_provider CHECK (provider IN ('proconnect', 'franceconnect')),
        subject varchar(255) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_sso_identity_provider_subject UNIQUE (provider, subject)
      )`);
    await q.query(`CREATE INDEX ix_sso_identity_user_id ON sso_identity (user_id)`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_audit_log PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid CONSTRAINT fk_audit_log_actor REFERENCES app_user (id) ON DELETE SET NULL,
        action varchar(100) NOT NULL,
        target_type varchar(50) NOT NULL,
        target_id varchar(100),
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX ix_audit_log_actor_id ON audit_log (actor_id, id)`);
    await q.query(`CREATE INDEX ix_audit_log_target_id ON audit_log (target_id, id)`);
    await q.query(`CREATE INDEX ix_audit_log_action ON audit_log (action, id)`);

    await q.query(`
      CREATE TABLE mail_message (
        id uuid CONSTRAINT pk_mail_message PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid CONSTRAINT fk_mail_message_user REFERENCES app_user (id) ON DELETE SET NULL,
        to_address varchar(254) NOT NULL,
        template varchar(50) NOT NULL
          CONSTRAINT ck_mail_message_template CHECK (template IN ('verify-email', 'password-reset', 'password-changed', 'account-exists')),
        params jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        message_id varchar(255)
      )`);
    await q.query(`CREATE INDEX ix_mail_message_user_id ON mail_message (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mail_message`);
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP TABLE sso_identity`);
    await q.query(`DROP TABLE refresh_token`);
    await q.query(`DROP TABLE session_family`);
    await q.query(`DROP TABLE user_token`);
    await q.query(`DROP TABLE user_role`);
    await q.query(`DROP TABLE app_user`);
  }
}
