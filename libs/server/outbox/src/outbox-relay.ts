import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { outboxJobId } from '@academie/contracts';
import { AppConfig, JsonLogger } from '@academie/server-core';
import { QueueRegistry } from '@academie/server-queue';

const BATCH = 500;

/**
 * Hands open outbox events to BullMQ under the deterministic id `outbox-<id>`. An event stays open until its
 * handler closed it; one still open longer than OUTBOX_REDELIVER_AFTER_MS after its last relay is enqueued
 * again under the same id: if Redis still has the job, BullMQ ignores the add; if Redis lost it, it runs again.
 * Several workers may relay at once: rows are claimed with SKIP LOCKED and job ids make duplicates harmless.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly config: AppConfig,
    private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    const tick = () => {
      if (this.stopped) return;
      this.running = this.relayOnce()
        .then(() => undefined)
        .catch((error: Error) =>
          this.logger.event('warn', 'outbox relay failed, will retry', { errorMessage: error.message }, 'outbox'),
        )
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.config.OUTBOX_RELAY_INTERVAL_MS);
        });
    };
    tick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One pass: claims due events, enqueues them, and releases the claim of those Redis refused. Returns how many were relayed. */
  async relayOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed: { id: string }[] = await this.dataSource.query(
        // Wrapped in a SELECT so that the driver returns the rows (an UPDATE returns [rows, count]).
        `WITH claimed AS (
           UPDATE outbox_event SET enqueued_at = now(), relay_count = relay_count + 1
            WHERE id IN (
              SELECT id FROM outbox_event
               WHERE processed_at IS NULL
                 AND (enqueued_at IS NULL OR enqueued_at < now() - make_interval(secs => $1::double precision / 1000))
               ORDER BY id
               LIMIT $2
               FOR UPDATE SKIP LOCKED)
            RETURNING id)
         SELECT id FROM claimed ORDER BY id`,
        [this.config.OUTBOX_REDELIVER_AFTER_MS, BATCH],
      );
      if (claimed.length === 0) return total;
      const ids = claimed.map((row) => String(row.id));
      try {
        await this.queues.enqueueBulk(
          'outbox.deliver',
          ids.map((eventId) => ({ payload: { eventId }, jobId: outboxJobId(eventId), preset: 'standard' as const })),
        );
      } catch (error) {
        await this.dataSource.query(
          `UPDATE outbox_event SET enqueued_at = NULL WHERE id = ANY($1::bigint[]) AND processed_at IS NULL`,
          [ids],
        );
        throw error;
      }
      total += ids.length;
      this.logger.event('debug', 'outbox relayed', { count: ids.length }, 'outbox');
      if (claimed.length < BATCH) return total;
    }
  }
}
