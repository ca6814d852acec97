import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type OutboxEventPayloads, formatCertificateCode } from '@academie/contracts';
import { findPublishedVersion } from '@academie/server-catalog';
import { JsonLogger } from '@academie/server-core';
import { findPersonContact } from '@academie/server-identity';
import { MailService } from '@academie/server-mail';
import { type OutboxBatch, OutboxService } from '@academie/server-outbox';
import { CredentialService } from '../credential/credential.service';
import { statusPosition } from '../credential/status-list';
import { certificateIssuedNotice } from '../notification/notification.service';

export type CourseCompleted = OutboxEventPayloads['course.completed'];

export type IssuanceOutcome = { issued: true; certificateId: string; code: string } | { issued: false; reason: 'exists' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The event as written by the learning context; anything else is a bug upstream, kept visible as a failed delivery. */
export function checkCourseCompleted(payload: unknown): CourseCompleted {
  const p = payload as Partial<CourseCompleted> | null;
  const problems: string[] = [];
  for (const field of ['enrollmentId', 'userId', 'courseId', 'versionId'] as const) {
    if (typeof p?.[field] !== 'string' || !UUID.test(p[field])) problems.push(`${field} must be a UUID`);
  }
  if (typeof p?.completedAt !== 'string' || Number.isNaN(Date.parse(p.completedAt))) problems.push('completedAt must be an ISO date');
  if (problems.length) throw new Error(`invalid course.completed payload: ${problems.join(', ')}`);
  return p as CourseCompleted;
}

/**
 * Issues the certificate of a completion inside the caller's transaction (the outbox delivery's): the row, its
 * `certificate.issued` event (KPIs), the learner's notification and e-mail commit together with the delivery
 * record, or not at all. Exactly once:
 * `uq_certificate_user_course` is the lock (a second completion of the same course, or the same event
 * delivered twice, finds the row and stops; two at once are serialised by the unique index), and the id, code and
 * e-mail salt derive from the enrollment id, so an issuance that crashed before its commit is rebuilt the same.
 */
@Injectable()
export class CertificateIssuance {
  constructor(
    private readonly credentials: CredentialService,
    private readonly mail: MailService,
    private readonly outbox: OutboxService,
    private readonly logger: JsonLogger,
  ) {}

  /**
   * `batch`: the outbox delivery's batch, when the worker delivers several completions in one transaction: the course
   * versions read are kept for the batch, and the follow-up event and e-mail are written with the batch's (one
   * statement each for all its certificates), still in its transaction.
   */
  async issue(manager: EntityManager, payload: unknown, batch?: OutboxBatch): Promise<IssuanceOutcome> {
    const event = checkCourseCompleted(payload);
    // Issued already? If not, the certificate's status list entry (a gap if this transaction rolls back: harmless).
    const [{ status_index: statusIndex }] = (await manager.query(
      `SELECT CASE WHEN EXISTS (SELECT 1 FROM certificate WHERE user_id = $1 AND course_id = $2) THEN NULL
                   ELSE nextval('certificate_status_index_seq') END AS status_index`,
      [event.userId, event.courseId],
    )) as { status_index: string | null }[];
    if (statusIndex === null) return { issued: false, reason: 'exists' };

    const person = await findPersonContact(manager, event.userId);
    if (!person) throw new Error(`course.completed for an unknown learner ${event.userId}`);
    const versions = batch?.shared('certification:versions', () => new Map<string, Awaited<ReturnType<typeof findPublishedVersion>>>(), async () => undefined);
    let version = versions?.get(event.versionId);
    if (version === undefined) {
      version = await findPublishedVersion(manager, event.versionId);
      versions?.set(event.versionId, version);
    }
    if (!version || version.courseId !== event.courseId) {
      throw new Error(`course.completed for version ${event.versionId}, not a published version of course ${event.courseId}`);
    }

    const identity = this.credentials.identityFor(event.enrollmentId);
    const completedAt = new Date(event.completedAt);
    // A person erased before the event was handled: the certificate exists (the completion did), without their name or credential.
    const printedName = person.erased ? null : `${person.firstName} ${person.lastName}`.trim();
    const signed = person.erased
      ? null
      : this.credentials.signCertificate({
          certificateId: identity.id,
          course: { id: version.courseId, title: version.title, summary: version.summary },
          versionNumber: version.number,
          durationMinutes: version.durationMinutes,
          completedAt,
          email: person.email,
          salt: identity.salt,
          ...statusPositionOf(statusIndex),
        });

    const code = formatCertificateCode(identity.code);
    // The certificate and, for a person not erased, their notification, in one statement.
    const inserted: { issued_at: Date }[] = await manager.query(
      `WITH certificate AS (
         INSERT INTO certificate (id, code, enrollment_id, user_id, course_id, version_id, course_title, version_number,
                                  duration_minutes, printed_name, name_erased_at, completed_at, status_index, signing_kid, credential_jwt)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $15::boolean THEN now() END, $11, $12, $13, $14)
         ON CONFLICT ON CONSTRAINT uq_certificate_user_course DO NOTHING
         RETURNING id, user_id, issued_at),
       notified AS (
         INSERT INTO notification (user_id, kind, subject_id, data)
         SELECT user_id, 'certificate.issued', id, $16::jsonb FROM certificate WHERE NOT $15::boolean
         ON CONFLICT ON CONSTRAINT uq_notification_subject DO NOTHING)
       SELECT issued_at FROM certificate`,
      [
        identity.id,
        identity.code,
        event.enrollmentId,
        event.userId,
        event.courseId,
        event.versionId,
        version.title,
        version.number,
        version.durationMinutes,
        printedName,
        completedAt,
        statusIndex,
        signed?.kid ?? null,
        signed?.jwt ?? null,
        printedName === null,
        JSON.stringify(certificateIssuedNotice(code, version.title)),
      ],
    );
    if (inserted.length === 0) return { issued: false, reason: 'exists' }; // another enrollment of the same course won the race

    // The fact, for the KPIs (reporting context), in the same transaction.
    await this.outbox.recordInBatch(manager, batch, 'certificate.issued', {
      certificateId: identity.id,
      enrollmentId: event.enrollmentId,
      userId: event.userId,
      courseId: event.courseId,
      versionId: event.versionId,
      issuedAt: inserted[0].issued_at.toISOString(),
      countsTowardGoal: version.countsTowardGoal,
    });

    if (!person.erased) {
      if (person.email) {
        await this.mail.queueInBatch(manager, batch, {
          to: person.email,
          template: 'certificate-issued',
          params: { firstName: person.firstName, courseTitle: version.title, code },
          userId: event.userId,
        });
      }
    }
    this.logger.event('info', 'certificate issued', { certificateId: identity.id, enrollmentId: event.enrollmentId }, 'certification');
    return { issued: true, certificateId: identity.id, code: identity.code };
  }
}

function statusPositionOf(statusIndex: string | number): { statusList: number; statusListIndex: number } {
  const { list, index } = statusPosition(Number(statusIndex));
  return { statusList: list, statusListIndex: index };
}
