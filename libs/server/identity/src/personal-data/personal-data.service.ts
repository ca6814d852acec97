import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { PersonalDataExport } from '@academie/contracts';
import { JsonLogger } from '@academie/server-core';
import { OutboxService } from '@academie/server-outbox';
import { PersonalDataRegistry } from './personal-data.registry';

/** Export and erasure of a person's data across every registered context. */
@Injectable()
export class PersonalDataService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: PersonalDataRegistry,
    private readonly logger: JsonLogger,
    private readonly outbox: OutboxService,
  ) {}

  /** One consistent snapshot (REPEATABLE READ) of what every context holds. */
  async export(userId: string): Promise<PersonalDataExport> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const contexts: PersonalDataExport['contexts'] = {};
      for (const source of this.registry.list()) {
        contexts[source.context] = { description: source.describe, data: await source.export(userId, manager) };
      }
      return { exportedAt: new Date().toISOString(), userId, contexts };
    });
  }

  /**
   * Erases the person in one transaction: the contexts registered last (which depend on the earlier ones) go
   * first, identity last, then `user.erased` is recorded. The user row stays, anonymous, so that counts remain exact.
   */
  async erase(userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      for (const source of this.registry.list().reverse()) await source.erase(userId, manager);
      // The KPIs unlink the person's SIREN from their trained record; their counts stay.
      await this.outbox.record(manager, 'user.erased', { userId, erasedAt: new Date().toISOString() });
    });
    this.logger.event('info', 'account erased', { userId }, 'identity');
  }
}
