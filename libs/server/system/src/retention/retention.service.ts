import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig, JsonLogger } from '@academie/server-core';
import { RETENTION_TARGETS, type RetentionKind, type RetentionTarget } from './retention-targets';

export type RetentionRun = Record<RetentionKind, number>;

/**
 * Deletes what is older than its retention period, kind by kind, in batches of RETENTION_BATCH_SIZE rows: each batch
 * is one short statement (its own transaction), oldest rows first through the index on their time, so that locks, WAL
 * bursts and replication lag stay small however much is due. Rows locked by a running transaction are skipped and
 * left for the next run. Logs counts only, never a row.
 */
@Injectable()
export class RetentionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly logger: JsonLogger,
  ) {}

  async purge(): Promise<RetentionRun> {
    const run = {} as RetentionRun;
    for (const target of RETENTION_TARGETS) run[target.kind] = await this.purgeOne(target);
    this.logger.event('info', 'retention purge', { deleted: run }, 'retention');
    return run;
  }

  private async purgeOne(target: RetentionTarget): Promise<number> {
    const days = this.config[target.setting];
    const batch = this.config.RETENTION_BATCH_SIZE;
    // Table and column names come from RETENTION_TARGETS, never from input.
    const sql = `
      WITH doomed AS (
        SELECT ${target.key} FROM ${target.table}
         WHERE ${target.stored} < now() - make_interval(days => $1)
         ORDER BY ${target.stored}, ${target.key}
         LIMIT $2
           FOR UPDATE SKIP LOCKED),
      gone AS (DELETE FROM ${target.table} t USING doomed d WHERE t.${target.key} = d.${target.key} RETURNING 1)
      SELECT count(*)::int AS deleted FROM gone`;
    let total = 0;
    for (;;) {
      const [{ deleted }] = (await this.dataSource.query(sql, [days, batch])) as { deleted: number }[];
      total += deleted;
      if (deleted < batch) return total;
    }
  }
}
