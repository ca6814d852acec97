import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxEventPayloads, OutboxEventType } from '@academie/contracts';

export const OUTBOX_HANDLER = Symbol('academie:outbox-handler');

export interface OutboxSubscriptionOptions {
  /**
   * The handler acts outside the database too (it sends an e-mail). Events are delivered in batches, one transaction
   * per subscriber and batch: such a handler runs each event in a savepoint of its own, so that another event's
   * failure never rolls back, and so repeats, an effect already done outside.
   */
  external?: boolean;
}

export interface OutboxSubscription extends OutboxSubscriptionOptions {
  type: OutboxEventType;
  /**
   * Stable name of the subscriber: its deliveries are recorded under it (`outbox_delivery`), so it never
   * changes once released. Several subscribers may handle one event type (certificates and KPIs both
   * follow `course.completed`); each records its effect exactly once.
   */
  subscriber: string;
}

/**
 * Marks a provider as a subscriber of one outbox event type. The worker refuses to start if an event type
 * has no subscriber, or if two share a name.
 */
export const OutboxHandler = (type: OutboxEventType, subscriber: string = type, options: OutboxSubscriptionOptions = {}) =>
  SetMetadata(OUTBOX_HANDLER, { type, subscriber, ...options } satisfies OutboxSubscription);

/**
 * Work shared by the events that one subscriber handles in one transaction (a batch): a handler may add up its
 * writes to hot rows (counters) and write them once, just before the deliveries are recorded and the transaction
 * commits. What is flushed commits with the deliveries or not at all, like the rest of the handlers' writes.
 */
export interface OutboxBatch {
  /**
   * The value kept under `key` in this transaction, created by `create` on first use; `flush(value)` runs once, after
   * the last event's handler, in the same transaction. Flushes run in the order of their keys (name them
   * `<context>:<table>`): a flush must not add to another key's value.
   */
  shared<T>(key: string, create: () => T, flush: (value: T) => Promise<void>): T;
}

export interface OutboxEventContext {
  eventId: string;
  createdAt: Date;
  /** Set when the delivery runs in a batch that writes shared work at its end; absent for `external` subscribers. */
  batch?: OutboxBatch;
}

/**
 * Handles one event. It runs inside the transaction that records its delivery: what it writes through
 * `manager` commits together with that record, so its effect is recorded exactly once.
 */
export interface OutboxEventHandler<T extends OutboxEventType = OutboxEventType> {
  handle(manager: EntityManager, payload: OutboxEventPayloads[T], context: OutboxEventContext): Promise<void>;
}
