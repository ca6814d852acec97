import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig, ChangeListener, JsonLogger } from '@academie/server-core';

/** The PostgreSQL channel on which every change to what the catalogue shows is announced. */
export const CATALOG_CHANGED_CHANNEL = 'catalog_changed';

export interface CatalogCacheOptions {
  /**
   * Entries kept at most (least recently used dropped first); 0 turns the cache off. A big entry (the catalogue
   * index, the matches of a broad text) counts as several: see `get`'s `cost`.
   */
  maxEntries: number;
  /** A safety net: an entry older than this is computed again even without a change notice. */
  ttlMs: number;
}

export const CATALOG_CACHE_OPTIONS = Symbol('CATALOG_CACHE_OPTIONS');
export const DEFAULT_CATALOG_CACHE_OPTIONS: CatalogCacheOptions = { maxEntries: 2_000, ttlMs: 60_000 };

/**
 * Announces a catalogue change inside the caller's transaction: PostgreSQL delivers the notice at commit,
 * to every API process, and not at all on rollback.
 */
export async function announceCatalogChange(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_notify($1, '')`, [CATALOG_CHANGED_CHANNEL]);
}

interface Entry {
  value: Promise<unknown>;
  expiresAt: number;
  cost: number;
}

/**
 * Search answers (results and facets) kept in memory until the catalogue changes. Each API process
 * LISTENs on `catalog_changed` (publication, archive, synonyms): a notice empties the cache. While the
 * listening connection is down the cache is bypassed, so a process never serves an answer older than
 * the last change it could have missed.
 */
@Injectable()
export class CatalogCache implements OnModuleInit, OnModuleDestroy {
  private readonly entries = new Map<string, Entry>();
  private totalCost = 0;
  private readonly options: CatalogCacheOptions;
  private generation = 0;
  private readonly listener: ChangeListener;

  constructor(
    config: AppConfig,
    logger: JsonLogger,
    @Optional() @Inject(CATALOG_CACHE_OPTIONS) options?: CatalogCacheOptions,
  ) {
    this.options = options ?? DEFAULT_CATALOG_CACHE_OPTIONS;
    this.listener = new ChangeListener({
      url: config.DATABASE_URL,
      channel: CATALOG_CHANGED_CHANNEL,
      applicationName: 'academie-catalog-listener',
      logger,
      context: 'catalog',
      lostMessage: 'catalogue cache listener lost: cache bypassed until it is back',
      onChange: () => this.invalidate(),
    });
  }

  get enabled(): boolean {
    return this.options.maxEntries > 0 && this.listener.listening;
  }

  async onModuleInit(): Promise<void> {
    if (this.options.maxEntries > 0) await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener.stop();
  }

  /**
   * The cached value of the key, or the computed one (computed once for concurrent callers). `cost` weighs the
   * value, in entries, once computed (1 by default), so that the cache's memory stays bounded by `maxEntries`
   * small answers whatever mix it holds.
   */
  async get<T>(key: string, compute: () => Promise<T>, cost?: (value: T) => number): Promise<T> {
    if (!this.enabled) return compute();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) {
      this.entries.delete(key); // most recently used goes last
      this.entries.set(key, hit);
      return hit.value as Promise<T>;
    }
    if (hit) this.remove(key);
    const generation = this.generation;
    const value = compute();
    const entry: Entry = { value, expiresAt: now + this.options.ttlMs, cost: 1 };
    this.entries.set(key, entry);
    this.totalCost += entry.cost;
    this.evict(key);
    try {
      const result = await value;
      if (cost && this.entries.get(key) === entry) {
        const weight = Math.max(1, Math.ceil(cost(result)));
        this.totalCost += weight - entry.cost;
        entry.cost = weight;
        this.evict(key);
      }
      return result;
    } catch (error) {
      if (this.entries.get(key) === entry) this.remove(key);
      throw error;
    } finally {
      // Computed across a change: it may hold the old catalogue, so nobody else gets it.
      if (generation !== this.generation && this.entries.get(key) === entry) this.remove(key);
    }
  }

  /** Counts the changes forgotten so far: a value computed under another generation may hold an old catalogue. */
  get generationNow(): number {
    return this.generation;
  }

  /** Forgets everything (this process changed the catalogue, or another one announced it). */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
    this.totalCost = 0;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.totalCost -= entry.cost;
  }

  /** Drops the least recently used entries until the cache fits, never the one just stored (`keep`). */
  private evict(keep: string): void {
    for (const key of this.entries.keys()) {
      if (this.totalCost <= this.options.maxEntries) return;
      if (key !== keep) this.remove(key);
    }
  }
}
