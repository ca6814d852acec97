import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DependencyStatus, WorkerHealthResponse } from '@academie/contracts';
import { AppConfig } from '@academie/server-core';
import { RequestRedis } from '@academie/server-queue';

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Readiness of the API's own dependencies. The worker is reported apart: a dead worker never takes the API down. */
@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly redis: RequestRedis,
  ) {}

  async checks(): Promise<DependencyStatus[]> {
    return Promise.all([
      this.check('postgres', () => this.dataSource.query('SELECT 1')),
      this.check('redis', () => this.redis.client.ping()),
    ]);
  }

  async worker(): Promise<WorkerHealthResponse> {
    const staleAfterSeconds = this.config.WORKER_STALE_AFTER_SECONDS;
    const [row] = await withTimeout(
      this.dataSource.query(
        `SELECT max(beat_at) AS last, extract(epoch FROM now() - max(beat_at))::float AS age FROM worker_heartbeat`,
      ),
      CHECK_TIMEOUT_MS,
    );
    if (!row?.last) return { status: 'unknown', lastHeartbeatAt: null, ageSeconds: null, staleAfterSeconds };
    const ageSeconds = Math.max(0, Math.round(Number(row.age)));
    return {
      status: ageSeconds <= staleAfterSeconds ? 'ok' : 'stale',
      lastHeartbeatAt: new Date(row.last).toISOString(),
      ageSeconds,
      staleAfterSeconds,
    };
  }

  private async check(name: DependencyStatus['name'], probe: () => Promise<unknown>): Promise<DependencyStatus> {
    const started = performance.now();
    try {
      await withTimeout(probe(), CHECK_TIMEOUT_MS);
      return { name, ok: true, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      return { name, ok: false, error: (error as Error).message.slice(0, 200) || 'unreachable' };
    }
  }
}
