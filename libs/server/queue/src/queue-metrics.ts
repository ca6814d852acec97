import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { QUEUES } from '@academie/contracts';
import { LATENCY_BUCKETS, MetricsRegistry } from '@academie/server-core';
import { QueueRegistry } from './queue.registry';

/** The job states shown per queue: what waits, what runs, what waits for a retry, what failed for good. */
export const QUEUE_DEPTH_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * The worker's job metrics: durations and failures by queue and job name (the names are constants of the
 * contracts, so the label set is bounded), and the depth of every queue read from Redis at each scrape.
 */
@Injectable()
export class QueueMetrics implements OnModuleInit {
  private readonly durations: Histogram<'queue' | 'job' | 'outcome'>;
  private readonly failures: Counter<'queue' | 'job'>;

  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly queues: QueueRegistry,
  ) {
    this.durations = new Histogram({
      name: 'academie_job_duration_seconds',
      help: 'Job runs by queue, job name and outcome (completed or failed): duration in seconds.',
      labelNames: ['queue', 'job', 'outcome'],
      // Jobs run longer than requests: a reconciliation or a retention purge takes seconds to minutes.
      buckets: [...LATENCY_BUCKETS, 30, 60, 300],
      registers: [metrics.registry],
    });
    this.failures = new Counter({
      name: 'academie_job_failures_total',
      help: 'Failed job runs (each failed attempt) by queue and job name.',
      labelNames: ['queue', 'job'],
      registers: [metrics.registry],
    });
  }

  onModuleInit(): void {
    const queues = this.queues;
    new Gauge({
      name: 'academie_queue_jobs',
      help: 'Jobs per queue and state (waiting, active, delayed, failed), read from Redis at each scrape.',
      labelNames: ['queue', 'state'],
      registers: [this.metrics.registry],
      async collect() {
        const counts = await Promise.all(Object.values(QUEUES).map(async (name) => [name, await queues.queue(name).getJobCounts(...QUEUE_DEPTH_STATES)] as const));
        for (const [queue, byState] of counts) {
          for (const state of QUEUE_DEPTH_STATES) this.set({ queue, state }, byState[state] ?? 0);
        }
      },
    });
  }

  /** One run of a job, as the worker host saw it. */
  observe(queue: string, job: string, seconds: number, failed: boolean): void {
    this.durations.observe({ queue, job, outcome: failed ? 'failed' : 'completed' }, seconds);
    if (failed) this.failures.inc({ queue, job });
  }
}
