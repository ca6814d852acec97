import pg from 'pg';
import type { AppConfig, JsonLogger } from '@academie/server-core';
import { createDataSource, seedDemoData } from '@academie/server-database';
import { ApiClient, type InjectableApp } from './api-client';
import { MemoryLogger, createTestDatabase, testConfig } from './test-environment';

export interface StartableApp extends InjectableApp {
  init(): Promise<unknown>;
  close(): Promise<void>;
}

export interface TestApi<App extends StartableApp> {
  app: App;
  api: ApiClient;
  /** A direct connection to the test's database, to look at what the API wrote. */
  db: pg.Client;
  databaseUrl: string;
  config: AppConfig;
  logger: MemoryLogger;
  close(): Promise<void>;
}

/** The demo data (catalogue, and the demo accounts unless `accounts` is false) loaded into a test database. */
export async function seedTestDatabase(databaseUrl: string, { accounts = true }: { accounts?: boolean } = {}): Promise<void> {
  const seedSource = createDataSource({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 1 });
  await seedSource.initialize();
  try {
    await seedDemoData(seedSource, () => undefined, { accounts });
  } finally {
    await seedSource.destroy();
  }
}

/**
 * The API in-process on a database of its own (cloned from the migrated template), optionally seeded with the
 * demo data (catalogue and one account per role). `create` is `createApiApp` of apps/api.
 */
export async function startTestApi<App extends StartableApp>(
  create: (config: AppConfig, logger: JsonLogger) => Promise<App>,
  options: {
    overrides?: Record<string, string>;
    seed?: boolean;
    databaseUrl?: string;
    /** Runs after the app is built and before `init()` registers its routes (to add Fastify hooks). */
    beforeInit?: (app: App) => void | Promise<void>;
  } = {},
): Promise<TestApi<App>> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  if (options.seed) await seedTestDatabase(databaseUrl);
  const db = new pg.Client({ connectionString: databaseUrl });
  db.on('error', () => undefined);
  await db.connect();
  const config = testConfig({ DATABASE_URL: databaseUrl, ...options.overrides });
  const logger = new MemoryLogger('api');
  const app = await create(config, logger);
  await options.beforeInit?.(app);
  await app.init();
  return {
    app,
    api: new ApiClient(app),
    db,
    databaseUrl,
    config,
    logger,
    async close() {
      await app.close();
      await db.end();
    },
  };
}
