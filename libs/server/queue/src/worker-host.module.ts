import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { QueueMetrics } from './queue-metrics';
import { WorkerHost } from './worker-host';

/** For the worker process: runs the BullMQ workers of every queue, and measures their jobs and depths. */
@Module({ imports: [DiscoveryModule], providers: [WorkerHost, QueueMetrics] })
export class WorkerHostModule {}
