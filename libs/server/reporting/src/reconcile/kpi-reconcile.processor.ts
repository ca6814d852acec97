import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { JOB_QUEUE, type JobPayloads, type KpiReconciliationReport } from '@academie/contracts';
import { JsonLogger } from '@academie/server-core';
import { type JobHandler, JobProcessor, QueueRegistry, RETRY_PRESETS } from '@academie/server-queue';
import { reconcileKpis } from './reconciliation.service';

/** Every night at 03:30, Paris time. */
export const KPI_RECONCILE_SCHEDULE = { id: 'kpi-reconcile-nightly', pattern: '30 3 * * *', tz: 'Europe/Paris' };

/**
 * `kpi.reconcile`: recomputes the KPIs from the base tables and records the run (`kpi_reconciliation_run`); a run with
 * differences is logged as an error (counts only, no personal data). The worker (re)declares the nightly schedule at
 * each start, so it comes back even if Redis lost it.
 */
@Injectable()
@JobProcessor('kpi.reconcile')
export class KpiReconcileProcessor implements JobHandler<'kpi.reconcile'>, OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly logger: JsonLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.queues.queue(JOB_QUEUE['kpi.reconcile']).upsertJobScheduler(
        KPI_RECONCILE_SCHEDULE.id,
        { pattern: KPI_RECONCILE_SCHEDULE.pattern, tz: KPI_RECONCILE_SCHEDULE.tz },
        { name: 'kpi.reconcile', data: { trigger: 'nightly' }, opts: { ...RETRY_PRESETS.few, removeOnComplete: 100, removeOnFail: false } },
      );
    } catch (error) {
      this.logger.event('warn', 'kpi reconciliation not scheduled', { errorMessage: (error as Error).message }, 'reporting');
    }
  }

  async process({ trigger }: JobPayloads['kpi.reconcile']): Promise<Pick<KpiReconciliationReport, 'runId' | 'status' | 'differenceCount'>> {
    const report = await reconcileKpis(this.dataSource, { trigger: trigger === 'manual' ? 'manual' : 'nightly' });
    this.logger.event(
      report.status === 'ok' ? 'info' : 'error',
      'kpi reconciliation',
      { runId: report.runId, status: report.status, differenceCount: report.differenceCount, checked: report.checked, inFlightEvents: report.inFlightEvents },
      'reporting',
    );
    return { runId: report.runId, status: report.status, differenceCount: report.differenceCount };
  }
}
