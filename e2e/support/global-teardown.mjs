import { deleteRedisKeysWithPrefix, dropDatabasesWithPrefix } from '../../libs/server/testing/cleanup.mjs';

/** Stops the platform gracefully (SIGTERM), checks each process exited cleanly, and drops the run's data. */
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
}
