export * from './run';
export * from './test-environment';
export * from './own-servers';
