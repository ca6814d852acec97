import 'reflect-metadata';
import { JsonLogger, loadConfigOrExit } from '@academie/server-core';
import { ensureDatabase, parseDatabaseUrl, runMigrations } from '../admin';
import { createDataSource } from '../data-source';

/** `npm run db:migrate`: creates the database if missing, then applies pending migrations. */
const config = loadConfigOrExit();
const say = (line: string) => process.stdout.write(`${line}\n`);
try {
  const { database } = parseDatabaseUrl(config.DATABASE_URL);
  if (await ensureDatabase(config.DATABASE_URL)) say(`Base « ${database} » créée.`);
  const dataSource = createDataSource(config, new JsonLogger('migrate', config.LOG_LEVEL), 'academie-migrate');
  await dataSource.initialize();
  try {
    await runMigrations(dataSource, say);
  } finally {
    await dataSource.destroy();
  }
} catch (error) {
  process.stderr.write(`Échec des migrations : ${(error as Error).message}\n`);
  process.exit(1);
}
