// The reporting context's public face: KPI rollups, their reconciliation, the ministry's KPI routes.
export { ReportingModule, ReportingWorkerModule } from './reporting.module';
export { reconcileKpis, type ReconcileOptions } from './reconcile/reconciliation.service';
export { KPI_RECONCILE_SCHEDULE } from './reconcile/kpi-reconcile.processor';
export { REPORTING_SUBSCRIBER } from './rollup/rollup.handlers';
export { suppress, gridLines, oneLine, type SuppressionLine } from './suppression/suppression';
export { ReportingError } from './reporting.errors';
export { RollupSlices } from './read/rollup-slices';
