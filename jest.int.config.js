import { base } from './jest.preset.js';

/**
 * Integration tests on real PostgreSQL and Redis: the global setup migrates a template database for this run;
 * each Jest worker clones its own database from it and uses its own Redis key prefix; all are dropped at the end.
 */
export default {
  ...base,
  displayName: 'integration',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs'],
  testMatch: ['**/*.int-spec.ts'],
  globalSetup: '<rootDir>/libs/server/testing/global-setup.mjs',
  globalTeardown: '<rootDir>/libs/server/testing/global-teardown.mjs',
  maxWorkers: 2,
  testTimeout: 60_000,
};
