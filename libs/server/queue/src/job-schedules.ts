import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { JOB_QUEUE, type JobName, type JobPayloads } from '@academie/contracts';
import { AppConfig, JsonLogger } from '@academie/server-core';
import { QueueRegistry } from './queue.registry';
import { RETRY_PRESETS } from './retry-presets';

/** A repeatable job: BullMQ's job scheduler `id` adds a job `name` at each time of the cron `pattern`. */
export interface JobScheduleSpec<N extends JobName = JobName> {
  id: string;
  name: N;
  pattern: string;
  /** Defaults to Europe/Paris: the platform's schedules are said in French time. */
  tz?: string;
  data: JobPayloads[N];
}

/**
 * The platform's repeatable jobs (nightly reconciliation, retention purge, due-date reminders). A schedule lives in
 * Redis only: declaring it once at start would lose it with Redis's data until the next restart. Each declared
 * schedule is therefore upserted at once and again every JOB_SCHEDULE_REFRESH_MS (an idempotent upsert of one key),
 * by every worker: after a Redis restart or FLUSHALL the schedules come back within that delay, without a restart
 * (`apps/worker/src/worker.int-spec.ts`).
 */
@Injectable()
export class JobSchedules implements OnModuleDestroy {
  private readonly specs = new Map<string, JobScheduleSpec>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly queues: QueueRegistry,
    private readonly config: AppConfig,
    private readonly logger: JsonLogger,
  ) {}

  /** Declares (or redeclares with new settings) a schedule; a Redis that does not answer is logged, not thrown. */
  async declare<N extends JobName>(spec: JobScheduleSpec<N>): Promise<void> {
    this.specs.set(spec.id, spec as unknown as JobScheduleSpec);
    this.timer ??= setInterval(() => void this.refresh(), this.config.JOB_SCHEDULE_REFRESH_MS);
    this.timer.unref();
    await this.upsert(spec as unknown as JobScheduleSpec);
  }

  /** Upserts every declared schedule (the periodic refresh; also callable after an incident). */
  async refresh(): Promise<void> {
    for (const spec of this.specs.values()) await this.upsert(spec);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async upsert(spec: JobScheduleSpec): Promise<void> {
    try {
      await this.queues.queue(JOB_QUEUE[spec.name]).upsertJobScheduler(
        spec.id,
        { pattern: spec.pattern, tz: spec.tz ?? 'Europe/Paris' },
        { name: spec.name, data: spec.data, opts: { ...RETRY_PRESETS.few, removeOnComplete: 100, removeOnFail: false } },
      );
    } catch (error) {
      this.logger.event('warn', 'job schedule not declared', { schedule: spec.id, errorMessage: (error as Error).message }, 'worker');
    }
  }
}
