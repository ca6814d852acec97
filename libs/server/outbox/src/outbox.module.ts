import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OutboxDeliverProcessor } from './outbox-deliver.processor';
import { OutboxRelay } from './outbox-relay';
import { OutboxService } from './outbox.service';

/** Recording events: for any process that changes data (api, worker). */
@Global()
@Module({ providers: [OutboxService], exports: [OutboxService] })
export class OutboxModule {}

/** Relaying and delivering events: for the worker only. */
@Module({ imports: [DiscoveryModule], providers: [OutboxRelay, OutboxDeliverProcessor], exports: [OutboxRelay] })
export class OutboxWorkerModule {}
