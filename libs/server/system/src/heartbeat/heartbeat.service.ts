import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig, JsonLogger } from '@academie/server-core';

/** The worker's sign of life, written to PostgreSQL every few seconds and read by `GET /api/health/worker`. */
@Injectable()
export class HeartbeatService implements OnApplicationBootstrap, OnModuleDestroy {
  readonly workerId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  private readonly startedAt = new Date();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    void this.beat();
    this.timer = setInterval(() => void this.beat(), this.config.WORKER_HEARTBEAT_INTERVAL_MS);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async beat(): Promise<void> {
    try {
      await this.dataSource.query(
        `INSERT INTO worker_heartbeat (worker_id, host, pid, started_at, beat_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT ON CONSTRAINT pk_worker_heartbeat DO UPDATE SET beat_at = now()`,
        [this.workerId, hostname(), process.pid, this.startedAt],
      );
      // Forget workers gone for a day, so that the table stays small.
      await this.dataSource.query(`DELETE FROM worker_heartbeat WHERE beat_at < now() - interval '1 day'`);
    } catch (error) {
      this.logger.event('warn', 'heartbeat failed', { errorMessage: (error as Error).message }, 'worker');
    }
  }
}
