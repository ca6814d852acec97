// Drops the run's databases and Redis keys: nothing of a test run outlives it.
import { deleteRedisKeysWithPrefix, dropDatabasesWithPrefix } from './cleanup.mjs';

export default async function globalTeardown() {
  const runId = process.env.ACADEMIE_TEST_RUN_ID;
  if (!runId) return;
  await dropDatabasesWithPrefix(`academie_test_${runId}`);
  await deleteRedisKeysWithPrefix(`test-${runId}`);
}
