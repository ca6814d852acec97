import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { DiscoveryService } from '@nestjs/core';
import { type Job, Worker } from 'bullmq';
import { JOB_NAMES, JOB_QUEUE, type JobName, type QueueName, QUEUES } from '@academie/contracts';
import { AppConfig, JsonLogger } from '@academie/server-core';
import { JOB_PROCESSOR, type JobHandler } from './job-processor';
import { QueueMetrics } from './queue-metrics';
import { createRedis } from './redis';

/**
 * Runs one BullMQ worker per queue and dispatches each job to the processor of its name. Refuses to start
 * when a job name has no processor or two. On shutdown: takes no new job, lets running ones finish, closes.
 */
@Injectable()
export class WorkerHost implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly processors = new Map<JobName, JobHandler>();
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: AppConfig,
    private readonly logger: JsonLogger,
    private readonly metrics: QueueMetrics,
  ) {}

  onModuleInit(): void {
    const found = new Map<string, string[]>();
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.instance || !wrapper.metatype) continue;
      const name = Reflect.getMetadata(JOB_PROCESSOR, wrapper.metatype) as JobName | undefined;
      if (!name) continue;
      found.set(name, [...(found.get(name) ?? []), wrapper.name]);
      this.processors.set(name, wrapper.instance as JobHandler);
    }
    const problems: string[] = [];
    for (const name of JOB_NAMES) {
      const owners = found.get(name) ?? [];
      if (owners.length !== 1) problems.push(`${name}: ${owners.length} processors (${owners.join(', ') || 'none'})`);
    }
    for (const name of found.keys()) {
      if (!(JOB_NAMES as readonly string[]).includes(name)) problems.push(`${name}: unknown job name`);
    }
    if (problems.length) throw new Error(`job processors misconfigured: ${problems.join('; ')}`);
  }

  onApplicationBootstrap(): void {
    const queues = new Set<QueueName>(JOB_NAMES.map((name) => JOB_QUEUE[name]));
    for (const queueName of queues) {
      const connection = createRedis(this.config.REDIS_URL, 'worker', (error) =>
        this.logger.event('warn', 'redis connection error', { queue: queueName, errorMessage: error.message }, 'worker'),
      );
      this.connections.push(connection);
      const worker = new Worker(queueName, (job: Job) => this.dispatch(job), {
        connection,
        prefix: this.config.REDIS_PREFIX,
        // The outbox's jobs wait to be delivered together (OutboxDeliverProcessor): two batches' worth run at once.
        concurrency:
          queueName === QUEUES.outbox ? Math.max(this.config.WORKER_CONCURRENCY, 2 * this.config.OUTBOX_BATCH_SIZE) : this.config.WORKER_CONCURRENCY,
        lockDuration: this.config.WORKER_LOCK_DURATION_MS,
        stalledInterval: this.config.WORKER_LOCK_DURATION_MS,
        autorun: true,
      });
      worker.on('error', (error) =>
        this.logger.event('warn', 'worker error', { queue: queueName, errorMessage: error.message }, 'worker'),
      );
      worker.on('failed', (job, error) =>
        this.logger.event(
          'warn',
          'job failed',
          { queue: queueName, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, errorMessage: error.message },
          'worker',
        ),
      );
      this.workers.push(worker);
    }
    this.logger.event('info', 'job workers started', { queues: [...queues], jobs: [...this.processors.keys()] }, 'worker');
  }

  /** First step of shutdown: take no new job, let running ones finish, then close our connections. */
  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled(this.workers.map((worker) => worker.close()));
    for (const connection of this.connections) connection.disconnect();
  }

  private async dispatch(job: Job): Promise<unknown> {
    const processor = this.processors.get(job.name as JobName);
    if (!processor) throw new Error(`no processor for job ${job.name}`);
    const started = performance.now();
    let result: unknown;
    try {
      result = await processor.process(job.data, job);
    } catch (error) {
      this.metrics.observe(job.queueName, job.name, (performance.now() - started) / 1000, true);
      throw error;
    }
    this.metrics.observe(job.queueName, job.name, (performance.now() - started) / 1000, false);
    this.logger.event(
      'debug',
      'job done',
      { job: job.name, jobId: job.id, durationMs: Math.round(performance.now() - started) },
      'worker',
    );
    return result;
  }
}
