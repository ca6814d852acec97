import { base } from '../jest.preset.js';

/**
 * End-to-end tests against the real, built processes (run `npm run build` first; `npm test` does):
 * HTTP for the API, Chromium (Debian's, driven by playwright-core) for the web.
 */
export default {
  ...base,
  displayName: 'e2e',
  rootDir: '..',
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/e2e/support/global-setup.mjs',
  globalTeardown: '<rootDir>/e2e/support/global-teardown.mjs',
  maxWorkers: 2,
  testTimeout: 120_000,
};
