import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type JobPayloads, OUTBOX_EVENT_TYPES, type OutboxEventType } from '@academie/contracts';
import { JsonLogger } from '@academie/server-core';
import { type JobHandler, JobProcessor } from '@academie/server-queue';
import { OUTBOX_HANDLER, type OutboxEventHandler } from './outbox-handler';

/** Delivers one outbox event: its handler's effect and the event's closing commit in one transaction. */
@Injectable()
@JobProcessor('outbox.deliver')
export class OutboxDeliverProcessor implements JobHandler<'outbox.deliver'>, OnModuleInit {
  private readonly handlers = new Map<string, OutboxEventHandler>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly discovery: DiscoveryService,
    private readonly logger: JsonLogger,
  ) {}

  onModuleInit(): void {
    const found = new Map<string, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as OutboxEventHandler | undefined;
      if (!instance || !wrapper.metatype) continue;
      const type = Reflect.getMetadata(OUTBOX_HANDLER, wrapper.metatype) as OutboxEventType | undefined;
      if (!type) continue;
      found.set(type, [...(found.get(type) ?? []), wrapper.name]);
      this.handlers.set(type, instance);
    }
    const problems: string[] = [];
    for (const type of OUTBOX_EVENT_TYPES) {
      const names = found.get(type) ?? [];
      if (names.length !== 1) problems.push(`${type}: ${names.length} handlers (${names.join(', ') || 'none'})`);
    }
    for (const type of found.keys()) {
      if (!(OUTBOX_EVENT_TYPES as readonly string[]).includes(type)) problems.push(`${type}: unknown event type`);
    }
    if (problems.length) throw new Error(`outbox handlers misconfigured: ${problems.join('; ')}`);
  }

  async process({ eventId }: JobPayloads['outbox.deliver']): Promise<'done' | 'already-done' | 'unknown'> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const [event] = await manager.query(
          `SELECT id, type, payload, created_at, processed_at FROM outbox_event WHERE id = $1 FOR UPDATE`,
          [eventId],
        );
        if (!event) return 'unknown';
        if (event.processed_at) return 'already-done';
        const handler = this.handlers.get(event.type);
        if (!handler) throw new Error(`no handler for outbox event type ${event.type}`);
        await handler.handle(manager, event.payload, { eventId: String(event.id), createdAt: event.created_at });
        await manager.query(
          `UPDATE outbox_event SET processed_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`,
          [eventId],
        );
        return 'done';
      });
    } catch (error) {
      const message = (error as Error).message.slice(0, 2000);
      await this.dataSource
        .query(`UPDATE outbox_event SET attempts = attempts + 1, last_error = $2 WHERE id = $1 AND processed_at IS NULL`, [
          eventId,
          message,
        ])
        .catch(() => undefined);
      this.logger.event('warn', 'outbox event failed', { eventId, errorMessage: message }, 'outbox');
      throw error;
    }
  }
}
