import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations, continued (organisation and reporting contexts):
 * - `organisation_assignment_reminder`: one row per due-date reminder sent, keyed by (assignment, member, due date,
 *   days before): the unique key is the lock that makes a rerun, a retry or a second worker send nothing twice. The due
 *   date is part of the key so that a postponed assignment is reminded again for its new date. Replaces the unused
 *   `organisation_assignment.reminded_on`.
 * - `kpi_trained_company`: the companies a trained person is linked to through an organisation of kind `entreprise`
 *   with a SIREN, frozen when the person is counted as trained (besides the SIREN of their profile, kept in
 *   `kpi_trained_person`), with the instant the person was trained (it gives the month a company is first reached);
 *   `user_id` is cleared when the person is erased (the company stays reached, unlinked from the person).
 */
export class OrganisationReminders1795700000000 implements MigrationInterface {
  name = 'OrganisationReminders1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisation_assignment_reminder (
        assignment_id uuid NOT NULL CONSTRAINT fk_organisation_assignment_reminder_assignment REFERENCES organisation_assignment (id) ON DELETE CASCADE,
        user_id uuid NOT NULL CONSTRAINT fk_organisation_assignment_reminder_user REFERENCES app_user (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL CONSTRAINT fk_organisation_assignment_reminder_organisation REFERENCES organisation (id) ON DELETE CASCADE,
        due_on date NOT NULL,
        days_before smallint NOT NULL CONSTRAINT ck_organisation_assignment_reminder_days CHECK (days_before >= 0),
        mail_message_id uuid,
        sent_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_organisation_assignment_reminder PRIMARY KEY (assignment_id, user_id, due_on, days_before)
      )`);
    await q.query(`CREATE INDEX ix_organisation_assignment_reminder_user ON organisation_assignment_reminder (user_id)`);
    await q.query(`ALTER TABLE organisation_assignment DROP COLUMN reminded_on`);
    await q.query(`
      CREATE TABLE kpi_trained_company (
        id bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_kpi_trained_company PRIMARY KEY,
        user_id uuid CONSTRAINT fk_kpi_trained_company_user REFERENCES app_user (id),
        siren varchar(9) NOT NULL CONSTRAINT ck_kpi_trained_company_siren CHECK (siren ~ '^[0-9]{9}$'),
        category varchar(3) NOT NULL CONSTRAINT ck_kpi_trained_company_category CHECK (category IN ('TPE', 'PME', 'ETI', 'GE', '?')),
        trained_at timestamptz NOT NULL,
        CONSTRAINT uq_kpi_trained_company UNIQUE (user_id, siren)
      )`);
    await q.query(`CREATE INDEX ix_kpi_trained_company_siren ON kpi_trained_company (siren)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE kpi_trained_company`);
    await q.query(`ALTER TABLE organisation_assignment ADD COLUMN reminded_on date`);
    await q.query(`DROP TABLE organisation_assignment_reminder`);
  }
}
