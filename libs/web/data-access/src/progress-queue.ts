// The learner's progress events, kept in the browser until the API has acknowledged them
// (docs/learning-api.md, `POST /api/progress/events`). Each event gets its UUID when it happens and keeps
// it until the API answers for it: the server stores an event id once, so sending a batch again after a
// lost answer changes nothing. Events survive a reload (localStorage), wait out a network loss (retried
// with exponential backoff, and at once when the browser says it is back online), and an event the API
// refuses for good is set aside instead of blocking the ones behind it.
//
// No DOM global here: storage, clock, timers and the sender are injected, so the logic is tested as is.
import { PROGRESS_BATCH_MAX, type ProgressBatchResponse, type ProgressEventInput, type ProgressEventType } from '@academie/contracts';
import { ApiError } from './api-client';

/** The part of the Web Storage API the queue uses (localStorage in the browser, a Map in tests). */
export interface QueueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface QueueTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** What a screen reports: the queue adds the event id and the time. */
export interface ProgressRecord {
  lessonId: string;
  type: ProgressEventType;
  /** Seconds into the video (video lessons only). */
  position?: number;
}

/** Why the queue is waiting: no network, the API refusing for now (5xx, 429), or no session to send with. */
export type QueueProblem = 'offline' | 'unavailable' | 'session';

export interface ProgressQueueState {
  /** Events waiting for the API's acknowledgement. */
  pending: number;
  sending: boolean;
  /** Failed sends since the last success. */
  failures: number;
  /** When the next automatic attempt is planned (epoch ms); null when none is. */
  retryAt: number | null;
  problem: QueueProblem | null;
  /** Events the API refused for good since the page loaded (set aside, never sent again). */
  rejected: number;
}

/** What to do after a failed send. */
export type SendFailure =
  | { kind: 'retry'; problem: QueueProblem; retryAfterSeconds?: number }
  /** The API refused the batch for good; `indexes` names the events it blamed, when it did. */
  | { kind: 'reject'; indexes: number[] };

export interface ProgressQueueOptions {
  /** Storage key of this learner's queue. */
  storageKey: string;
  /** Null when the browser offers none (then the queue lives in memory only). */
  storage: QueueStorage | null;
  send: (events: ProgressEventInput[]) => Promise<ProgressBatchResponse>;
  now?: () => number;
  newId?: () => string;
  timers?: QueueTimers;
  /** In [0, 1), for the jitter of the backoff. */
  random?: () => number;
  classify?: (error: unknown) => SendFailure;
  batchSize?: number;
  /** Most events kept; beyond, the oldest video positions go first. */
  capacity?: number;
  /** Wait before sending an ordinary event, so that a burst goes in one request. */
  debounceMs?: number;
}

export const RETRY_BASE_MS = 1_000;
export const RETRY_MAX_MS = 60_000;
export const QUEUE_CAPACITY = 2_000;
const REJECTED_KEPT = 50;

/**
 * The wait before the `failures`-th retry: 1 s, 2 s, 4 s… up to a minute, each drawn in its upper half
 * (so that the tabs of many learners do not retry in step after an outage), or the server's Retry-After.
 */
export function retryDelayMs(failures: number, random: number, retryAfterSeconds?: number): number {
  if (retryAfterSeconds !== undefined && retryAfterSeconds > 0) return Math.min(retryAfterSeconds, 600) * 1000;
  const exponent = Math.max(0, Math.min(failures - 1, 16));
  const ceiling = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** exponent);
  return Math.round(ceiling / 2 + (ceiling / 2) * Math.min(Math.max(random, 0), 1));
}

/**
 * What a failed `POST /api/progress/events` means for the queue. The API stores a batch entirely or not at
 * all: a 400 names the faulty events (`events.3.lessonId`); a 403 (a lesson of a course the learner left)
 * does not say which one, so the batch is then sent again one event at a time.
 */
export function classifySendError(error: unknown): SendFailure {
  if (!(error instanceof ApiError)) return { kind: 'retry', problem: 'unavailable' };
  const status = error.status;
  if (status === 0) return { kind: 'retry', problem: 'offline' };
  if (status === 401) return { kind: 'retry', problem: 'session' };
  if (status === 408 || status === 425 || status === 429 || status >= 500) {
    return { kind: 'retry', problem: 'unavailable', retryAfterSeconds: error.retryAfterSeconds };
  }
  const indexes = new Set<number>();
  if (status === 400) {
    for (const detail of error.body.details) {
      const match = /^events\.(\d+)(\.|$)/.exec(detail.field);
      if (match) indexes.add(Number(match[1]));
    }
  }
  return { kind: 'reject', indexes: [...indexes].sort((a, b) => a - b) };
}

/** Keeps at most `capacity` events: drops the oldest video positions first (each is superseded by later ones). */
export function trimToCapacity(events: ProgressEventInput[], capacity: number): ProgressEventInput[] {
  let excess = events.length - capacity;
  if (excess <= 0) return events;
  const kept: ProgressEventInput[] = [];
  for (const event of events) {
    if (excess > 0 && event.type === 'video_position') {
      excess--;
      continue;
    }
    kept.push(event);
  }
  return excess > 0 ? kept.slice(excess) : kept;
}

