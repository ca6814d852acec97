import { base } from './jest.preset.js';

/** Unit tests: beside the code, no database, no Redis. */
export default {
  ...base,
  displayName: 'unit',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs'],
  testMatch: ['**/*.spec.ts', '**/*.spec.tsx'],
};
