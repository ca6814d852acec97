export * from './redis';
export * from './retry-presets';
export * from './queue.registry';
export * from './queue.module';
export * from './job-processor';
export * from './worker-host';
export * from './worker-host.module';
export * from './request-redis';
