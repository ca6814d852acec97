import { base } from './jest.preset.js';

/**
 * Unit tests: beside the code, no database, no Redis. Also the tooling's pure logic (scripts/, e2e/support/),
 * written as ES modules (`*.spec.mjs`).
 */
export default {
  ...base,
  displayName: 'unit',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/scripts', '<rootDir>/e2e/support'],
  testMatch: ['**/*.spec.ts', '**/*.spec.tsx', '**/*.spec.mjs'],
};
