import type { ErrorBody, ProgressBatchResponse, ProgressEventInput } from '@academie/contracts';
import { describe, expect, it } from '@jest/globals';
import { ApiError } from './api-client';
import {
  ProgressQueue,
  type QueueStorage,
  type QueueTimers,
  RETRY_MAX_MS,
  classifySendError,
  parseStoredEvents,
  retryDelayMs,
  trimToCapacity,
} from './progress-queue';

const LESSON = '6f0c1f5e-0000-4000-8000-000000000001';
const VIDEO = '6f0c1f5e-0000-4000-8000-000000000002';
const KEY = 'academie:progression:user-1';

class MemoryStorage implements QueueStorage {
  readonly items = new Map<string, string>();
  failWrites = false;
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.failWrites) throw new DOMException('quota', 'QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

/** A clock and timers that move only when the test says so. */
class FakeTime implements QueueTimers {
  now = Date.parse('2026-11-25T09:30:00.000Z');
  private next = 1;
  private readonly due = new Map<number, { at: number; callback: () => void }>();
  set(callback: () => void, ms: number) {
    const id = this.next++;
    this.due.set(id, { at: this.now + ms, callback });
    return id;
  }
  clear(handle: unknown) {
    this.due.delete(handle as number);
  }
  /** The delays of the timers planned now, from now. */
  planned(): number[] {
    return [...this.due.values()].map((timer) => timer.at - this.now).sort((a, b) => a - b);
  }
  /** Moves the clock, running the timers that fall due, then lets their promises settle. */
  async advance(ms: number) {
    const target = this.now + ms;
    for (;;) {
      const [id, timer] = [...this.due.entries()].sort((a, b) => a[1].at - b[1].at).find(([, t]) => t.at <= target) ?? [];
      if (id === undefined || timer === undefined) break;
      this.due.delete(id);
      this.now = timer.at;
      timer.callback();
      await settle();
    }
    this.now = target;
    await settle();
  }
}

async function settle() {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

const NETWORK: ErrorBody = { statusCode: 0, error: 'Network Error', message: 'injoignable', details: [] };

/** The API's side: stores each event id once, like `pk_progress_event`, or fails as told. */
class FakeApi {
  readonly stored = new Map<string, ProgressEventInput>();
  readonly batches: ProgressEventInput[][] = [];
  failures: (ApiError | ((batch: ProgressEventInput[]) => ApiError | undefined))[] = [];
  /** Event ids the API refuses (403 for the whole batch, as for a lesson of a course the learner left). */
  readonly forbidden = new Set<string>();
  /** Stores the batch, then loses the answer (the connection dropped after the commit). */
  loseNextAnswer = false;

  send = async (batch: ProgressEventInput[]): Promise<ProgressBatchResponse> => {
    this.batches.push(batch);
    const failure = this.failures.shift();
    const error = typeof failure === 'function' ? failure(batch) : failure;
    if (error) throw error;
    if (batch.some((event) => this.forbidden.has(event.eventId))) {
      throw new ApiError({ statusCode: 403, error: 'Forbidden', message: 'Vous n’êtes pas inscrit à ce cours.', details: [] });
    }
    const results = batch.map((event) => {
      const duplicate = this.stored.has(event.eventId);
      if (!duplicate) this.stored.set(event.eventId, event);
      return { eventId: event.eventId, status: duplicate ? ('duplicate' as const) : ('accepted' as const) };
    });
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new ApiError(NETWORK);
    }
    return { results, enrollments: [] };
  };
}

function setup(options: { storage?: MemoryStorage; time?: FakeTime; api?: FakeApi; batchSize?: number; capacity?: number } = {}) {
  const storage = options.storage ?? new MemoryStorage();
  const time = options.time ?? new FakeTime();
  const api = options.api ?? new FakeApi();
  let id = 0;
  const queue = new ProgressQueue({
    storageKey: KEY,
    storage,
    send: api.send,
    now: () => time.now,
    timers: time,
    random: () => 1,
    newId: () => `00000000-0000-4000-8000-${String(++id).padStart(12, '0')}`,
    batchSize: options.batchSize,
    capacity: options.capacity,
  });
  return { queue, storage, time, api };
}

describe('ProgressQueue', () => {
  it('gives each event its own id and the time it happened, and keeps it in storage until acknowledged', async () => {
    const { queue, storage, time, api } = setup();
    const event = queue.record({ lessonId: VIDEO, type: 'video_position', position: 12.345 });

    expect(event).toEqual({
      eventId: '00000000-0000-4000-8000-000000000001',
      lessonId: VIDEO,
      type: 'video_position',
      position: 12.3,
      occurredAt: '2026-11-25T09:30:00.000Z',
    });
    expect(parseStoredEvents(storage.getItem(KEY))).toEqual([event]);
    expect(queue.getState().pending).toBe(1);

    // Sent after the debounce, in one batch with what came meanwhile.
    await time.advance(500);
    queue.record({ lessonId: LESSON, type: 'completed' });
    await time.advance(1_000);
    expect(api.batches).toHaveLength(1);
    expect(api.batches[0]?.map((e) => e.eventId)).toEqual([event.eventId, '00000000-0000-4000-8000-000000000002']);
    expect(storage.getItem(KEY)).toBeNull();
    expect(queue.getState()).toMatchObject({ pending: 0, failures: 0, problem: null, sending: false });
  });

  it('sends an urgent event at once and tells the listeners what the API answered', async () => {
    const { queue, time, api } = setup();
    const answers: ProgressBatchResponse[] = [];
    queue.onAcknowledged((response) => answers.push(response));

    queue.record({ lessonId: LESSON, type: 'completed' }, { urgent: true });
    await time.advance(0);

    expect(api.batches).toHaveLength(1);
    expect(answers).toHaveLength(1);
    expect(answers[0]?.results[0]?.status).toBe('accepted');
  });

  it('survives a reload: a new queue on the same storage sends what the previous page left', async () => {
    const storage = new MemoryStorage();
    const time = new FakeTime();
    const api = new FakeApi();
    api.failures.push(new ApiError(NETWORK));
    const first = setup({ storage, time, api }).queue;
    first.record({ lessonId: LESSON, type: 'started' }, { urgent: true });
    await time.advance(0);
    expect(first.getState().problem).toBe('offline');
    first.dispose();

    const second = setup({ storage, time, api }).queue;
    expect(second.getState().pending).toBe(1);
    second.start();
    await time.advance(0);

    expect(api.stored.size).toBe(1);
    expect(second.getState().pending).toBe(0);
  });

  it('waits out a network loss with an exponential backoff, and sends at once when the browser is back online', async () => {
    const { queue, time, api } = setup();
    api.failures.push(new ApiError(NETWORK), new ApiError(NETWORK), new ApiError(NETWORK));

    queue.record({ lessonId: LESSON, type: 'started' }, { urgent: true });
    await time.advance(0);
    expect(queue.getState()).toMatchObject({ pending: 1, failures: 1, problem: 'offline' });
    expect(time.planned()).toEqual([1_000]);
    expect(queue.getState().retryAt).toBe(time.now + 1_000);

    await time.advance(1_000);
    expect(queue.getState().failures).toBe(2);
    expect(time.planned()).toEqual([2_000]);

    await time.advance(2_000);
    expect(queue.getState().failures).toBe(3);
    expect(time.planned()).toEqual([4_000]);

    // Events that happen meanwhile wait for the retry instead of hammering the network.
    queue.record({ lessonId: LESSON, type: 'completed' });
    await time.advance(1_000);
    expect(api.batches).toHaveLength(3);

    queue.online();
    await settle();
    expect(api.batches).toHaveLength(4);
    expect(api.stored.size).toBe(2);
    expect(queue.getState()).toMatchObject({ pending: 0, failures: 0, problem: null, retryAt: null });
    expect(time.planned()).toEqual([]);
  });

  it('sends the same event ids again after a lost answer: the API counts them once', async () => {
    const { queue, time, api } = setup();
    api.loseNextAnswer = true;
    queue.record({ lessonId: LESSON, type: 'completed' }, { urgent: true });
    await time.advance(0);
    expect(api.stored.size).toBe(1);
    expect(queue.getState().pending).toBe(1);

    await time.advance(1_000);
    expect(api.batches.map((batch) => batch.map((e) => e.eventId))).toEqual([
      ['00000000-0000-4000-8000-000000000001'],
      ['00000000-0000-4000-8000-000000000001'],
    ]);
    expect(api.stored.size).toBe(1);
    expect(queue.getState().pending).toBe(0);
  });

  it('honours Retry-After on a 429 or a 503', async () => {
    const { queue, time, api } = setup();
    api.failures.push(new ApiError({ statusCode: 503, error: 'Service Unavailable', message: 'indisponible', details: [] }, 30));
    queue.record({ lessonId: LESSON, type: 'started' }, { urgent: true });
    await time.advance(0);
    expect(queue.getState().problem).toBe('unavailable');
    expect(time.planned()).toEqual([30_000]);
    await time.advance(30_000);
    expect(queue.getState().pending).toBe(0);
  });

  it('keeps the events of a learner whose session ended, and sends them once it is back', async () => {
    const { queue, time, api } = setup();
    api.failures.push(new ApiError({ statusCode: 401, error: 'Unauthorized', message: 'Session expirée', details: [] }));
    queue.record({ lessonId: LESSON, type: 'started' }, { urgent: true });
    await time.advance(0);
    expect(queue.getState()).toMatchObject({ pending: 1, problem: 'session' });
    await time.advance(1_000);
    expect(queue.getState()).toMatchObject({ pending: 0, problem: null });
  });

  it('sends at most a batch per request, oldest first', async () => {
    const { queue, time, api } = setup({ batchSize: 100 });
    for (let i = 0; i < 250; i++) queue.record({ lessonId: VIDEO, type: 'video_position', position: i });
    await time.advance(1_000);
    expect(api.batches.map((batch) => batch.length)).toEqual([100, 100, 50]);
    expect(api.batches[0]?.[0]?.position).toBe(0);
    expect(api.stored.size).toBe(250);
  });

  it('keeps an event recorded while a batch is on its way, and sends it next', async () => {
    const { queue, time, api } = setup();
    let release: (() => void) | undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const send = api.send;
    let first = true;
    api.send = async (batch) => {
      if (first) {
        first = false;
        await gate;
      }
      return send(batch);
    };
    const queueWithGate = new ProgressQueue({
      storageKey: 'gate',
      storage: new MemoryStorage(),
      send: (batch) => api.send(batch),
      now: () => time.now,
      timers: time,
    });
    queueWithGate.record({ lessonId: LESSON, type: 'started' }, { urgent: true });
    await time.advance(0);
    queueWithGate.record({ lessonId: LESSON, type: 'completed' }, { urgent: true });
    release?.();
    await time.advance(0);
    expect(api.batches.map((batch) => batch.map((e) => e.type))).toEqual([['started'], ['completed']]);
    expect(queueWithGate.getState().pending).toBe(0);
    queue.dispose();
  });

  it('sets aside the events a 400 names and sends the others', async () => {
    const { queue, time, api } = setup();
    api.failures.push(
      new ApiError({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Événements de progression invalides.',
        details: [{ field: 'events.1.occurredAt', reason: 'must not be more than 5 minutes in the future' }],
      }),
    );
    const a = queue.record({ lessonId: LESSON, type: 'started' });
    const b = queue.record({ lessonId: LESSON, type: 'completed' });
    const c = queue.record({ lessonId: VIDEO, type: 'started' });
    await time.advance(1_000);

    expect([...api.stored.keys()]).toEqual([a.eventId, c.eventId]);
    expect(queue.rejectedEvents().map((e) => e.eventId)).toEqual([b.eventId]);
    expect(queue.getState()).toMatchObject({ pending: 0, rejected: 1, failures: 0 });
  });

  it('finds the refused event of a batch the API refused as a whole (403) by sending it again one by one', async () => {
    const { queue, time, api } = setup();
    const a = queue.record({ lessonId: LESSON, type: 'started' });
    const b = queue.record({ lessonId: VIDEO, type: 'started' });
    const c = queue.record({ lessonId: LESSON, type: 'completed' });
    api.forbidden.add(b.eventId);
    await time.advance(1_000);

    expect(api.batches.map((batch) => batch.length)).toEqual([3, 1, 1, 1]);
    expect([...api.stored.keys()]).toEqual([a.eventId, c.eventId]);
    expect(queue.rejectedEvents().map((e) => e.eventId)).toEqual([b.eventId]);
    expect(queue.getState()).toMatchObject({ pending: 0, rejected: 1 });

    // Then back to full batches.
    queue.record({ lessonId: LESSON, type: 'started' });
    queue.record({ lessonId: LESSON, type: 'started' });
    await time.advance(1_000);
    expect(api.batches.at(-1)).toHaveLength(2);
  });

  it('does not loop on an answer that leaves events of the batch unacknowledged', async () => {
    const { queue, time, api } = setup();
    const send = api.send;
    let calls = 0;
    api.send = async (batch) => {
      calls++;
      const response = await send(batch);
      return calls === 1 ? { ...response, results: response.results.slice(0, 1) } : response;
    };
    const q = new ProgressQueue({ storageKey: 'partial', storage: new MemoryStorage(), send: (b) => api.send(b), now: () => time.now, timers: time, random: () => 1 });
    q.record({ lessonId: LESSON, type: 'started' });
    q.record({ lessonId: LESSON, type: 'completed' });
    await time.advance(1_000);
    expect(calls).toBe(1);
    expect(q.getState()).toMatchObject({ pending: 1, problem: 'unavailable' });
    await time.advance(1_000);
    expect(q.getState().pending).toBe(0);
    queue.dispose();
  });

  it('lets two tabs of the same learner add to one list without losing events', () => {
    const storage = new MemoryStorage();
    const time = new FakeTime();
    const tabA = setup({ storage, time }).queue;
    const tabB = new ProgressQueue({ storageKey: KEY, storage, send: new FakeApi().send, now: () => time.now, timers: time, newId: () => 'b-1' });
    tabA.record({ lessonId: LESSON, type: 'started' });
    tabB.record({ lessonId: VIDEO, type: 'started' });
    tabA.record({ lessonId: LESSON, type: 'completed' });
    expect(tabA.pendingEvents().map((e) => e.eventId)).toEqual(['00000000-0000-4000-8000-000000000001', 'b-1', '00000000-0000-4000-8000-000000000002']);
  });

  it('carries on in memory when the storage refuses to write', async () => {
    const storage = new MemoryStorage();
    storage.failWrites = true;
    const { queue, time, api } = setup({ storage });
    queue.record({ lessonId: LESSON, type: 'started' });
    expect(queue.getState().pending).toBe(1);
    await time.advance(1_000);
    expect(api.stored.size).toBe(1);
    expect(queue.getState().pending).toBe(0);
  });

  it('drops the oldest video positions first when full', () => {
    const { queue } = setup({ capacity: 3 });
    queue.record({ lessonId: LESSON, type: 'started' });
    queue.record({ lessonId: VIDEO, type: 'video_position', position: 10 });
    queue.record({ lessonId: VIDEO, type: 'video_position', position: 20 });
    queue.record({ lessonId: VIDEO, type: 'completed', position: 30 });
    expect(queue.pendingEvents().map((e) => `${e.type}${e.position ?? ''}`)).toEqual(['started', 'video_position20', 'completed30']);
  });

  it('notifies its subscribers when its state changes', async () => {
    const { queue, time } = setup();
    const states: number[] = [];
    queue.subscribe(() => states.push(queue.getState().pending));
    queue.record({ lessonId: LESSON, type: 'started' }, { urgent: true });
    await time.advance(0);
    expect(states[0]).toBe(1);
    expect(states.at(-1)).toBe(0);
  });
});

describe('retryDelayMs', () => {
  it('doubles from one second up to a minute, drawn in the upper half', () => {
    expect(retryDelayMs(1, 1)).toBe(1_000);
    expect(retryDelayMs(1, 0)).toBe(500);
    expect(retryDelayMs(2, 1)).toBe(2_000);
    expect(retryDelayMs(4, 1)).toBe(8_000);
    expect(retryDelayMs(30, 1)).toBe(RETRY_MAX_MS);
    expect(retryDelayMs(30, 0)).toBe(RETRY_MAX_MS / 2);
  });

  it('follows Retry-After, up to ten minutes', () => {
    expect(retryDelayMs(1, 1, 30)).toBe(30_000);
    expect(retryDelayMs(1, 1, 86_400)).toBe(600_000);
  });
});

describe('classifySendError', () => {
  const error = (statusCode: number, details: ErrorBody['details'] = [], retryAfter?: number) =>
    new ApiError({ statusCode, error: 'x', message: 'x', details }, retryAfter);

  it('retries what may work later', () => {
    expect(classifySendError(error(0))).toEqual({ kind: 'retry', problem: 'offline' });
    expect(classifySendError(error(401))).toEqual({ kind: 'retry', problem: 'session' });
    expect(classifySendError(error(429, [], 12))).toEqual({ kind: 'retry', problem: 'unavailable', retryAfterSeconds: 12 });
    expect(classifySendError(error(502))).toEqual({ kind: 'retry', problem: 'unavailable', retryAfterSeconds: undefined });
    expect(classifySendError(new TypeError('boom'))).toEqual({ kind: 'retry', problem: 'unavailable' });
  });

  it('refuses for good what the API refused, naming the events a 400 blames', () => {
    expect(classifySendError(error(400, [{ field: 'events.3.lessonId', reason: 'must be a UUID' }, { field: 'events.0', reason: 'x' }]))).toEqual({
      kind: 'reject',
      indexes: [0, 3],
    });
    expect(classifySendError(error(400, [{ field: 'events', reason: 'must contain at least 1 elements' }]))).toEqual({ kind: 'reject', indexes: [] });
    expect(classifySendError(error(403))).toEqual({ kind: 'reject', indexes: [] });
  });
});

describe('trimToCapacity and parseStoredEvents', () => {
  const event = (type: ProgressEventInput['type'], n: number): ProgressEventInput => ({
    eventId: `id-${n}`,
    lessonId: LESSON,
    type,
    occurredAt: '2026-11-25T09:30:00.000Z',
  });

  it('drops the oldest events when there are not enough video positions to drop', () => {
    const events = [event('started', 1), event('completed', 2), event('started', 3)];
    expect(trimToCapacity(events, 2).map((e) => e.eventId)).toEqual(['id-2', 'id-3']);
    expect(trimToCapacity(events, 5)).toBe(events);
  });

  it('reads back only well-formed events', () => {
    expect(parseStoredEvents(null)).toEqual([]);
    expect(parseStoredEvents('not json')).toEqual([]);
    expect(parseStoredEvents('{"events": 3}')).toEqual([]);
    expect(parseStoredEvents(JSON.stringify({ v: 1, events: [event('started', 1), { eventId: 2 }, null] }))).toEqual([event('started', 1)]);
  });
});
