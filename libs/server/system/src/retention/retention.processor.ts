import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JOB_QUEUE, type JobPayloads } from '@academie/contracts';
import { AppConfig, JsonLogger } from '@academie/server-core';
import { type JobHandler, JobProcessor, QueueRegistry, RETRY_PRESETS } from '@academie/server-queue';
import { type RetentionRun, RetentionService } from './retention.service';

export const RETENTION_SCHEDULE_ID = 'retention-purge-nightly';

/**
 * `retention.purge`: applies the retention periods (retention.service.ts). The worker (re)declares the nightly schedule
 * (RETENTION_CRON, Paris time) at each start, so that it comes back if Redis lost it. A run is safe to repeat or to
 * interrupt: it only deletes what is already past its period.
 */
@Injectable()
@JobProcessor('retention.purge')
export class RetentionProcessor implements JobHandler<'retention.purge'>, OnApplicationBootstrap {
  constructor(
    private readonly retention: RetentionService,
    private readonly queues: QueueRegistry,
    private readonly config: AppConfig,
    private readonly logger: JsonLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.queues.queue(JOB_QUEUE['retention.purge']).upsertJobScheduler(
        RETENTION_SCHEDULE_ID,
        { pattern: this.config.RETENTION_CRON, tz: 'Europe/Paris' },
        { name: 'retention.purge', data: { trigger: 'nightly' }, opts: { ...RETRY_PRESETS.few, removeOnComplete: 100, removeOnFail: false } },
      );
    } catch (error) {
      this.logger.event('warn', 'retention purge not scheduled', { errorMessage: (error as Error).message }, 'retention');
    }
  }

  process(_payload: JobPayloads['retention.purge']): Promise<RetentionRun> {
    return this.retention.purge();
  }
}
