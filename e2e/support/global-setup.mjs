// Starts the real platform once for the e2e suite: its own database (migrated and seeded by the real CLI)
// and Redis prefix on the machine's services, api + worker + web on free ports.
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { logDir, platformEnvFile, root, startPlatform } from './processes.mjs';
import { mailDir } from './mail.mjs';
import { SHARED_POSTGRES_URL, SHARED_REDIS_URL } from '../../libs/server/testing/cleanup.mjs';
import { startMailCapture } from '../../libs/server/testing/mail-capture.mjs';

export default async function globalSetup() {
  rmSync(logDir, { recursive: true, force: true });
  // The platform's e-mails go to a local SMTP server that writes them under tmp/e2e-mail (see mail.mjs).
  rmSync(mailDir, { recursive: true, force: true });
  const mail = await startMailCapture({ dir: mailDir });
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const db = new URL(SHARED_POSTGRES_URL);
  db.pathname = `/academie_e2e_${runId}`;
  const platform = await startPlatform({
    databaseUrl: db.toString(),
    redisUrl: SHARED_REDIS_URL,
    redisPrefix: `e2e-${runId}`,
    label: 'main',
    extraEnv: { SMTP_URL: mail.url },
  });
  globalThis.__ACADEMIE_E2E__ = { runId, platform, mail };
  process.env.E2E_RUN_ID = runId;
  process.env.E2E_API_URL = platform.apiUrl;
  process.env.E2E_WEB_URL = platform.webUrl;
  process.env.E2E_DATABASE_URL = db.toString();
  process.env.E2E_MAIL_DIR = mailDir;
  process.env.E2E_PLATFORM_ENV = JSON.stringify(platform.env);
  mkdirSync(join(root, 'tmp'), { recursive: true });
  writeFileSync(platformEnvFile, JSON.stringify(platform.env, null, 2), { mode: 0o600 });
}
