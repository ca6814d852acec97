import { Global, Module } from '@nestjs/common';
import { JobSchedules } from './job-schedules';
import { QueueRegistry } from './queue.registry';

@Global()
@Module({ providers: [QueueRegistry, JobSchedules], exports: [QueueRegistry, JobSchedules] })
export class QueueModule {}
