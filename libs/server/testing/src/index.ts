export * from './run';
export * from './test-environment';
export * from './own-servers';
export * from './oidc-test-provider';
export * from './api-client';
export * from './identity-factory';
export * from '../mail-capture.mjs';
export * from './test-api';
export { DEMO_ACCOUNTS, type DemoAccount } from '@academie/server-database';
