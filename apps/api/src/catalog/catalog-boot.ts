// Boots the API in-process for a catalogue test file: its own database cloned from the migrated template.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import type { AppConfig, JsonLogger } from '@academie/server-core';
import { createDataSource, seedDemoData } from '@academie/server-database';
import { createApiApp } from '../bootstrap';
import { CatalogKit } from './catalog-kit';

export async function bootCatalogApi(url: string, config: AppConfig, logger: JsonLogger, seed = true): Promise<CatalogKit> {
  if (seed) {
    const seedSource = createDataSource({ DATABASE_URL: url, DATABASE_POOL_SIZE: 1 });
    await seedSource.initialize();
    await seedDemoData(seedSource);
    await seedSource.destroy();
  }
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const app: NestFastifyApplication = await createApiApp(config, logger);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return new CatalogKit(app, db);
}

export async function stopCatalogApi(kit: CatalogKit | undefined): Promise<void> {
  await kit?.app.close();
  await kit?.db.end();
}
