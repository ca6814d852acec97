export * from './outbox-event.entity';
export * from './outbox-delivery.entity';
export * from './outbox.service';
export * from './outbox-handler';
export * from './outbox-relay';
export * from './outbox-deliver.processor';
export * from './outbox.module';
