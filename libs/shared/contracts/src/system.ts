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
