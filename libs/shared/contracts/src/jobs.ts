// Queue names, job names and the payload of each job. Their values never change once released:
// jobs already in Redis carry them.

export const QUEUES = {
  outbox: 'outbox',
  /** Long reporting jobs (KPI reconciliation), apart from the outbox deliveries. */
  reporting: 'reporting',
  /** Scheduled sweeps of the contexts (the organisations' due-date reminders, the retention purge). */
  scheduled: 'scheduled',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Domain events written to the transactional outbox, with their payloads. */
export interface OutboxEventPayloads {
  'system.ping': { pingId: string };
  /** Send one row of `mail_message` over SMTP (mail context), then mark it sent. */
  'mail.send': { mailMessageId: string };
  /** A learner enrolled in a course for the first time (learning context; KPIs count enrollments). */
  'enrollment.created': { enrollmentId: string; userId: string; courseId: string; versionId: string; enrolledAt: string };
  /**
   * An enrollment became completed: every required lesson done, every required quiz passed. Written once per
   * enrollment (course_completion is keyed by it), in the transaction of the completion (certificates, KPIs).
   */
  'course.completed': { enrollmentId: string; userId: string; courseId: string; versionId: string; completedAt: string };
  /**
   * A certificate was issued (certification context, in the issuance transaction). `countsTowardGoal` is that of the
   * version certified (immutable once published): the KPIs count a person as trained from their first such certificate.
   */
  'certificate.issued': {
    certificateId: string;
    enrollmentId: string;
    userId: string;
    courseId: string;
    versionId: string;
    issuedAt: string;
    countsTowardGoal: boolean;
  };
  /**
   * A person's profile changed (identity context, in the update's transaction): the names of the fields that changed,
   * never their values (KPIs re-read the profile).
   */
  'profile.changed': { userId: string; changed: ('status' | 'staffBand' | 'region' | 'sector' | 'siren' | 'audience')[]; changedAt: string };
  /** A person had their account erased (identity context, in the erasure's transaction). */
  'user.erased': { userId: string; erasedAt: string };
}
export type OutboxEventType = keyof OutboxEventPayloads;
export const OUTBOX_EVENT_TYPES = [
  'system.ping',
  'mail.send',
  'enrollment.created',
  'course.completed',
  'certificate.issued',
  'profile.changed',
  'user.erased',
] as const satisfies readonly OutboxEventType[];

/** Every job the worker runs, by name, with its payload. */
export interface JobPayloads {
  /** Deliver one outbox event to its handler. Job id: `outbox-<eventId>`. */
  'outbox.deliver': { eventId: string };
  /** Recompute every KPI from the base tables and record the differences (`kpi_reconciliation_run`). Nightly. */
  'kpi.reconcile': { trigger: 'nightly' | 'manual' };
  /**
   * Send the due-date reminders of the organisations' assignments (one e-mail per assignment, member, due date and step,
   * enforced by `organisation_assignment_reminder`'s key). Daily; `today` (YYYY-MM-DD, Paris) only in tests.
   */
  'organisation.reminders': { trigger: 'daily' | 'manual'; today?: string };
  /**
   * Delete what is older than its retention period (RETENTION_*_DAYS: progress events, audit log, mail outbox), in
   * bounded batches, logging counts only. Nightly (RETENTION_CRON); docs/retention.md.
   */
  'retention.purge': { trigger: 'nightly' | 'manual' };
}
export type JobName = keyof JobPayloads;
export const JOB_NAMES = ['outbox.deliver', 'kpi.reconcile', 'organisation.reminders', 'retention.purge'] as const satisfies readonly JobName[];

export const JOB_QUEUE: Record<JobName, QueueName> = {
  'outbox.deliver': QUEUES.outbox,
  'kpi.reconcile': QUEUES.reporting,
  'organisation.reminders': QUEUES.scheduled,
  'retention.purge': QUEUES.scheduled,
};

/** Deterministic BullMQ job id of an outbox event (BullMQ refuses ids with `:` or plain integers). */
export const outboxJobId = (eventId: string): string => `outbox-${eventId}`;
