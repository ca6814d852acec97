import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { AppConfig, ChangeListener, JsonLogger } from '@academie/server-core';

/** The channel on which every change to a rollup the KPI routes read is announced (migration KpiChangeNotice). */
export const KPI_CHANGED_CHANNEL = 'kpi_changed';

/**
 * The rollups' generation as this process knows it: LISTENs on `kpi_changed` and counts the notices. A value read at
 * generation g is current while the generation is still g (PostgreSQL sends the notice after the writer's commit, so a
 * read that started before a change ends with a newer generation). While the listening connection is down,
 * `listening` is false and the readers fall back to their time limit alone (KPI_CACHE_SECONDS).
 */
@Injectable()
export class KpiChanges implements OnModuleInit, OnModuleDestroy {
  private current = 0;
  private readonly listener: ChangeListener;

  constructor(
    private readonly config: AppConfig,
    logger: JsonLogger,
  ) {
    this.listener = new ChangeListener({
      url: config.DATABASE_URL,
      channel: KPI_CHANGED_CHANNEL,
      applicationName: 'academie-kpi-listener',
      logger,
      context: 'reporting',
      lostMessage: 'KPI change listener lost: KPI reads kept KPI_CACHE_SECONDS at most until it is back',
      onChange: () => this.changed(),
    });
  }

  /** Whether notices can arrive now (false while the listening connection is down: time limits alone apply). */
  get listening(): boolean {
    return this.listener.listening;
  }

  get generation(): number {
    return this.current;
  }

  async onModuleInit(): Promise<void> {
    if (this.config.KPI_CACHE_SECONDS > 0) await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener.stop();
  }

  /**
   * Whether a value read at `readAt` (ms) when the generation was `generation` may still be served: always within
   * KPI_CACHE_SECONDS (so that a steady stream of events does not make every request read again: the documented
   * delay); beyond, while no change was announced since and for at most MAX_AGE_MS. Never when KPI_CACHE_SECONDS is 0.
   */
  isCurrent(readAt: number, generation: number, now = Date.now()): boolean {
    const ttl = this.config.KPI_CACHE_SECONDS * 1000;
    if (ttl <= 0) return false;
    const age = now - readAt;
    return age < ttl || (this.listening && generation === this.current && age < KpiChanges.MAX_AGE_MS);
  }

  /** A safety net: a value older than this is read again even without a notice. */
  static readonly MAX_AGE_MS = 60_000;

  /** A change was announced (or may have been missed): whatever was read before is out of date. */
  changed(): void {
    this.current++;
  }
}
