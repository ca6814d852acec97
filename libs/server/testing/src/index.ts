export * from './run';
export * from './test-environment';
export * from './own-servers';
export * from './oidc-test-provider';
