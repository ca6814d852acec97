// What the retention job deletes, table by table. These tables belong to other contexts (learning, identity, mail);
// the system context only deletes their oldest rows, with the owner's reasons written here, as reporting's
// base-tables.ts does for what it reads. Documented for people in docs/retention.md.
import type { AppConfig } from '@academie/server-core';

export type RetentionKind = 'progressEvents' | 'auditLog' | 'mail';

export interface RetentionTarget {
  kind: RetentionKind;
  /** The setting that gives the retention in days. */
  setting: keyof Pick<AppConfig, 'RETENTION_PROGRESS_EVENTS_DAYS' | 'RETENTION_AUDIT_LOG_DAYS' | 'RETENTION_MAIL_DAYS'>;
  table: string;
  /** The primary key (one column). */
  key: string;
  /** The time that dates a row, leading column of an index that also ends with the key. */
  stored: string;
}

export const RETENTION_TARGETS: readonly RetentionTarget[] = [
  /*
   * learning: the lesson-by-lesson events as the client sent them, and the xAPI statements projected from them. What
   * they established is kept elsewhere: `lesson_progress` (state of each lesson), `enrollment` (lessons done),
   * `course_completion`; the KPIs never read them (their reconciliation recomputes from enrollments, completions and
   * certificates). A client replaying an event older than this would find its id free again: it would only re-apply
   * a progress already applied (positions and completions only ever grow).
   */
  { kind: 'progressEvents', setting: 'RETENTION_PROGRESS_EVENTS_DAYS', table: 'progress_event', key: 'event_id', stored: 'received_at' },
  /* identity: who did what; nothing reads old entries but the administrators' console. */
  { kind: 'auditLog', setting: 'RETENTION_AUDIT_LOG_DAYS', table: 'audit_log', key: 'id', stored: 'at' },
  /*
   * mail: each e-mail's address, template and parameters, sent or not. An e-mail still unsent after this long never
   * will be (its outbox job gave up long ago); should its event still be delivered, the handler skips a missing message.
   */
  { kind: 'mail', setting: 'RETENTION_MAIL_DAYS', table: 'mail_message', key: 'id', stored: 'created_at' },
];
