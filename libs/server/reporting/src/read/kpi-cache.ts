import { Injectable, Optional } from '@nestjs/common';
import { AppConfig } from '@academie/server-core';
import { KpiChanges } from './kpi-changes';

const MAX_ENTRIES = 500;

/**
 * Answers of the KPI routes, kept until the rollups change (a `kpi_changed` notice, see KpiChanges) and at most 60 s,
 * but always reusable KPI_CACHE_SECONDS (10 s by default, 0 to turn the cache off): the rollups move with every event,
 * and a dashboard a few seconds old is what the ministry reads anyway. Without the listener (a test's bare cache, a
 * lost connection) an answer lives KPI_CACHE_SECONDS. Concurrent identical requests share one computation. Bounded in
 * entries (least recently used out first); every value kept is an answer of a route (a few kB to a few tens of kB).
 * Per process: never shared, never holds personal data.
 */
@Injectable()
export class KpiCache {
  private readonly entries = new Map<string, { readAt: number; generation: number; value: Promise<unknown> }>();

  constructor(
    private readonly config: AppConfig,
    @Optional() private readonly changes?: KpiChanges,
  ) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const ttl = this.config.KPI_CACHE_SECONDS * 1000;
    if (ttl <= 0) return compute();
    const now = Date.now();
    const hit = this.entries.get(key);
    this.entries.delete(key);
    if (hit && (this.changes ? this.changes.isCurrent(hit.readAt, hit.generation, now) : now - hit.readAt < ttl)) {
      this.entries.set(key, hit); // most recently used goes last
      return hit.value as Promise<T>;
    }
    const generation = this.changes?.generation ?? 0;
    const value = compute();
    this.entries.set(key, { readAt: now, generation, value });
    value.catch(() => this.entries.delete(key));
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}
