import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type OutboxEventContext, type OutboxEventHandler, OutboxHandler } from '@academie/server-outbox';
import { CertificateIssuance } from './certificate-issuance';

/**
 * The certification context's subscriber of `course.completed` (name `certification`, recorded in
 * `outbox_delivery`; never renamed). It issues inside the delivery's transaction rather than through a job of its
 * own: the event then stays open until the certificate row exists, with no window where a queue holds the only
 * trace of the work (see docs/certificates-api.md, « Émission »).
 */
@Injectable()
@OutboxHandler('course.completed', 'certification')
export class CourseCompletedHandler implements OutboxEventHandler<'course.completed'> {
  constructor(private readonly issuance: CertificateIssuance) {}

  async handle(manager: EntityManager, payload: unknown, context?: OutboxEventContext): Promise<void> {
    await this.issuance.issue(manager, payload, context?.batch);
  }
}
