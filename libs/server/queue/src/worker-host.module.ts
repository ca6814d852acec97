import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { WorkerHost } from './worker-host';

/** For the worker process: runs the BullMQ workers of every queue. */
@Module({ imports: [DiscoveryModule], providers: [WorkerHost] })
export class WorkerHostModule {}
