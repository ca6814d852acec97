import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The retention job (`retention.purge`, docs/retention.md) deletes the oldest rows first, in bounded batches: each
 * batch must find them through an index on the time that dates them, not by scanning the table. `progress_event`
 * already has one (`ix_progress_event_received`); the audit log and the mail outbox get theirs.
 */
export class RetentionIndexes1795900000000 implements MigrationInterface {
  name = 'RetentionIndexes1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_audit_log_at ON audit_log (at, id)`);
    await q.query(`CREATE INDEX ix_mail_message_created_at ON mail_message (created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_mail_message_created_at`);
    await q.query(`DROP INDEX ix_audit_log_at`);
  }
}
