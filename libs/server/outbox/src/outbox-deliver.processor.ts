import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type JobPayloads, OUTBOX_EVENT_TYPES } from '@academie/contracts';
import { JsonLogger } from '@academie/server-core';
import { type JobHandler, JobProcessor } from '@academie/server-queue';
import { OUTBOX_HANDLER, type OutboxEventHandler, type OutboxSubscription } from './outbox-handler';

interface Subscriber {
  name: string;
  handler: OutboxEventHandler;
}

export type DeliveryOutcome = 'done' | 'already-done' | 'unknown';

/**
 * Delivers one outbox event to each of its subscribers. Each subscriber's effect commits in one transaction
 * with its `outbox_delivery` row, so it happens exactly once even when the job runs again (a retry after a
 * failure of another subscriber, a job enqueued twice after Redis lost its data). The event closes once
 * every subscriber has recorded its delivery.
 */
@Injectable()
@JobProcessor('outbox.deliver')
export class OutboxDeliverProcessor implements JobHandler<'outbox.deliver'>, OnModuleInit {
  private readonly subscribers = new Map<string, Subscriber[]>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly discovery: DiscoveryService,
    private readonly logger: JsonLogger,
  ) {}

  onModuleInit(): void {
    const names = new Map<string, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as OutboxEventHandler | undefined;
      if (!instance || !wrapper.metatype) continue;
      const subscription = Reflect.getMetadata(OUTBOX_HANDLER, wrapper.metatype) as OutboxSubscription | undefined;
      if (!subscription) continue;
      // One name may follow several event types (the KPIs' `reporting`), never one type twice.
      const key = `${subscription.subscriber} of ${subscription.type}`;
      names.set(key, [...(names.get(key) ?? []), wrapper.name]);
      const list = this.subscribers.get(subscription.type) ?? [];
      list.push({ name: subscription.subscriber, handler: instance });
      list.sort((a, b) => a.name.localeCompare(b.name));
      this.subscribers.set(subscription.type, list);
    }
    const problems: string[] = [];
    for (const type of OUTBOX_EVENT_TYPES) {
      if (!this.subscribers.get(type)?.length) problems.push(`${type}: no handler`);
    }
    for (const type of this.subscribers.keys()) {
      if (!(OUTBOX_EVENT_TYPES as readonly string[]).includes(type)) problems.push(`${type}: unknown event type`);
    }
    for (const [name, owners] of names) {
      if (owners.length > 1) problems.push(`subscriber ${name} declared twice (${owners.join(', ')})`);
    }
    if (problems.length) throw new Error(`outbox handlers misconfigured: ${problems.join('; ')}`);
  }

  async process({ eventId }: JobPayloads['outbox.deliver']): Promise<DeliveryOutcome> {
    const [event] = await this.dataSource.query(
      `SELECT id, type, payload, created_at, processed_at FROM outbox_event WHERE id = $1`,
      [eventId],
    );
    if (!event) return 'unknown';
    if (event.processed_at) return 'already-done';
    const subscribers = this.subscribers.get(event.type);
    if (!subscribers?.length) throw new Error(`no handler for outbox event type ${event.type}`);
    const context = { eventId: String(event.id), createdAt: event.created_at as Date };

    let delivered = 0;
    let closed = false;
    for (const [index, subscriber] of subscribers.entries()) {
      const last = index === subscribers.length - 1;
      try {
        delivered += await this.dataSource.transaction(async (manager) => {
          await manager.query(
            `INSERT INTO outbox_delivery (event_id, subscriber) VALUES ($1, $2)
             ON CONFLICT ON CONSTRAINT pk_outbox_delivery DO NOTHING`,
            [eventId, subscriber.name],
          );
          // The row lock serialises two jobs of the same event: the second sees the first one's outcome.
          const [delivery] = await manager.query(
            `SELECT processed_at FROM outbox_delivery WHERE event_id = $1 AND subscriber = $2 FOR UPDATE`,
            [eventId, subscriber.name],
          );
          if (delivery.processed_at) return 0;
          await subscriber.handler.handle(manager, event.payload, context);
          await manager.query(
            `UPDATE outbox_delivery SET processed_at = now(), attempts = attempts + 1, last_error = NULL
              WHERE event_id = $1 AND subscriber = $2`,
            [eventId, subscriber.name],
          );
          if (last) {
            // Every earlier subscriber has recorded its delivery: the event closes in this same commit (one disk flush
            // fewer per event, the worker's main cost on a slow disk).
            await manager.query(
              `UPDATE outbox_event SET processed_at = now(), attempts = attempts + 1, last_error = NULL
                WHERE id = $1 AND processed_at IS NULL`,
              [eventId],
            );
            closed = true;
          }
          return 1;
        });
      } catch (error) {
        const message = (error as Error).message.slice(0, 2000);
        await this.dataSource
          .query(
            // The failed transaction rolled back: record the attempt apart, on a row of its own if need be.
            `WITH failed AS (
               INSERT INTO outbox_delivery (event_id, subscriber, attempts, last_error) VALUES ($1, $2, 1, $3)
               ON CONFLICT ON CONSTRAINT pk_outbox_delivery DO UPDATE
                 SET attempts = outbox_delivery.attempts + 1, last_error = EXCLUDED.last_error
                 WHERE outbox_delivery.processed_at IS NULL)
             UPDATE outbox_event SET attempts = attempts + 1, last_error = $4 WHERE id = $1 AND processed_at IS NULL`,
            [eventId, subscriber.name, message, `${subscriber.name}: ${message}`],
          )
          .catch(() => undefined);
        this.logger.event('warn', 'outbox event failed', { eventId, subscriber: subscriber.name, errorMessage: message }, 'outbox');
        throw error;
      }
    }
    if (!closed) {
      // The last delivery was recorded by an earlier attempt: close the event now.
      await this.dataSource.query(
        `UPDATE outbox_event SET processed_at = now(), attempts = attempts + 1, last_error = NULL
          WHERE id = $1 AND processed_at IS NULL`,
        [eventId],
      );
    }
    return delivered > 0 ? 'done' : 'already-done';
  }
}
