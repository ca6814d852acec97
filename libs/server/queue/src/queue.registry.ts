import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { type JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { JOB_QUEUE, type JobName, type JobPayloads, type QueueName, QUEUES } from '@academie/contracts';
import { AppConfig, JsonLogger } from '@academie/server-core';
import { createRedis } from './redis';
import { RETRY_PRESETS, type RetryPreset } from './retry-presets';

export interface EnqueueOptions {
  /** Deterministic id: BullMQ ignores an add whose id is already known. Never contains `:`, never a plain integer. */
  jobId: string;
  preset?: RetryPreset;
}

const VALID_JOB_ID = /^(?!\d+$)[^:]{1,200}$/;

/** The queues of the platform, on one shared connection, under the configured key prefix. */
@Injectable()
export class QueueRegistry implements OnApplicationShutdown {
  readonly connection: Redis;
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly config: AppConfig,
    logger: JsonLogger,
  ) {
    this.connection = createRedis(config.REDIS_URL, 'worker', (error) =>
      logger.event('warn', 'redis connection error', { errorMessage: error.message }, 'queue'),
    );
  }

  get prefix(): string {
    return this.config.REDIS_PREFIX;
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.connection, prefix: this.prefix });
      queue.on('error', () => undefined); // connection errors are reported by the shared connection
      this.queues.set(name, queue);
    }
    return queue;
  }

  allQueues(): Queue[] {
    return Object.values(QUEUES).map((name) => this.queue(name));
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: EnqueueOptions): Promise<void> {
    await this.enqueueBulk(name, [{ payload, ...options }]);
  }

  async enqueueBulk<N extends JobName>(
    name: N,
    jobs: ({ payload: JobPayloads[N] } & EnqueueOptions)[],
  ): Promise<void> {
    if (jobs.length === 0) return;
    for (const job of jobs) {
      if (!VALID_JOB_ID.test(job.jobId)) throw new Error(`invalid job id for ${name}: ${job.jobId}`);
    }
    await this.queue(JOB_QUEUE[name]).addBulk(
      jobs.map((job) => ({
        name,
        data: job.payload,
        opts: {
          jobId: job.jobId,
          ...this.retryOptions(job.preset ?? 'standard'),
          removeOnComplete: { age: 24 * 3600, count: 10_000 },
          removeOnFail: false,
        },
      })),
    );
  }

  /** The preset's attempts and backoff; JOB_RETRY_DELAY_MS, when set (tests), replaces the first delay. */
  private retryOptions(preset: RetryPreset): Pick<JobsOptions, 'attempts' | 'backoff'> {
    const options: Pick<JobsOptions, 'attempts' | 'backoff'> = RETRY_PRESETS[preset];
    const delay = this.config.JOB_RETRY_DELAY_MS;
    if (!delay || typeof options.backoff !== 'object') return options;
    return { ...options, backoff: { ...options.backoff, delay } };
  }

  /** Last step of shutdown, after relays and workers stopped (they stop in onModuleDestroy). */
  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    this.connection.disconnect();
  }
}
