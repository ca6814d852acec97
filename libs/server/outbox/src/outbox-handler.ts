import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxEventPayloads, OutboxEventType } from '@academie/contracts';

export const OUTBOX_HANDLER = Symbol('academie:outbox-handler');

export interface OutboxSubscription {
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
export const OutboxHandler = (type: OutboxEventType, subscriber: string = type) =>
  SetMetadata(OUTBOX_HANDLER, { type, subscriber } satisfies OutboxSubscription);

export interface OutboxEventContext {
  eventId: string;
  createdAt: Date;
}

/**
 * Handles one event. It runs inside the transaction that records its delivery: what it writes through
 * `manager` commits together with that record, so its effect is recorded exactly once.
 */
export interface OutboxEventHandler<T extends OutboxEventType = OutboxEventType> {
  handle(manager: EntityManager, payload: OutboxEventPayloads[T], context: OutboxEventContext): Promise<void>;
}
