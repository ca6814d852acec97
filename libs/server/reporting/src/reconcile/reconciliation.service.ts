import type { DataSource } from 'typeorm';
import type { KpiReconciliationDifference, KpiReconciliationReport } from '@academie/contracts';
import { ACTIVITY, CELLS, CERTIFICATES, CHECKS, ENROLLMENTS, KPI_EVENT_TYPES, LEARNERS, PENDING, REBUILD, TRAINED } from './reconcile.sql';

export interface ReconcileOptions {
  trigger: 'cli' | 'nightly' | 'manual';
  /** Replace the rollups by the recomputed figures before comparing (worker stopped). */
  rebuild?: boolean;
  progress?: (line: string) => void;
}

const MAX_REPORTED = 100;

/**
 * Recomputes every KPI from the base tables in one REPEATABLE READ snapshot and compares it with the rollups; records
 * the run and its differences in `kpi_reconciliation_run`. Facts whose event is still on its way to the `reporting`
 * subscriber are left out of both sides (they are not a difference, only a delay). Plain functions over a DataSource:
 * used by the worker's nightly job and by `npm run kpi:reconcile`.
 */
export async function reconcileKpis(dataSource: DataSource, options: ReconcileOptions): Promise<KpiReconciliationReport> {
  const say = options.progress ?? (() => undefined);
  const [run] = (await dataSource.query(`INSERT INTO kpi_reconciliation_run (trigger) VALUES ($1) RETURNING id, started_at`, [options.trigger])) as {
    id: string;
    started_at: Date;
  }[];
  const runId = String(run.id);
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction('REPEATABLE READ');
    await runner.query(`SET LOCAL statement_timeout = 0`);
    await runner.query(`SET LOCAL work_mem = '128MB'`);
    const steps: [string, string, unknown[]?][] = [
      ['événements en route vers les indicateurs', PENDING, [KPI_EVENT_TYPES]],
      ['inscriptions et achèvements (enrollment, course_completion)', ENROLLMENTS],
      ['certificats (certificate, course_version)', CERTIFICATES],
      ['apprenants (app_user)', LEARNERS],
      ['personnes formées', TRAINED],
      ['compteurs par mois, public, région, secteur, taille et cours', CELLS],
      ['activité des 30 derniers jours', ACTIVITY],
    ];
    const total = steps.length + (options.rebuild ? 1 : 0) + CHECKS.length;
    let step = 0;
    for (const [label, sql, params] of steps) {
      const started = Date.now();
      await runner.query(sql, params);
      say(`  [${++step}/${total}] ${label} recalculés (${Date.now() - started} ms)`);
    }
    const [{ n: inFlight }] = (await runner.query(`SELECT count(*)::int AS n FROM rc_pending`)) as { n: number }[];
    if (options.rebuild) {
      const started = Date.now();
      for (const sql of REBUILD) await runner.query(sql);
      say(`  [${++step}/${total}] indicateurs reconstruits depuis les tables de base (${Date.now() - started} ms)`);
    }
    const checked: Record<string, number> = {};
    const differences: KpiReconciliationDifference[] = [];
    let differenceCount = 0;
    for (const check of CHECKS) {
      const started = Date.now();
      const [{ count }] = (await runner.query(check.compared)) as { count: string }[];
      checked[check.name] = Number(count);
      const rows = (await runner.query(`SELECT * FROM (${check.differences}) d(key, expected, actual) ORDER BY key`)) as {
        key: string;
        expected: unknown;
        actual: unknown;
      }[];
      differenceCount += rows.length;
      for (const row of rows.slice(0, Math.max(0, MAX_REPORTED - differences.length))) {
        differences.push({ check: check.name, key: row.key, expected: row.expected, actual: row.actual });
      }
      say(`  [${++step}/${total}] ${check.name} : ${checked[check.name]} ligne(s) comparée(s), ${rows.length} écart(s) (${Date.now() - started} ms)`);
    }
    await runner.commitTransaction();
    const status = differenceCount === 0 ? 'ok' : 'differences';
    const [done] = (await dataSource.query(
      `UPDATE kpi_reconciliation_run SET finished_at = clock_timestamp(), status = $2, checked = $3, difference_count = $4, differences = $5,
              in_flight_events = $6
        WHERE id = $1 RETURNING finished_at`,
      [runId, status, JSON.stringify(checked), differenceCount, JSON.stringify(differences), inFlight],
    ).then((r: unknown) => (Array.isArray(r) && Array.isArray(r[0]) ? r[0] : r))) as { finished_at: Date }[];
    return {
      runId,
      startedAt: run.started_at.toISOString(),
      finishedAt: done.finished_at.toISOString(),
      status,
      checked,
      differenceCount,
      differences,
      inFlightEvents: inFlight,
    };
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    await dataSource
      .query(`UPDATE kpi_reconciliation_run SET finished_at = clock_timestamp(), status = 'failed', error = $2 WHERE id = $1`, [
        runId,
        (error as Error).message.slice(0, 2000),
      ])
      .catch(() => undefined);
    throw error;
  } finally {
    await runner.release();
  }
}
