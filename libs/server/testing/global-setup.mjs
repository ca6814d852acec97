// Jest global setup of the integration tests. Plain JS: Jest loads global setup outside its module mapper,
// so it uses the server build (`npm run build:server`, run by `npm run test:int` first).
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';

const SHARED_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Migrates one template database for the whole run; each test file clones it (CREATE DATABASE ... TEMPLATE). */
export default async function globalSetup() {
  const { createDataSource, ensureDatabase, runMigrations } = await import(
    '../../../dist/server/libs/server/database/src/index.js'
  );
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const template = `academie_test_${runId}_template`;
  const url = new URL(SHARED_POSTGRES_URL);
  url.pathname = `/${template}`;
  await ensureDatabase(url.toString());
  const dataSource = createDataSource({ DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: 2 });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
  process.env.ACADEMIE_TEST_RUN_ID = runId;
  process.env.ACADEMIE_TEST_TEMPLATE_DB = template;
}
