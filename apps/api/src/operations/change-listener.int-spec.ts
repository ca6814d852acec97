import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { ChangeListener } from '@academie/server-core';
import { MemoryLogger, createTestDatabase, eventually } from '@academie/server-testing';

/**
 * The LISTEN connection behind the catalogue's answers cache and the KPI slices: notices reach the owner, a connection
 * ended by PostgreSQL is reported (the owner stops trusting its cache) and comes back by itself, and stop() is final.
 */
describe('ChangeListener', () => {
  let url: string;
  let db: pg.Client;

  beforeAll(async () => {
    url = await createTestDatabase();
    db = new pg.Client({ connectionString: url });
    db.on('error', () => undefined);
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
  });

  const listenerPid = async (name: string) =>
    (await db.query(`SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [name])).rows[0]?.pid as
      | number
      | undefined;

  it('passes notices on, survives PostgreSQL ending its connection, and stops for good', async () => {
    const logger = new MemoryLogger('api');
    let changes = 0;
    const listener = new ChangeListener({
      url,
      channel: 'test_changes',
      applicationName: 'test-change-listener',
      logger,
      context: 'test',
      lostMessage: 'test listener lost',
      onChange: () => changes++,
    });
    await listener.start();
    expect(listener.listening).toBe(true);
    expect(changes).toBe(1); // listening starts: anything derived before may be stale

    await db.query(`NOTIFY test_changes`);
    await db.query(`NOTIFY other_channel`);
    await eventually(() => changes === 2, 5_000);

    const pid = await listenerPid('test-change-listener');
    expect(pid).toEqual(expect.any(Number));
    await db.query(`SELECT pg_terminate_backend($1)`, [pid]);
    await eventually(() => !listener.listening, 5_000);
    expect(changes).toBeGreaterThanOrEqual(3); // the loss counts as a change
    expect(logger.entries()).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'test listener lost', context: 'test' }));

    // Back by itself on a new connection, notices flowing again.
    await eventually(() => listener.listening, 10_000);
    const afterReconnect = changes;
    expect(await listenerPid('test-change-listener')).not.toBe(pid);
    await db.query(`NOTIFY test_changes`);
    await eventually(() => changes === afterReconnect + 1, 5_000);

    await listener.stop();
    expect(listener.listening).toBe(false);
    await eventually(async () => (await listenerPid('test-change-listener')) === undefined, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await listenerPid('test-change-listener')).toBeUndefined(); // no reconnection after stop()
  });

  it('refuses a channel name that is not a plain identifier (it is written into the LISTEN statement)', () => {
    const make = (channel: string) =>
      new ChangeListener({ url, channel, applicationName: 'x', logger: new MemoryLogger(), context: 'test', lostMessage: 'x', onChange: () => undefined });
    expect(() => make('kpi_changed; DROP TABLE course')).toThrow(/plain channel name/);
    expect(() => make('Catalog-Changed')).toThrow(/plain channel name/);
    expect(() => make('catalog_changed')).not.toThrow();
  });
});
