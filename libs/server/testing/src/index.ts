export * from './run';
export * from './cleanup';
export * from './test-environment';
export * from './own-servers';
