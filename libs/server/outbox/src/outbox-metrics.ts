import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { MetricsRegistry } from '@academie/server-core';

/** Open events are counted up to this many: the count stays one cheap index scan whatever the backlog. */
export const OUTBOX_OPEN_COUNT_CAP = 100_000;

/**
 * The outbox's lag on the worker's metrics, computed at each scrape with one query on the partial index of open
 * events (`ix_outbox_event_open`): how many are open (capped) and the age of the oldest. A growing age means events
 * wait: the worker is down, a handler fails, or Redis lost jobs that the relay will hand again.
 */
@Injectable()
export class OutboxMetrics implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly metrics: MetricsRegistry,
  ) {}

  onModuleInit(): void {
    let pending: Promise<{ open: number; age: number }> | null = null;
    // Both gauges read one query per scrape: the first collect starts it, the second reuses it.
    const read = () => {
      pending ??= this.lag().finally(() => setTimeout(() => (pending = null), 0));
      return pending;
    };
    new Gauge({
      name: 'academie_outbox_open_events',
      help: `Outbox events not yet processed (counted up to ${OUTBOX_OPEN_COUNT_CAP}).`,
      registers: [this.metrics.registry],
      async collect() {
        this.set((await read()).open);
      },
    });
    new Gauge({
      name: 'academie_outbox_oldest_open_event_age_seconds',
      help: 'Age in seconds of the oldest outbox event not yet processed (0 when none is open).',
      registers: [this.metrics.registry],
      async collect() {
        this.set((await read()).age);
      },
    });
  }

  private async lag(): Promise<{ open: number; age: number }> {
    const [row] = (await this.dataSource.query(
      `SELECT (SELECT count(*)::int FROM (SELECT 1 FROM outbox_event WHERE processed_at IS NULL LIMIT ${OUTBOX_OPEN_COUNT_CAP}) o) AS open,
              coalesce(extract(epoch FROM now() - (SELECT min(created_at) FROM outbox_event WHERE processed_at IS NULL)), 0)::float8 AS age`,
    )) as { open: number; age: number }[];
    return { open: row.open, age: Math.max(0, row.age) };
  }
}
