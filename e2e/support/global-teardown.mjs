import { deleteRedisKeysWithPrefix, dropDatabasesWithPrefix } from '../../libs/server/testing/cleanup.mjs';
import { describeFindings, fixtureValues, scanLogDirectory } from './log-scan.mjs';
import { logDir, root } from './processes.mjs';

/**
 * Stops the platform gracefully (SIGTERM), checks each process exited cleanly, drops the run's data, then scans
 * the logs of every process the run started (tmp/e2e-logs) for personal data and tokens: the last check of the
 * run, on complete logs, failing the run on any finding (e2e/support/log-scan.mjs, docs/security.md).
 */
export default async function globalTeardown() {
  const state = globalThis.__ACADEMIE_E2E__;
  if (!state) return;
  const codes = await Promise.all(state.platform.processes.map(async (p) => [p.label, await p.stop()]));
  await state.mail?.close();
  await dropDatabasesWithPrefix(`academie_e2e_${state.runId}`);
  await deleteRedisKeysWithPrefix(`e2e-${state.runId}`);
  const unclean = codes.filter(([, code]) => code !== 0);
  if (unclean.length) {
    throw new Error(`processes did not stop cleanly on SIGTERM: ${unclean.map(([l, c]) => `${l}=${c}`).join(', ')}`);
  }

  const scan = scanLogDirectory(logDir, { fixtures: fixtureValues(root) });
  console.log(`[log-scan] ${scan.files} log files, ${(scan.bytes / 1024).toFixed(0)} KB scanned: ${scan.findings.length} findings`);
  if (scan.files === 0 || scan.bytes === 0) {
    throw new Error(`log scan: no log to read in ${logDir}: the processes' output did not reach the scan`);
  }
  if (scan.findings.length) {
    throw new Error(`personal data or tokens in the e2e logs (${logDir}):\n${describeFindings(scan.findings)}`);
  }
}
