import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type OutboxEventContext, type OutboxEventHandler, OutboxHandler } from '@academie/server-outbox';
import { RollupWriter } from './rollup-writer';

/**
 * The `reporting` subscribers: one per event type the KPIs follow, all recorded under the subscriber name
 * `reporting` in `outbox_delivery` (never renamed). Each applies its event inside the delivery's transaction; in a batch,
 * the counters' deltas of all its events are added up and written once at its end (RollupWriter).
 */
export const REPORTING_SUBSCRIBER = 'reporting';

@Injectable()
@OutboxHandler('enrollment.created', REPORTING_SUBSCRIBER)
export class KpiEnrollmentCreatedHandler implements OutboxEventHandler<'enrollment.created'> {
  constructor(private readonly writer: RollupWriter) {}
  handle(manager: EntityManager, payload: unknown, context?: OutboxEventContext): Promise<void> {
    return this.writer.enrollmentCreated(manager, payload, context?.batch);
  }
}

@Injectable()
@OutboxHandler('course.completed', REPORTING_SUBSCRIBER)
export class KpiCourseCompletedHandler implements OutboxEventHandler<'course.completed'> {
  constructor(private readonly writer: RollupWriter) {}
  handle(manager: EntityManager, payload: unknown, context?: OutboxEventContext): Promise<void> {
    return this.writer.courseCompleted(manager, payload, context?.batch);
  }
}

@Injectable()
@OutboxHandler('certificate.issued', REPORTING_SUBSCRIBER)
export class KpiCertificateIssuedHandler implements OutboxEventHandler<'certificate.issued'> {
  constructor(private readonly writer: RollupWriter) {}
  handle(manager: EntityManager, payload: unknown, context?: OutboxEventContext): Promise<void> {
    return this.writer.certificateIssued(manager, payload, context?.batch);
  }
}

@Injectable()
@OutboxHandler('profile.changed', REPORTING_SUBSCRIBER)
export class KpiProfileChangedHandler implements OutboxEventHandler<'profile.changed'> {
  constructor(private readonly writer: RollupWriter) {}
  handle(manager: EntityManager, payload: unknown, context?: OutboxEventContext): Promise<void> {
    return this.writer.profileChanged(manager, payload, context?.batch);
  }
}

@Injectable()
@OutboxHandler('user.erased', REPORTING_SUBSCRIBER)
export class KpiUserErasedHandler implements OutboxEventHandler<'user.erased'> {
  constructor(private readonly writer: RollupWriter) {}
  handle(manager: EntityManager, payload: unknown): Promise<void> {
    return this.writer.userErased(manager, payload);
  }
}

export const ROLLUP_HANDLERS = [
  KpiEnrollmentCreatedHandler,
  KpiCourseCompletedHandler,
  KpiCertificateIssuedHandler,
  KpiProfileChangedHandler,
  KpiUserErasedHandler,
];
