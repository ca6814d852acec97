import { Module } from '@nestjs/common';
import { CellReader } from './read/cell-reader';
import { KpiCache } from './read/kpi-cache';
import { KpiChanges } from './read/kpi-changes';
import { KpiController } from './read/kpi.controller';
import { KpiReadService } from './read/kpi-read.service';
import { RollupSlices } from './read/rollup-slices';
import { KpiReconcileProcessor } from './reconcile/kpi-reconcile.processor';
import { ROLLUP_HANDLERS } from './rollup/rollup.handlers';
import { RollupWriter } from './rollup/rollup-writer';

/** The KPI routes of the API (ministry and admin): reads of the rollups only. */
@Module({ controllers: [KpiController], providers: [CellReader, KpiReadService, KpiCache, KpiChanges, RollupSlices] })
export class ReportingModule {}

/** For the worker: the `reporting` outbox subscribers that keep the rollups, and the nightly reconciliation. */
@Module({ providers: [RollupWriter, ...ROLLUP_HANDLERS, KpiReconcileProcessor] })
export class ReportingWorkerModule {}
