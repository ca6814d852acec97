import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { JobPayloads, KpiReconciliationReport } from '@academie/contracts';
import { JsonLogger } from '@academie/server-core';
import { type JobHandler, JobProcessor, JobSchedules } from '@academie/server-queue';
import { reconcileKpis } from './reconciliation.service';

/** Every night at 03:30, Paris time. */
export const KPI_RECONCILE_SCHEDULE = { id: 'kpi-reconcile-nightly', pattern: '30 3 * * *', tz: 'Europe/Paris' };

/**
 * `kpi.reconcile`: recomputes the KPIs from the base tables and records the run (`kpi_reconciliation_run`); a run with
 * differences is logged as an error (counts only, no personal data). The nightly schedule is kept declared by
 * `JobSchedules` (it comes back within a minute if Redis lost it).
 */
@Injectable()
@JobProcessor('kpi.reconcile')
export class KpiReconcileProcessor implements JobHandler<'kpi.reconcile'>, OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly schedules: JobSchedules,
    private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.schedules.declare({ id: KPI_RECONCILE_SCHEDULE.id, name: 'kpi.reconcile', pattern: KPI_RECONCILE_SCHEDULE.pattern, data: { trigger: 'nightly' } });
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
