// Starts the real platform once for the e2e suite: its own database (migrated and seeded by the real CLI)
// and Redis prefix on the machine's services, api + worker + web on free ports.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { logDir, startPlatform } from './processes.mjs';
import { SHARED_POSTGRES_URL, SHARED_REDIS_URL } from '../../libs/server/testing/cleanup.mjs';

export default async function globalSetup() {
  rmSync(logDir, { recursive: true, force: true });
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const db = new URL(SHARED_POSTGRES_URL);
  db.pathname = `/academie_e2e_${runId}`;
  const platform = await startPlatform({
    databaseUrl: db.toString(),
    redisUrl: SHARED_REDIS_URL,
    redisPrefix: `e2e-${runId}`,
    label: 'main',
  });
  globalThis.__ACADEMIE_E2E__ = { runId, platform };
  process.env.E2E_RUN_ID = runId;
  process.env.E2E_API_URL = platform.apiUrl;
  process.env.E2E_WEB_URL = platform.webUrl;
  process.env.E2E_DATABASE_URL = db.toString();
}
