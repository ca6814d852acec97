export * from './ping/ping.entity';
export * from './heartbeat/worker-heartbeat.entity';
export * from './heartbeat/heartbeat.service';
export * from './system.module';
