import { SnakeNamingStrategy } from './snake-naming.strategy';

describe('SnakeNamingStrategy', () => {
  const naming = new SnakeNamingStrategy();
  it('turns property names into snake_case columns', () => {
    expect(naming.columnName('durationMinutes', undefined, [])).toBe('duration_minutes');
    expect(naming.columnName('countsTowardGoal', undefined, [])).toBe('counts_toward_goal');
    expect(naming.columnName('id', undefined, [])).toBe('id');
    expect(naming.columnName('url', undefined, ['videoSource'])).toBe('video_source_url');
  });
  it('keeps explicit table names and snake-cases class names', () => {
    expect(naming.tableName('OutboxEvent', 'outbox_event')).toBe('outbox_event');
    expect(naming.tableName('WorkerHeartbeat', undefined)).toBe('worker_heartbeat');
  });
});
