import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Job, Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { type FailedDelivery, type FailedJob, type FailedJobsResponse, QUEUES, type QueueName, type RetryJobResponse, outboxJobId } from '@academie/contracts';
import { JsonLogger } from '@academie/server-core';
import { type AuthenticatedUser, AuditService } from '@academie/server-identity';
import { RequestRedis } from '@academie/server-queue';
import { SystemError } from '../system.errors';

const DEFAULT_LIMIT = 50;

interface DeliveryRow {
  event_id: string;
  type: string;
  subscriber: string;
  attempts: number;
  last_error: string;
  created_at: Date;
}

const toFailedJob = (queue: QueueName, job: Job): FailedJob => ({
  queue,
  jobId: String(job.id),
  name: job.name,
  data: job.data,
  attemptsMade: job.attemptsMade,
  maxAttempts: job.opts.attempts ?? 1,
  failedReason: job.failedReason ?? '',
  failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
});

/**
 * What went wrong in the background, for administrators: the jobs that exhausted their retries in every queue
 * (BullMQ keeps them: `removeOnFail: false`) and the outbox deliveries whose last attempt failed, with their
 * error; and retrying a failed job. Reads Redis through the API's fail-fast connection: a Redis outage answers
 * 503 here, not a hang.
 */
@Injectable()
export class AdminJobsService implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RequestRedis,
    private readonly audit: AuditService,
    private readonly logger: JsonLogger,
  ) {}

  async failed(limit = DEFAULT_LIMIT): Promise<FailedJobsResponse> {
    const jobs: FailedJob[] = [];
    for (const name of Object.values(QUEUES)) {
      const failed = await this.redisCall(() => this.queue(name).getFailed(0, limit - 1));
      jobs.push(...failed.filter((job): job is Job => Boolean(job)).map((job) => toFailedJob(name, job)));
    }
    const rows: DeliveryRow[] = await this.dataSource.query(
      `SELECT d.event_id, e.type, d.subscriber, d.attempts, d.last_error, e.created_at
         FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id
        WHERE d.processed_at IS NULL AND d.last_error IS NOT NULL
        ORDER BY d.event_id, d.subscriber
        LIMIT $1`,
      [limit],
    );
    const deliveries = rows.map(
      (row): FailedDelivery => ({
        queue: QUEUES.outbox,
        jobId: outboxJobId(String(row.event_id)),
        eventId: String(row.event_id),
        eventType: row.type,
        subscriber: row.subscriber,
        attempts: row.attempts,
        lastError: row.last_error,
        eventCreatedAt: row.created_at.toISOString(),
      }),
    );
    return { jobs, deliveries };
  }

  /** Moves a failed job back to waiting, its attempts counted anew; audited. 404 unknown, 409 not failed. */
  async retry(actor: AuthenticatedUser, queueName: QueueName, jobId: string): Promise<RetryJobResponse> {
    const queue = this.queue(queueName);
    const job = await this.redisCall(() => queue.getJob(jobId));
    if (!job) throw SystemError.JobNotFound([{ field: 'jobId', reason: 'unknown in this queue' }]);
    const state = await this.redisCall(() => job.getState());
    if (state !== 'failed') throw SystemError.JobNotFailed([{ field: 'jobId', reason: `is ${state}` }]);
    try {
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    } catch (error) {
      // Another administrator (or process) retried it between our read and our move.
      if ((await this.redisCall(() => job.getState())) !== 'failed') throw SystemError.JobNotFailed([{ field: 'jobId', reason: 'was retried already' }]);
      throw error;
    }
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, {
        actorId: actor.id,
        action: 'job.retried',
        targetType: 'job',
        targetId: `${queueName}/${jobId}`,
        details: { queue: queueName, jobId, name: job.name, attemptsMade: job.attemptsMade },
      }),
    );
    return { queue: queueName, jobId, state: 'waiting' };
  }

  async onApplicationShutdown(): Promise<void> {
    // The connection is the API's RequestRedis: shared, closed by its own module.
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis.client, prefix: this.redis.prefix });
      queue.on('error', () => undefined); // reported by the shared connection
      this.queues.set(name, queue);
    }
    return queue;
  }

  private async redisCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      this.logger.event('warn', 'job store unavailable', { errorMessage: (error as Error).message }, 'system');
      throw SystemError.JobStoreUnavailable();
    }
  }
}
