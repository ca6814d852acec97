import { Injectable } from '@nestjs/common';
import { AppConfig } from '@academie/server-core';

const MAX_ENTRIES = 2_000;

/**
 * Answers of the KPI routes kept KPI_CACHE_SECONDS (10 s by default, 0 to turn off): the rollups move with every
 * event, and a dashboard a few seconds old is what the ministry reads anyway. Concurrent identical requests share one
 * computation. Bounded in entries (oldest out first). Per process: never shared, never holds personal data.
 */
@Injectable()
export class KpiCache {
  private readonly entries = new Map<string, { expires: number; value: Promise<unknown> }>();

  constructor(private readonly config: AppConfig) {}

  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const ttl = this.config.KPI_CACHE_SECONDS * 1000;
    if (ttl <= 0) return compute();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value as Promise<T>;
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { expires: now + ttl, value });
    value.catch(() => this.entries.delete(key));
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}
