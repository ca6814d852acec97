import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import {
  type ErrorDetail,
  PROGRESS_BATCH_MAX,
  PROGRESS_EVENT_TYPES,
  type ProgressBatchRequest,
  type ProgressEventInput,
  type ProgressEventType,
} from '@academie/contracts';
import { parseInstant } from '../instant';

/** How far ahead of the server's clock a client's `occurredAt` may be. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
const EARLIEST = Date.parse('2020-01-01T00:00:00Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EVENT_KEYS = new Set(['eventId', 'lessonId', 'type', 'position', 'occurredAt']);
const TYPES = new Set<string>(PROGRESS_EVENT_TYPES);

function eventProblems(event: unknown, path: string, now: number, out: ErrorDetail[]): void {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    out.push({ field: path, reason: 'must be an object' });
    return;
  }
  const e = event as Record<string, unknown>;
  for (const key of Object.keys(e)) if (!EVENT_KEYS.has(key)) out.push({ field: `${path}.${key}`, reason: `property ${key} should not exist` });
  if (typeof e.eventId !== 'string' || !UUID.test(e.eventId)) out.push({ field: `${path}.eventId`, reason: 'must be a UUID' });
  if (typeof e.lessonId !== 'string' || !UUID.test(e.lessonId)) out.push({ field: `${path}.lessonId`, reason: 'must be a UUID' });
  const typeOk = typeof e.type === 'string' && TYPES.has(e.type);
  if (!typeOk) out.push({ field: `${path}.type`, reason: `must be one of ${PROGRESS_EVENT_TYPES.join(', ')}` });
  if (e.position === undefined) {
    if (e.type === 'video_position') out.push({ field: `${path}.position`, reason: 'is required for a video_position event' });
  } else if (e.type === 'started') {
    out.push({ field: `${path}.position`, reason: 'must not be given for a started event' });
  } else if (typeof e.position !== 'number' || !Number.isFinite(e.position)) {
    out.push({ field: `${path}.position`, reason: 'must be a number of seconds' });
  } else if (e.position < 0 || e.position > 86_400) {
    out.push({ field: `${path}.position`, reason: 'must be between 0 and 86400 seconds' });
  }
  const at = parseInstant(e.occurredAt);
  if (at === null || at < EARLIEST) {
    out.push({ field: `${path}.occurredAt`, reason: 'must be an ISO 8601 date-time with its offset (2026-01-31T09:30:00.000Z), after 2020' });
  } else if (at > now + MAX_CLOCK_SKEW_MS) {
    out.push({ field: `${path}.occurredAt`, reason: 'must not be more than 5 minutes in the future' });
  }
}

/**
 * Checks a body of `POST /api/progress/events` and returns it typed, or the problems with their dotted paths
 * (`events.3.lessonId`) — the same rules and error format as the validation pipe, written out by hand because this
 * route is the hot path (no class instances per event).
 */
export function progressBatchProblems(body: unknown, now = Date.now()): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [{ field: 'body', reason: 'must be an object' }];
  const b = body as Record<string, unknown>;
  for (const key of Object.keys(b)) if (key !== 'events') out.push({ field: key, reason: `property ${key} should not exist` });
  const events = b.events;
  if (!Array.isArray(events)) {
    out.push({ field: 'events', reason: 'events must be an array' });
  } else if (events.length < 1 || events.length > PROGRESS_BATCH_MAX) {
    out.push({ field: 'events', reason: `must contain 1 to ${PROGRESS_BATCH_MAX} events` });
  } else {
    events.forEach((event, index) => eventProblems(event, `events.${index}`, now, out));
  }
  return out;
}

/** The route's pipe: a valid batch, or 400 in the one error format. */
@Injectable()
export class ProgressBatchPipe implements PipeTransform<unknown, ProgressBatchRequest> {
  transform(body: unknown): ProgressBatchRequest {
    const details = progressBatchProblems(body);
    if (details.length > 0) throw new BadRequestException({ message: 'Requête invalide.', details });
    const events = (body as { events: Record<string, unknown>[] }).events.map(
      (e): ProgressEventInput => ({
        eventId: e.eventId as string,
        lessonId: e.lessonId as string,
        type: e.type as ProgressEventType,
        ...(e.position === undefined ? {} : { position: e.position as number }),
        occurredAt: e.occurredAt as string,
      }),
    );
    return { events };
  }
}
