import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxEventPayloads, OutboxEventType } from '@academie/contracts';
import type { OutboxBatch } from './outbox-handler';

/** Writes domain events into the outbox, inside the caller's transaction. */
@Injectable()
export class OutboxService {
  /**
   * Records an event in the same transaction as the change it describes: both commit or neither does.
   * `manager` must be the transaction's EntityManager.
   */
  async record<T extends OutboxEventType>(manager: EntityManager, type: T, payload: OutboxEventPayloads[T]): Promise<string> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`outbox event ${type} must be recorded inside a transaction`);
    }
    const [row] = await manager.query(`INSERT INTO outbox_event (type, payload) VALUES ($1, $2) RETURNING id`, [
      type,
      JSON.stringify(payload),
    ]);
    return String(row.id);
  }

  /** Records one event per payload in one statement (bulk writes: invitations of a CSV import). */
  async recordMany<T extends OutboxEventType>(manager: EntityManager, type: T, payloads: OutboxEventPayloads[T][]): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`outbox events ${type} must be recorded inside a transaction`);
    }
    if (payloads.length === 0) return;
    await manager.query(`INSERT INTO outbox_event (type, payload) SELECT $1, p FROM unnest($2::jsonb[]) AS p`, [
      type,
      payloads.map((payload) => JSON.stringify(payload)),
    ]);
  }

  /**
   * Records an event in the transaction of an outbox delivery (a handler's follow-up event). In a batch, the events of
   * all its deliveries are inserted together, in one statement at the end of the batch, still before its commit; alone,
   * at once.
   */
  async recordInBatch<T extends OutboxEventType>(
    manager: EntityManager,
    batch: OutboxBatch | undefined,
    type: T,
    payload: OutboxEventPayloads[T],
  ): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`outbox event ${type} must be recorded inside a transaction`);
    }
    if (!batch) {
      await this.record(manager, type, payload);
      return;
    }
    const events = batch.shared(
      'outbox:events',
      () => [] as { type: OutboxEventType; payload: string }[],
      async (all) => {
        if (all.length === 0) return;
        await manager.query(
          `INSERT INTO outbox_event (type, payload) SELECT e.type, e.payload FROM unnest($1::text[], $2::jsonb[]) WITH ORDINALITY AS e(type, payload, n) ORDER BY e.n`,
          [all.map((e) => e.type), all.map((e) => e.payload)],
        );
      },
    );
    events.push({ type, payload: JSON.stringify(payload) });
  }
}
