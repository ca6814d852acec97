// The administrators' console (/administration) and its routes under /api/admin that other files do not
// already describe: failed jobs discarded, the outbox lag, certificates found for revocation, courses archived by
// an administrator. See docs/admin-api.md.
import type { CertificateVerification } from './certification';
import type { CourseStatus } from './catalog';
import type { QueueName } from './jobs';

/** `POST /api/admin/jobs/:queue/:jobId/discard`: the failed job is removed; for an outbox job, its event is closed. */
export interface DiscardJobResponse {
  queue: QueueName;
  jobId: string;
  state: 'discarded';
  /** For an outbox job: the event closed without these subscribers' effects (empty for other queues). */
  undeliveredSubscribers: string[];
}

/** One BullMQ queue's job counts, as the console shows them. */
export interface QueueDepth {
  queue: QueueName;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

/** Per subscriber, the deliveries of open events whose last attempt failed. */
export interface SubscriberLag {
  subscriber: string;
  failedDeliveries: number;
  /** Creation time of the oldest event among them. */
  oldestFailedEventAt: string;
}

/** Open events of one type. */
export interface OutboxTypeLag {
  type: string;
  openEvents: number;
  oldestOpenEventAt: string;
}

/** `GET /api/admin/outbox`: how far the background work is behind. */
export interface OutboxLag {
  /** When these figures were read. */
  measuredAt: string;
  /** Events not yet delivered to every subscriber. */
  openEvents: number;
  /** Creation time of the oldest open event, null when none is open. */
  oldestOpenEventAt: string | null;
  /** Its age in seconds at `measuredAt` (0 when none is open). */
  oldestOpenAgeSeconds: number;
  byType: OutboxTypeLag[];
  bySubscriber: SubscriberLag[];
  /** Null when Redis did not answer (the database figures above stay valid). */
  queues: QueueDepth[] | null;
}

/** Query of `GET /api/admin/certificates`: a verification code (any spelling) or a learner's exact e-mail address. */
export interface AdminCertificateQuery {
  q: string;
}

/** A certificate as administrators see it: what the public page shows, plus who holds it and why it was revoked. */
export interface AdminCertificate extends CertificateVerification {
  id: string;
  userId: string;
  revocationReason: string | null;
}

export interface AdminCertificateList {
  /** Newest first; at most 50. */
  items: AdminCertificate[];
}

/** Query of `GET /api/admin/courses`. */
export interface AdminCourseQuery {
  /** Part of a title or of a slug (case- and accent-sensitive as typed). */
  q?: string;
  status?: CourseStatus;
  cursor?: string;
  /** 1 to 100, 20 by default. */
  limit?: number;
}

export interface AdminCourseSummary {
  id: string;
  slug: string;
  title: string;
  status: CourseStatus;
  /** Number of the version the catalogue shows, null before the first publication. */
  currentVersionNumber: number | null;
  updatedAt: string;
  archivedAt: string | null;
}

export interface AdminCourseList {
  items: AdminCourseSummary[];
  nextCursor: string | null;
}