/** Events read back from storage: anything that is not a well-formed event is dropped. */
export function parseStoredEvents(text: string | null): ProgressEventInput[] {
  if (text === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  const events = (value as { events?: unknown } | null)?.events;
  if (!Array.isArray(events)) return [];
  return events.filter((event): event is ProgressEventInput => {
    const e = event as Partial<ProgressEventInput> | null;
    return (
      typeof e === 'object' &&
      e !== null &&
      typeof e.eventId === 'string' &&
      typeof e.lessonId === 'string' &&
      typeof e.type === 'string' &&
      typeof e.occurredAt === 'string' &&
      (e.position === undefined || typeof e.position === 'number')
    );
  });
}

const defaultTimers: QueueTimers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

type Listener = () => void;
type AckListener = (response: ProgressBatchResponse) => void;

/**
 * One learner's queue. Every change reads the stored list again and writes it back in the same task, so
 * two tabs of the same learner add to one list without losing each other's events (both may send the same
 * event: the API counts it once).
 */
export class ProgressQueue {
  private readonly storageKey: string;
  private storage: QueueStorage | null;
  private memory: ProgressEventInput[] = [];
  private readonly sendBatch: ProgressQueueOptions['send'];
  private readonly now: () => number;
  private readonly newId: () => string;
  private readonly timers: QueueTimers;
  private readonly random: () => number;
  private readonly classify: (error: unknown) => SendFailure;
  private readonly batchSize: number;
  private readonly capacity: number;
  private readonly debounceMs: number;

  private state: ProgressQueueState;
  private timer: { handle: unknown; due: number } | null = null;
  private inflight: Promise<void> | null = null;
  private again = false;
  /** Events still to send one by one after a batch refused without saying which event was at fault. */
  private isolating = 0;
  private disposed = false;
  private readonly listeners = new Set<Listener>();
  private readonly ackListeners = new Set<AckListener>();

  constructor(options: ProgressQueueOptions) {
    this.storageKey = options.storageKey;
    this.storage = options.storage;
    this.sendBatch = options.send;
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.timers = options.timers ?? defaultTimers;
    this.random = options.random ?? Math.random;
    this.classify = options.classify ?? classifySendError;
    this.batchSize = Math.max(1, Math.min(options.batchSize ?? PROGRESS_BATCH_MAX, PROGRESS_BATCH_MAX));
    this.capacity = options.capacity ?? QUEUE_CAPACITY;
    this.debounceMs = options.debounceMs ?? 1_000;
    this.state = { pending: this.load().length, sending: false, failures: 0, retryAt: null, problem: null, rejected: 0 };
  }

  // --- Reading ---------------------------------------------------------------------------------------

  getState = (): ProgressQueueState => this.state;

  /** The events not acknowledged yet, oldest first. */
  pendingEvents(): ProgressEventInput[] {
    return this.load();
  }

  /** The events the API refused for good (the last ones), for diagnosis. */
  rejectedEvents(): ProgressEventInput[] {
    return this.storage === null ? [] : parseStoredEvents(this.safeGet(this.rejectedKey()));
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Called with each answer of the API: the progress of the enrollments the batch touched. */
  onAcknowledged(listener: AckListener): () => void {
    this.ackListeners.add(listener);
    return () => {
      this.ackListeners.delete(listener);
    };
  }

  // --- Writing ---------------------------------------------------------------------------------------

  /** Queues an event that happened now and plans its sending (at once when `urgent`). */
  record(input: ProgressRecord, options: { urgent?: boolean } = {}): ProgressEventInput {
    const event: ProgressEventInput = {
      eventId: this.newId(),
      lessonId: input.lessonId,
      type: input.type,
      ...(input.position === undefined ? {} : { position: Math.round(Math.min(Math.max(input.position, 0), 86_400) * 10) / 10 }),
      occurredAt: new Date(this.now()).toISOString(),
    };
    this.save(trimToCapacity([...this.load(), event], this.capacity));
    this.update({});
    // While a failure is being waited out, new events wait for the planned retry (or the `online` event).
    if (this.state.failures === 0) this.schedule(options.urgent ? 0 : this.debounceMs);
    return event;
  }

  /** Sends what is pending now. Resolves when the queue is empty or waiting for a retry. */
  flush(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (this.inflight !== null) {
      this.again = true;
      return this.inflight;
    }
    this.cancelTimer();
    this.inflight = this.drain().finally(() => {
      this.inflight = null;
      const again = this.again;
      this.again = false;
      // Asked again while sending: go on, unless the send failed (the planned retry stands).
      if (again && this.state.failures === 0) void this.flush();
    });
    return this.inflight;
  }

  /** Sends pending events left by an earlier visit. */
  start(): void {
    if (this.load().length > 0) this.schedule(0);
  }

  /** The browser is back online: no need to wait for the planned retry. */
  online(): void {
    if (this.load().length > 0) void this.flush();
  }

  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
    this.listeners.clear();
    this.ackListeners.clear();
  }

  // --- Sending ---------------------------------------------------------------------------------------

  private async drain(): Promise<void> {
    for (;;) {
      if (this.disposed) return;
      const events = this.load();
      if (events.length === 0) {
        this.isolating = 0;
        this.update({ pending: 0, failures: 0, problem: null, retryAt: null });
        return;
      }
      const batch = events.slice(0, this.isolating > 0 ? 1 : this.batchSize);
      this.update({ sending: true, retryAt: null });
      let response: ProgressBatchResponse;
      try {
        response = await this.sendBatch(batch);
      } catch (error) {
        const failure = this.classify(error);
        if (failure.kind === 'reject') {
          this.handleRejection(batch, failure.indexes);
          this.update({ sending: false });
          continue;
        }
        const failures = this.state.failures + 1;
        const delay = retryDelayMs(failures, this.random(), failure.retryAfterSeconds);
        this.update({ sending: false, failures, problem: failure.problem });
        this.schedule(delay);
        return;
      }
      const acknowledged = new Set(response.results.map((result) => result.eventId.toLowerCase()));
      this.remove(acknowledged);
      if (this.isolating > 0) this.isolating--;
      const complete = batch.every((event) => acknowledged.has(event.eventId.toLowerCase()));
      this.update({ sending: false, ...(complete ? { failures: 0, problem: null } : {}) });
      for (const listener of [...this.ackListeners]) listener(response);
      if (!complete) {
        // An answer that leaves events of the batch unacknowledged: wait, as after a failure, instead of looping.
        const failures = this.state.failures + 1;
        this.update({ failures, problem: 'unavailable' });
        this.schedule(retryDelayMs(failures, this.random()));
        return;
      }
    }
  }

  private handleRejection(batch: ProgressEventInput[], indexes: number[]): void {
    const blamed = indexes.map((index) => batch[index]).filter((event): event is ProgressEventInput => event !== undefined);
    if (blamed.length > 0) {
      this.setAside(blamed);
    } else if (batch.length === 1) {
      this.setAside(batch);
      if (this.isolating > 0) this.isolating--;
    } else {
      // The API did not say which event it refused: send this batch again one event at a time.
      this.isolating = batch.length;
    }
  }

  private setAside(events: ProgressEventInput[]): void {
    const ids = new Set(events.map((event) => event.eventId.toLowerCase()));
    this.remove(ids);
    if (this.storage !== null) {
      const kept = [...parseStoredEvents(this.safeGet(this.rejectedKey())), ...events].slice(-REJECTED_KEPT);
      this.safeSet(this.rejectedKey(), JSON.stringify({ events: kept }));
    }
    this.update({ rejected: this.state.rejected + events.length });
  }

  // --- Timers ----------------------------------------------------------------------------------------

  private schedule(ms: number): void {
    if (this.disposed) return;
    const due = this.now() + ms;
    if (this.timer !== null && this.timer.due <= due) return;
    this.cancelTimer();
    const handle = this.timers.set(() => {
      this.timer = null;
      void this.flush();
    }, ms);
    this.timer = { handle, due };
    if (this.state.failures > 0) this.update({ retryAt: due });
  }

  private cancelTimer(): void {
    if (this.timer === null) return;
    this.timers.clear(this.timer.handle);
    this.timer = null;
  }

  // --- Storage ---------------------------------------------------------------------------------------

  private rejectedKey(): string {
    return `${this.storageKey}:refuses`;
  }

  private load(): ProgressEventInput[] {
    if (this.storage === null) return [...this.memory];
    return parseStoredEvents(this.safeGet(this.storageKey));
  }

  private save(events: ProgressEventInput[]): void {
    if (this.storage !== null) {
      const written = events.length === 0 ? this.safeRemove(this.storageKey) : this.safeSet(this.storageKey, JSON.stringify({ v: 1, events }));
      if (written) return;
      // Storage full or forbidden (private browsing): carry on in memory for this page.
      this.storage = null;
    }
    this.memory = events;
  }

  private remove(eventIds: Set<string>): void {
    this.save(this.load().filter((event) => !eventIds.has(event.eventId.toLowerCase())));
    this.update({});
  }

  private safeGet(key: string): string | null {
    try {
      return this.storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  private safeSet(key: string, value: string): boolean {
    try {
      this.storage?.setItem(key, value);
      return true;
    } catch {
      return false;
    }
  }

  private safeRemove(key: string): boolean {
    try {
      this.storage?.removeItem(key);
      return true;
    } catch {
      return false;
    }
  }

  private update(patch: Partial<ProgressQueueState>): void {
    const next = { ...this.state, pending: this.load().length, ...patch };
    const same = (Object.keys(next) as (keyof ProgressQueueState)[]).every((key) => next[key] === this.state[key]);
    if (same) return;
    this.state = next;
    for (const listener of [...this.listeners]) listener();
  }
}
