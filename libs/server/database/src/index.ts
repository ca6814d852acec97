export * from './data-source';
export * from './database.module';
export * from './snake-naming.strategy';
export * from './admin';
export * from './seeds/seed';
export { SEED_COURSES } from './seeds/catalog.seed-data';
export { DEMO_ACCOUNTS, type DemoAccount } from './seeds/demo-accounts.seed-data';
