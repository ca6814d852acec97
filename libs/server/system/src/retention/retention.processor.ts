import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { JobPayloads } from '@academie/contracts';
import { AppConfig, JsonLogger } from '@academie/server-core';
import { type JobHandler, JobProcessor, JobSchedules } from '@academie/server-queue';
import { type RetentionRun, RetentionService } from './retention.service';

export const RETENTION_SCHEDULE_ID = 'retention-purge-nightly';

/**
 * `retention.purge`: applies the retention periods (retention.service.ts). The nightly schedule (RETENTION_CRON,
 * Paris time) is kept declared by `JobSchedules`. A run is safe to repeat or to
 * interrupt: it only deletes what is already past its period.
 */
@Injectable()
@JobProcessor('retention.purge')
export class RetentionProcessor implements JobHandler<'retention.purge'>, OnApplicationBootstrap {
  constructor(
    private readonly retention: RetentionService,
    private readonly schedules: JobSchedules,
    private readonly config: AppConfig,
    private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.schedules.declare({ id: RETENTION_SCHEDULE_ID, name: 'retention.purge', pattern: this.config.RETENTION_CRON, data: { trigger: 'nightly' } });
  }

  process(_payload: JobPayloads['retention.purge']): Promise<RetentionRun> {
    return this.retention.purge();
  }
}
