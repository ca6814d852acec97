import 'reflect-metadata';
import { JsonLogger, loadConfigOrExit } from '@academie/server-core';
import { reconcileKpis } from '@academie/server-reporting';
import { createDataSource } from '../data-source';

/**
 * `npm run kpi:reconcile`: recomputes every KPI from the base tables, prints the differences with the rollups and
 * records the run (`kpi_reconciliation_run`). Exit 0 when there is none, 1 otherwise. `--rebuild` first replaces the
 * rollups by the recomputed figures (first deployment on existing data, repair): run it with the worker stopped.
 */
const config = loadConfigOrExit();
const say = (line: string) => process.stdout.write(`${line}\n`);
const rebuild = process.argv.includes('--rebuild');
const dataSource = createDataSource({ ...config, DATABASE_POOL_SIZE: 2 }, new JsonLogger('kpi-reconcile', config.LOG_LEVEL), 'academie-kpi-reconcile');
try {
  await dataSource.initialize();
  say(`Réconciliation des indicateurs${rebuild ? ' (reconstruction d’abord)' : ''} : recalcul depuis les tables de base…`);
  const started = Date.now();
  const report = await reconcileKpis(dataSource, { trigger: 'cli', rebuild, progress: say });
  for (const d of report.differences) {
    say(`  écart ${d.check} ${d.key} : attendu ${JSON.stringify(d.expected)}, trouvé ${JSON.stringify(d.actual)}`);
  }
  if (report.differenceCount > report.differences.length) say(`  … et ${report.differenceCount - report.differences.length} autre(s).`);
  const compared = Object.values(report.checked).reduce((a, b) => a + b, 0);
  say(
    `Réconciliation n° ${report.runId} : ${report.differenceCount} écart(s) sur ${compared} ligne(s) comparée(s), ` +
      `${report.inFlightEvents} événement(s) en cours laissé(s) de côté, ${Date.now() - started} ms.`,
  );
  process.exitCode = report.differenceCount === 0 ? 0 : 1;
} catch (error) {
  process.stderr.write(`Échec de la réconciliation : ${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  if (dataSource.isInitialized) await dataSource.destroy();
}
