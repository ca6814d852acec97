import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Several subscribers per outbox event (certificates and KPIs both follow `course.completed`): each records
 * its delivery in `outbox_delivery`, in the transaction of its effect; the event closes once all have.
 */
export class OutboxDeliveries1795604400000 implements MigrationInterface {
  name = 'OutboxDeliveries1795604400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_delivery (
        event_id bigint NOT NULL CONSTRAINT fk_outbox_delivery_event REFERENCES outbox_event (id) ON DELETE CASCADE,
        subscriber varchar(100) NOT NULL,
        processed_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        CONSTRAINT pk_outbox_delivery PRIMARY KEY (event_id, subscriber)
      )`);
    await q.query(`CREATE INDEX ix_outbox_delivery_failed ON outbox_delivery (event_id) WHERE processed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox_delivery`);
  }
}
