import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type JobPayloads, OUTBOX_EVENT_TYPES } from '@academie/contracts';
import { AppConfig, JsonLogger } from '@academie/server-core';
import { type JobHandler, JobProcessor } from '@academie/server-queue';
import {
  OUTBOX_HANDLER,
  type OutboxBatch,
  type OutboxEventContext,
  type OutboxEventHandler,
  type OutboxSubscription,
} from './outbox-handler';

interface Subscriber {
  name: string;
  handler: OutboxEventHandler;
  external: boolean;
}

export type DeliveryOutcome = 'done' | 'already-done' | 'unknown';

interface OpenEvent {
  id: string;
  type: string;
  payload: unknown;
  createdAt: Date;
}

/** One event to deliver to one subscriber; `last`: the subscriber is the event's last, its transaction closes the event. */
interface Item {
  event: OpenEvent;
  subscriber: Subscriber;
  last: boolean;
}

interface Waiter {
  resolve: (outcome: DeliveryOutcome) => void;
  reject: (error: Error) => void;
}

/** A handler's error, with the event it was handling: that event is taken out of the batch, the others go on. */
class HandlerFailure extends Error {
  constructor(
    readonly eventId: string,
    readonly failure: Error,
  ) {
    super(failure.message);
  }
}

/** Deadlocks and serialisation failures: nobody's fault, the same transaction is tried again. */
const transient = (error: unknown): boolean => {
  const e = (error instanceof HandlerFailure ? error.failure : error) as { code?: string; driverError?: { code?: string } };
  const code = e.code ?? e.driverError?.code;
  return code === '40P01' || code === '40001';
};

/**
 * The batch's shared work (OutboxBatch): values by key, each flushed once, in key order whatever the order of first
 * use, so that two batches write their shared rows in the same order (no deadlock between them there).
 */
class SharedWork implements OutboxBatch {
  private readonly entries = new Map<string, { value: unknown; flush: (value: unknown) => Promise<void> }>();

  shared<T>(key: string, create: () => T, flush: (value: T) => Promise<void>): T {
    let entry = this.entries.get(key);
    if (!entry) this.entries.set(key, (entry = { value: create(), flush: flush as (value: unknown) => Promise<void> }));
    return entry.value as T;
  }

  async flush(): Promise<void> {
    for (const key of [...this.entries.keys()].sort()) {
      const { value, flush } = this.entries.get(key)!;
      await flush(value);
    }
  }
}

/** Several outbox.deliver jobs may wait on this many batches at once; more wait for one of them to end. */
const BATCHES_IN_FLIGHT = 2;

/**
 * Delivers outbox events to their subscribers. Each job (`outbox-<id>`) carries one event; the jobs that a worker
 * runs at the same moment are delivered together, in batches of up to OUTBOX_BATCH_SIZE events: per batch one query
 * reads the events and, for each subscriber, one transaction records the deliveries (`outbox_delivery`), runs the
 * handler on each event and commits their effects together. Each job still answers for its own event: it succeeds
 * once its event is closed, and fails with its own handler's error.
 *
 * Exactly once: a subscriber's effect commits in one transaction with its delivery row, locked while the handler
 * runs, so a job that runs again (a retry, a job enqueued twice after Redis lost its data, two workers) finds the
 * delivery done and does nothing. The event closes in the transaction of its last subscriber's delivery.
 *
 * A handler that fails takes its event out of the batch: the failure is recorded on the delivery and the event
 * (attempts, last_error, as the admin console shows them), its job fails and BullMQ retries it later; the transaction
 * is rolled back and run again without that event, or, for an `external` subscriber, the event's savepoint is rolled
 * back and the batch goes on. A failure that names no event (the commit itself) delivers each event alone, except for
 * an `external` subscriber, whose events' jobs then all fail and are retried later (nothing sent twice at once).
 */
