import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxEventPayloads, OutboxEventType } from '@academie/contracts';

export const OUTBOX_HANDLER = Symbol('academie:outbox-handler');

/** Marks a provider as the handler of one outbox event type. The worker refuses to start if a type has none or two. */
export const OutboxHandler = (type: OutboxEventType) => SetMetadata(OUTBOX_HANDLER, type);

export interface OutboxEventContext {
  eventId: string;
  createdAt: Date;
}

/**
 * Handles one event. It runs inside the transaction that closes the event: what it writes through `manager`
 * commits together with the event's closing, so its effect is recorded exactly once.
 */
export interface OutboxEventHandler<T extends OutboxEventType = OutboxEventType> {
  handle(manager: EntityManager, payload: OutboxEventPayloads[T], context: OutboxEventContext): Promise<void>;
}
