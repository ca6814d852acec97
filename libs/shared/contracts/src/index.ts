export * from './reference';
export * from './siren';
export * from './catalog';
export * from './errors';
export * from './system';
export * from './jobs';
export * from './identity';
export * from './kpi';
