import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OutboxDeliverProcessor } from './outbox-deliver.processor';
import { OutboxMetrics } from './outbox-metrics';
import { OutboxRelay } from './outbox-relay';
import { OutboxService } from './outbox.service';

/** Recording events: for any process that changes data (api, worker). */
@Global()
@Module({ providers: [OutboxService], exports: [OutboxService] })
export class OutboxModule {}

/** Relaying and delivering events, and the outbox's lag on the worker's metrics: for the worker only. */
@Module({ imports: [DiscoveryModule], providers: [OutboxRelay, OutboxDeliverProcessor, OutboxMetrics], exports: [OutboxRelay] })
export class OutboxWorkerModule {}