@Injectable()
@JobProcessor('outbox.deliver')
export class OutboxDeliverProcessor implements JobHandler<'outbox.deliver'>, OnModuleInit {
  private readonly subscribers = new Map<string, Subscriber[]>();
  private readonly pending = new Map<string, Waiter[]>();
  private inFlight = 0;
  private scheduled = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly discovery: DiscoveryService,
    private readonly config: AppConfig,
    private readonly logger: JsonLogger,
  ) {}

  onModuleInit(): void {
    const names = new Map<string, string[]>();
    const external = new Map<string, boolean>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as OutboxEventHandler | undefined;
      if (!instance || !wrapper.metatype) continue;
      const subscription = Reflect.getMetadata(OUTBOX_HANDLER, wrapper.metatype) as OutboxSubscription | undefined;
      if (!subscription) continue;
      // One name may follow several event types (the KPIs' `reporting`), never one type twice.
      const key = `${subscription.subscriber} of ${subscription.type}`;
      names.set(key, [...(names.get(key) ?? []), wrapper.name]);
      external.set(subscription.subscriber, (external.get(subscription.subscriber) ?? false) || !!subscription.external);
      const list = this.subscribers.get(subscription.type) ?? [];
      list.push({ name: subscription.subscriber, handler: instance, external: !!subscription.external });
      list.sort((a, b) => a.name.localeCompare(b.name));
      this.subscribers.set(subscription.type, list);
    }
    const problems: string[] = [];
    for (const type of OUTBOX_EVENT_TYPES) {
      if (!this.subscribers.get(type)?.length) problems.push(`${type}: no handler`);
    }
    for (const type of this.subscribers.keys()) {
      if (!(OUTBOX_EVENT_TYPES as readonly string[]).includes(type)) problems.push(`${type}: unknown event type`);
    }
    for (const [name, owners] of names) {
      if (owners.length > 1) problems.push(`subscriber ${name} declared twice (${owners.join(', ')})`);
    }
    // A subscriber name is delivered in one transaction per batch, whatever the event type: one mode for all its types.
    for (const list of this.subscribers.values()) {
      for (const s of list) s.external = external.get(s.name) ?? false;
    }
    if (problems.length) throw new Error(`outbox handlers misconfigured: ${problems.join('; ')}`);
  }

  /** The job of one event: joins the next batch and answers for that event alone. */
  process({ eventId }: JobPayloads['outbox.deliver']): Promise<DeliveryOutcome> {
    const id = String(eventId);
    return new Promise<DeliveryOutcome>((resolve, reject) => {
      const waiters = this.pending.get(id);
      if (waiters) waiters.push({ resolve, reject });
      else this.pending.set(id, [{ resolve, reject }]);
      this.schedule();
    });
  }

  /** Starts a batch after the jobs that arrived in this turn of the event loop have joined. */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= BATCHES_IN_FLIGHT || this.pending.size === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.inFlight < BATCHES_IN_FLIGHT && this.pending.size > 0) this.startBatch();
    });
  }

  private startBatch(): void {
    const batch = new Map<string, Waiter[]>();
    for (const [id, waiters] of this.pending) {
      if (batch.size >= this.config.OUTBOX_BATCH_SIZE) break;
      batch.set(id, waiters);
    }
    for (const id of batch.keys()) this.pending.delete(id);
    this.inFlight++;
    this.deliver([...batch.keys()])
      .then(
        (outcomes) => {
          for (const [id, waiters] of batch) {
            const outcome = outcomes.get(id) ?? new Error(`outbox event ${id}: no outcome`);
            for (const waiter of waiters) {
              if (outcome instanceof Error) waiter.reject(outcome);
              else waiter.resolve(outcome);
            }
          }
        },
        (error: Error) => {
          for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
        },
      )
      .finally(() => {
        this.inFlight--;
        this.schedule();
      });
  }

  /**
   * Delivers these events to each of their subscribers, together: each event's outcome, or the error that failed it
   * (recorded on its delivery and on the event).
   */
  async deliver(eventIds: string[]): Promise<Map<string, DeliveryOutcome | Error>> {
    const outcomes = new Map<string, DeliveryOutcome | Error>();
    const rows: { id: string; type: string; payload: unknown; created_at: Date; processed_at: Date | null }[] = await this.dataSource.query(
      `SELECT id, type, payload, created_at, processed_at FROM outbox_event WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [eventIds],
    );
    for (const id of eventIds) outcomes.set(id, 'unknown');
    const open: OpenEvent[] = [];
    for (const row of rows) {
      const id = String(row.id);
      if (row.processed_at) outcomes.set(id, 'already-done');
      else if (!this.subscribers.get(row.type)?.length) outcomes.set(id, new Error(`no handler for outbox event type ${row.type}`));
      else open.push({ id, type: row.type, payload: row.payload, createdAt: row.created_at });
    }
    if (open.length === 0) return outcomes;

    const delivered = new Set<string>();
    const closed = new Set<string>();
    const failed = new Map<string, Error>();
    const names = [...new Set(open.flatMap((event) => this.subscribers.get(event.type)!.map((s) => s.name)))].sort((a, b) =>
      a.localeCompare(b),
    );
    for (const name of names) {
      // An event whose earlier subscriber failed stops there, as its job does: the retry starts again from the first.
      const items: Item[] = [];
      for (const event of open) {
        if (failed.has(event.id)) continue;
        const list = this.subscribers.get(event.type)!;
        const index = list.findIndex((s) => s.name === name);
        if (index >= 0) items.push({ event, subscriber: list[index], last: index === list.length - 1 });
      }
      if (items.length) await this.deliverTo(name, items, { delivered, closed, failed });
    }

    // Events whose last delivery was recorded by an earlier attempt: close them now.
    const unclosed = open.filter((event) => !failed.has(event.id) && !closed.has(event.id)).map((event) => event.id);
    if (unclosed.length) {
      await this.dataSource.query(
        `UPDATE outbox_event SET processed_at = now(), attempts = attempts + 1, last_error = NULL
          WHERE id = ANY($1::bigint[]) AND processed_at IS NULL`,
        [unclosed],
      );
    }
    for (const event of open) outcomes.set(event.id, failed.get(event.id) ?? (delivered.has(event.id) ? 'done' : 'already-done'));
    return outcomes;
  }

  /** One subscriber's deliveries of a batch, in one transaction; a failing event is taken out and the rest run again. */
  private async deliverTo(
    name: string,
    items: Item[],
    state: { delivered: Set<string>; closed: Set<string>; failed: Map<string, Error> },
  ): Promise<void> {
    let remaining = items;
    let retries = 0;
    while (remaining.length > 0) {
      try {
        const result = await this.dataSource.transaction((manager) => this.runTransaction(manager, name, remaining));
        for (const id of result.delivered) state.delivered.add(id);
        for (const id of result.closed) state.closed.add(id);
        for (const [id, error] of result.failed) state.failed.set(id, error);
        return;
      } catch (error) {
        if (remaining[0].subscriber.external) {
          // Effects outside the database may be done already: no new run now; each job fails and is retried later,
          // as a single event's job is when its commit fails after its e-mail went out.
          for (const item of remaining) {
            await this.recordFailure(this.dataSource.manager, item, error as Error);
            state.failed.set(item.event.id, error as Error);
          }
          return;
        }
        if (transient(error) && retries++ < 2) continue;
        const culprit = error instanceof HandlerFailure ? remaining.find((item) => item.event.id === error.eventId) : undefined;
        if (culprit || remaining.length === 1) {
          const item = culprit ?? remaining[0];
          const cause = error instanceof HandlerFailure ? error.failure : (error as Error);
          await this.recordFailure(this.dataSource.manager, item, cause);
          state.failed.set(item.event.id, cause);
          remaining = remaining.filter((other) => other !== item);
          continue;
        }
        // A failure of no one event in particular: each event alone, so that each records its own outcome.
        for (const item of remaining) await this.deliverTo(name, [item], state);
        return;
      }
    }
  }

  private async runTransaction(
    manager: EntityManager,
    name: string,
    items: Item[],
  ): Promise<{ delivered: string[]; closed: string[]; failed: Map<string, Error> }> {
    const ids = items.map((item) => item.event.id);
    await manager.query(
      `INSERT INTO outbox_delivery (event_id, subscriber) SELECT id, $2 FROM unnest($1::bigint[]) AS id ORDER BY id
       ON CONFLICT ON CONSTRAINT pk_outbox_delivery DO NOTHING`,
      [ids, name],
    );
    // The rows' locks serialise two jobs of the same event: the second sees the first one's outcome. Taken in id order.
    const locked: { event_id: string; processed_at: Date | null }[] = await manager.query(
      `SELECT event_id, processed_at FROM outbox_delivery WHERE event_id = ANY($1::bigint[]) AND subscriber = $2 ORDER BY event_id FOR UPDATE`,
      [ids, name],
    );
    const done = new Set(locked.filter((row) => row.processed_at).map((row) => String(row.event_id)));
    const work = new SharedWork();
    const delivered: string[] = [];
    const failed = new Map<string, Error>();
    for (const item of items) {
      if (done.has(item.event.id)) continue;
      const context: OutboxEventContext = { eventId: item.event.id, createdAt: item.event.createdAt };
      if (!item.subscriber.external) {
        try {
          await item.subscriber.handler.handle(manager, item.event.payload as never, { ...context, batch: work });
        } catch (error) {
          throw new HandlerFailure(item.event.id, error as Error);
        }
        delivered.push(item.event.id);
        continue;
      }
      // Acting outside the database: a savepoint of its own, so that its failure rolls back its writes alone.
      await manager.query(`SAVEPOINT outbox_event`);
      try {
        await item.subscriber.handler.handle(manager, item.event.payload as never, context);
        await manager.query(`RELEASE SAVEPOINT outbox_event`);
        delivered.push(item.event.id);
      } catch (error) {
        // Even a deadlock stays this event's failure: running the batch again would repeat the others' external effects.
        await manager.query(`ROLLBACK TO SAVEPOINT outbox_event`);
        await this.recordFailure(manager, item, error as Error);
        failed.set(item.event.id, error as Error);
      }
    }
    await work.flush();
    if (delivered.length) {
      await manager.query(
        `UPDATE outbox_delivery SET processed_at = now(), attempts = attempts + 1, last_error = NULL
          WHERE event_id = ANY($1::bigint[]) AND subscriber = $2`,
        [delivered, name],
      );
    }
    // Every earlier subscriber has recorded its delivery: the event closes in this same commit.
    const closing = items.filter((item) => item.last && delivered.includes(item.event.id)).map((item) => item.event.id);
    if (closing.length) {
      await manager.query(
        `UPDATE outbox_event SET processed_at = now(), attempts = attempts + 1, last_error = NULL
          WHERE id = ANY($1::bigint[]) AND processed_at IS NULL`,
        [closing],
      );
    }
    return { delivered, closed: closing, failed };
  }

  /** The attempt, recorded on the delivery (a row of its own if need be) and on the event; the job then fails. */
  private async recordFailure(manager: EntityManager, item: Item, error: Error): Promise<void> {
    const message = error.message.slice(0, 2000);
    const { id } = item.event;
    const name = item.subscriber.name;
    await manager
      .query(
        `WITH failed AS (
           INSERT INTO outbox_delivery (event_id, subscriber, attempts, last_error) VALUES ($1, $2, 1, $3)
           ON CONFLICT ON CONSTRAINT pk_outbox_delivery DO UPDATE
             SET attempts = outbox_delivery.attempts + 1, last_error = EXCLUDED.last_error
             WHERE outbox_delivery.processed_at IS NULL)
         UPDATE outbox_event SET attempts = attempts + 1, last_error = $4 WHERE id = $1 AND processed_at IS NULL`,
        [id, name, message, `${name}: ${message}`],
      )
      .catch(() => undefined);
    this.logger.event('warn', 'outbox event failed', { eventId: id, subscriber: name, errorMessage: message }, 'outbox');
  }
}
