import { hostname } from 'node:os';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxEventPayloads } from '@academie/contracts';
import { OutboxHandler, type OutboxEventHandler } from '@academie/server-outbox';

/** The worker's side of the ping: records who handled it, once. */
@Injectable()
@OutboxHandler('system.ping')
export class PingHandler implements OutboxEventHandler<'system.ping'> {
  async handle(manager: EntityManager, { pingId }: OutboxEventPayloads['system.ping']): Promise<void> {
    await manager.query(
      `UPDATE system_ping SET handled_at = now(), handled_by = $2 WHERE id = $1 AND handled_at IS NULL`,
      [pingId, `${hostname()}/${process.pid}`],
    );
  }
}
