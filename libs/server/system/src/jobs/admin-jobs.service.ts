import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Job, Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import {
  type DiscardJobResponse,
  type FailedDelivery,
  type FailedJob,
  type FailedJobsResponse,
  type OutboxLag,
  QUEUES,
  type QueueDepth,
  type QueueName,
  type RetryJobResponse,
  outboxJobId,
} from '@academie/contracts';
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

/** The event id an `outbox.deliver` job carries, if it carries a well-formed one. */
function outboxEventIdOf(data: unknown): string | null {
  const eventId = (data as { eventId?: unknown } | null)?.eventId;
  return typeof eventId === 'string' && /^\d{1,18}$/.test(eventId) ? eventId : null;
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
        WHERE d.processed_at IS NULL AND d.last_error IS NOT NULL AND e.processed_at IS NULL
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

  /**
   * Removes a failed job for good; audited. An outbox job carries an event that would otherwise stay open and be
   * relayed again: its event is closed in the same transaction as the audit entry, which names the subscribers
   * whose effect will never happen (a decision an administrator takes knowingly, e.g. for an event about data
   * that no longer exists). 404 unknown, 409 not failed.
   */
  async discard(actor: AuthenticatedUser, queueName: QueueName, jobId: string): Promise<DiscardJobResponse> {
    const queue = this.queue(queueName);
    const job = await this.redisCall(() => queue.getJob(jobId));
    if (!job) throw SystemError.JobNotFound([{ field: 'jobId', reason: 'unknown in this queue' }]);
    const state = await this.redisCall(() => job.getState());
    if (state !== 'failed') throw SystemError.JobNotFailed([{ field: 'jobId', reason: `is ${state}` }]);
    const eventId = queueName === QUEUES.outbox ? outboxEventIdOf(job.data) : null;
    const undelivered = await this.dataSource.transaction(async (manager) => {
      let subscribers: string[] = [];
      if (eventId !== null) {
        // Locked: a retry elsewhere that delivers the event meanwhile makes this discard close nothing.
        const [event] = (await manager.query(`SELECT processed_at FROM outbox_event WHERE id = $1 FOR UPDATE`, [eventId])) as {
          processed_at: Date | null;
        }[];
        if (event && event.processed_at === null) {
          const rows = (await manager.query(
            `SELECT subscriber FROM outbox_delivery WHERE event_id = $1 AND processed_at IS NULL ORDER BY subscriber`,
            [eventId],
          )) as { subscriber: string }[];
          subscribers = rows.map((row) => row.subscriber);
          await manager.query(`UPDATE outbox_event SET processed_at = now() WHERE id = $1`, [eventId]);
        }
      }
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'job.discarded',
        targetType: 'job',
        targetId: `${queueName}/${jobId}`,
        details: {
          queue: queueName,
          jobId,
          name: job.name,
          attemptsMade: job.attemptsMade,
          ...(eventId !== null ? { eventId, undeliveredSubscribers: subscribers } : {}),
        },
      });
      // Removed inside the transaction, last: if Redis refuses, nothing is closed nor audited.
      try {
        await job.remove();
      } catch (error) {
        if ((await this.redisCall(() => queue.getJob(jobId))) === undefined) {
          throw SystemError.JobNotFailed([{ field: 'jobId', reason: 'was discarded already' }]);
        }
        throw error;
      }
      return subscribers;
    });
    return { queue: queueName, jobId, state: 'discarded', undeliveredSubscribers: undelivered };
  }

  /** `GET /api/admin/outbox`: open events (count, oldest, by type), failed deliveries by subscriber, queue depths. */
  async outboxLag(): Promise<OutboxLag> {
    // One snapshot: the figures are read at the same instant as `measuredAt`.
    const [[totals], byType, bySubscriber] = await this.dataSource.transaction('REPEATABLE READ', (manager) =>
      Promise.all([
        manager.query(
          `SELECT now() AS measured_at, count(*)::int AS open_events, min(created_at) AS oldest
             FROM outbox_event WHERE processed_at IS NULL`,
        ) as Promise<{ measured_at: Date; open_events: number; oldest: Date | null }[]>,
        manager.query(
          `SELECT type, count(*)::int AS open_events, min(created_at) AS oldest
             FROM outbox_event WHERE processed_at IS NULL GROUP BY type ORDER BY min(created_at), type`,
        ) as Promise<{ type: string; open_events: number; oldest: Date }[]>,
        manager.query(
          `SELECT d.subscriber, count(*)::int AS failed, min(e.created_at) AS oldest
             FROM outbox_delivery d JOIN outbox_event e ON e.id = d.event_id
            WHERE d.processed_at IS NULL AND d.last_error IS NOT NULL AND e.processed_at IS NULL
            GROUP BY d.subscriber ORDER BY d.subscriber`,
        ) as Promise<{ subscriber: string; failed: number; oldest: Date }[]>,
      ]),
    );
    let queues: QueueDepth[] | null = null;
    try {
      queues = [];
      for (const name of Object.values(QUEUES)) {
        const counts = await this.queue(name).getJobCounts('waiting', 'active', 'delayed', 'failed');
        queues.push({ queue: name, waiting: counts.waiting ?? 0, active: counts.active ?? 0, delayed: counts.delayed ?? 0, failed: counts.failed ?? 0 });
      }
    } catch (error) {
      // The database figures are still worth showing when Redis is down: the console says the queues are unknown.
      this.logger.event('warn', 'job store unavailable', { errorMessage: (error as Error).message }, 'system');
      queues = null;
    }
    const measuredAt = totals.measured_at;
    return {
      measuredAt: measuredAt.toISOString(),
      openEvents: totals.open_events,
      oldestOpenEventAt: totals.oldest?.toISOString() ?? null,
      oldestOpenAgeSeconds: totals.oldest ? Math.max(0, Math.floor((measuredAt.getTime() - totals.oldest.getTime()) / 1000)) : 0,
      byType: byType.map((row) => ({ type: row.type, openEvents: row.open_events, oldestOpenEventAt: row.oldest.toISOString() })),
      bySubscriber: bySubscriber.map((row) => ({
        subscriber: row.subscriber,
        failedDeliveries: row.failed,
        oldestFailedEventAt: row.oldest.toISOString(),
      })),
      queues,
    };
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
