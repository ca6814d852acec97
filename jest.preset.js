// Shared Jest settings: native ESM (NestJS 12, jose 6 and openid-client 6 are ESM-only), TypeScript
// through @swc/jest emitting ES modules with legacy decorators and their metadata.
import { workspaceAliases } from './scripts/paths.mjs';

const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true, tsx: true },
    target: 'es2023',
    keepClassNames: true,
    transform: {
      legacyDecorator: true,
      decoratorMetadata: true,
      useDefineForClassFields: false,
      react: { runtime: 'automatic' },
    },
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

export const moduleNameMapper = Object.fromEntries(
  Object.entries(workspaceAliases()).map(([alias, file]) => [`^${alias}$`, file]),
);

export const base = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'json'],
  transform: { '^.+\\.(ts|tsx)$': ['@swc/jest', swc] },
  moduleNameMapper,
  setupFiles: ['reflect-metadata'],
};
