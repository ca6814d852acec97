import { BadRequestException } from '@nestjs/common';
import { ProgressBatchPipe, progressBatchProblems } from './progress-batch.validation';

const NOW = Date.parse('2026-11-25T10:00:00.000Z');
const event = (over: Record<string, unknown> = {}) => ({
  eventId: '0b6e3a52-4c1f-4b7e-9a51-6b1f2c3d4e5f',
  lessonId: '7d9f0a1b-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
  type: 'video_position',
  position: 12.5,
  occurredAt: '2026-11-25T09:59:00.000+01:00',
  ...over,
});

describe('progress batch validation', () => {
  it('accepts a batch of well-formed events and keeps only their fields', () => {
    expect(progressBatchProblems({ events: [event(), event({ type: 'started', position: undefined }), event({ type: 'completed', position: undefined })] }, NOW)).toEqual([]);
    expect(new ProgressBatchPipe().transform({ events: [event({ type: 'completed' })] })).toEqual({ events: [event({ type: 'completed' })] });
  });

  it('names each problem by its dotted path', () => {
    expect(
      progressBatchProblems(
        {
          events: [
            event(),
            event({ eventId: 'x', lessonId: 42 }),
            event({ type: 'paused' }),
            event({ position: undefined }),
            event({ type: 'started', position: 1 }),
            event({ position: -1 }),
            event({ position: '3' }),
            event({ occurredAt: '2026-11-25 09:59' }),
            event({ occurredAt: '2026-11-25T10:06:00Z' }),
            event({ occurredAt: '2019-12-31T23:00:00Z' }),
            event({ extra: true }),
            null,
            event({ occurredAt: '2026-02-30T10:00:00Z' }),
            event({ occurredAt: '2026-11-25T09:00:00+16:00' }),
            event({ occurredAt: '2026-11-25T24:00:00Z' }),
          ],
          more: 1,
        },
        NOW,
      ),
    ).toEqual([
      { field: 'more', reason: 'property more should not exist' },
      { field: 'events.1.eventId', reason: 'must be a UUID' },
      { field: 'events.1.lessonId', reason: 'must be a UUID' },
      { field: 'events.2.type', reason: 'must be one of started, completed, video_position' },
      { field: 'events.3.position', reason: 'is required for a video_position event' },
      { field: 'events.4.position', reason: 'must not be given for a started event' },
      { field: 'events.5.position', reason: 'must be between 0 and 86400 seconds' },
      { field: 'events.6.position', reason: 'must be a number of seconds' },
      { field: 'events.7.occurredAt', reason: 'must be an ISO 8601 date-time with its offset (2026-01-31T09:30:00.000Z), after 2020' },
      { field: 'events.8.occurredAt', reason: 'must not be more than 5 minutes in the future' },
      { field: 'events.9.occurredAt', reason: 'must be an ISO 8601 date-time with its offset (2026-01-31T09:30:00.000Z), after 2020' },
      { field: 'events.10.extra', reason: 'property extra should not exist' },
      { field: 'events.11', reason: 'must be an object' },
      // JavaScript would read these; PostgreSQL refuses them: never a 500.
      { field: 'events.12.occurredAt', reason: 'must be an ISO 8601 date-time with its offset (2026-01-31T09:30:00.000Z), after 2020' },
      { field: 'events.13.occurredAt', reason: 'must be an ISO 8601 date-time with its offset (2026-01-31T09:30:00.000Z), after 2020' },
      { field: 'events.14.occurredAt', reason: 'must be an ISO 8601 date-time with its offset (2026-01-31T09:30:00.000Z), after 2020' },
    ]);
  });

  it('wants 1 to 100 events in an object', () => {
    expect(progressBatchProblems({ events: [] }, NOW)).toEqual([{ field: 'events', reason: 'must contain 1 to 100 events' }]);
    expect(progressBatchProblems({ events: Array.from({ length: 101 }, () => event()) }, NOW)[0].field).toBe('events');
    expect(progressBatchProblems({}, NOW)).toEqual([{ field: 'events', reason: 'events must be an array' }]);
    expect(progressBatchProblems([], NOW)).toEqual([{ field: 'body', reason: 'must be an object' }]);
    expect(() => new ProgressBatchPipe().transform(null)).toThrow(BadRequestException);
  });
});
