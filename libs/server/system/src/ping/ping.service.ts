import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { PingResponse } from '@academie/contracts';
import { OutboxService } from '@academie/server-outbox';
import { SystemError } from '../system.errors';
import { Ping } from './ping.entity';

const toResponse = (ping: Ping): PingResponse => ({
  id: ping.id,
  status: ping.handledAt ? 'done' : 'pending',
  requestedAt: ping.requestedAt.toISOString(),
  handledAt: ping.handledAt?.toISOString() ?? null,
  handledBy: ping.handledBy,
});

@Injectable()
export class PingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  /** Writes the ping and its `system.ping` event in one transaction. */
  async request(): Promise<PingResponse> {
    const ping = await this.dataSource.transaction(async (manager) => {
      const created = await manager.save(manager.create(Ping, {}));
      await this.outbox.record(manager, 'system.ping', { pingId: created.id });
      return created;
    });
    return toResponse(ping);
  }

  async get(id: string): Promise<PingResponse> {
    const ping = await this.dataSource.getRepository(Ping).findOneBy({ id });
    if (!ping) throw SystemError.PingNotFound([{ field: 'id', reason: 'no ping has this id' }]);
    return toResponse(ping);
  }
}
