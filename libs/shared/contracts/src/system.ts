export type DependencyName = 'postgres' | 'redis';

export interface DependencyStatus {
  name: DependencyName;
  ok: boolean;
  latencyMs?: number;
  error?: string;
}

export interface HealthLiveResponse {
  status: 'ok';
}

export interface HealthReadyResponse {
  status: 'ok' | 'unavailable';
  checks: DependencyStatus[];
}

export interface WorkerHealthResponse {
  status: 'ok' | 'stale' | 'unknown';
  /** ISO date of the last heartbeat the worker wrote, null when none was ever seen. */
  lastHeartbeatAt: string | null;
  ageSeconds: number | null;
  staleAfterSeconds: number;
}

export type PingStatus = 'pending' | 'done';

export interface PingResponse {
  id: string;
  status: PingStatus;
  requestedAt: string;
  handledAt: string | null;
  /** Which worker handled it (host and pid), null while pending. */
  handledBy: string | null;
}

/** A job that exhausted its retries, as BullMQ keeps it (`GET /api/admin/jobs/failed`). */
export interface FailedJob {
  queue: string;
  jobId: string;
  name: string;
  /** The job's payload: ids only, never personal data. */
  data: unknown;
  attemptsMade: number;
  maxAttempts: number;
  failedReason: string;
  failedAt: string | null;
}

/** An outbox delivery whose last attempt failed: its subscriber's effect is not recorded yet. */
export interface FailedDelivery {
  /** The job that carries it (`outbox-<eventId>` on queue `outbox`), to retry it. */
  queue: string;
  jobId: string;
  eventId: string;
  eventType: string;
  subscriber: string;
  attempts: number;
  lastError: string;
  eventCreatedAt: string;
}

export interface FailedJobsResponse {
  /** Every queue's failed jobs, newest first, at most `limit` per queue. */
  jobs: FailedJob[];
  /** Outbox deliveries not recorded whose last attempt failed, oldest first, at most `limit`. */
  deliveries: FailedDelivery[];
}

/** `POST /api/admin/jobs/:queue/:jobId/retry`: the job is waiting again, its attempts counted anew. */
export interface RetryJobResponse {
  queue: string;
  jobId: string;
  state: 'waiting';
}
