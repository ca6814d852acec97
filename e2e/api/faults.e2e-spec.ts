// Outages of the API's dependencies, on a PostgreSQL and a redis-server of this test's own (never the
// machine's shared ones): readiness names the failing one, nothing crashes, everything recovers unaided.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ErrorBody, PingResponse, SessionResponse } from '@academie/contracts';
import { DEMO_ACCOUNTS, OwnPostgres, OwnRedis } from '@academie/server-testing';
import { startPlatform, startProcess, waitForStatus } from '../support/processes.mjs';

type Platform = Awaited<ReturnType<typeof startPlatform>>;

describe('dependency outages', () => {
  let postgres: OwnPostgres;
  let redis: OwnRedis;
  let platform: Platform;
  /** `Authorization` of the demo administrator (pings are for administrators), signed in before the outages. */
  let asAdmin: Record<string, string>;

  beforeAll(async () => {
    [postgres, redis] = await Promise.all([OwnPostgres.start(), OwnRedis.start()]);
    platform = await startPlatform({
      databaseUrl: postgres.url('academie'),
      redisUrl: redis.url,
      redisPrefix: 'faults',
      label: 'faults',
    });
    const admin = DEMO_ACCOUNTS.find((account) => account.role === 'admin');
    const login = await fetch(`${platform.apiUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: admin?.email, password: admin?.password }),
    });
    expect(login.status).toBe(200);
    asAdmin = { authorization: `Bearer ${((await login.json()) as SessionResponse).accessToken}` };
  });

  afterAll(async () => {
    await Promise.all(platform?.processes.map((p) => p.stop()) ?? []);
    await Promise.all([postgres?.destroy(), redis?.destroy()]);
  });

  const ready = async () => {
    const response = await fetch(`${platform.apiUrl}/api/health/ready`);
    return { status: response.status, body: (await response.json()) as ErrorBody };
  };

  it('answers 503 naming PostgreSQL while it is down, and recovers without a restart', async () => {
    await postgres.stop();
    await waitForStatus(`${platform.apiUrl}/api/health/ready`, 503, 15_000);
    const down = await ready();
    expect(down.body.message).toContain('PostgreSQL');
    expect(down.body.details.map((d) => d.field)).toEqual(['postgres']);
    // A request that needs the database fails cleanly, in the error format, without a stack trace.
    const courses = await fetch(`${platform.apiUrl}/api/courses`);
    expect(courses.status).toBe(500);
    expect(await courses.json()).toEqual({ statusCode: 500, error: 'Internal Server Error', message: expect.any(String), details: [] });

    await postgres.resume();
    await waitForStatus(`${platform.apiUrl}/api/health/ready`, 200, 30_000);
    expect((await fetch(`${platform.apiUrl}/api/courses`)).status).toBe(200);
    expect(platform.api.alive).toBe(true);
    expect(platform.worker.alive).toBe(true);
  });

  it('answers 503 naming Redis while it is down, and recovers without a restart', async () => {
    await redis.stop();
    await waitForStatus(`${platform.apiUrl}/api/health/ready`, 503, 15_000);
    const down = await ready();
    expect(down.body.message).toContain('Redis');
    expect(down.body.details.map((d) => d.field)).toEqual(['redis']);

    await redis.resume();
    await waitForStatus(`${platform.apiUrl}/api/health/ready`, 200, 30_000);
    expect(platform.api.alive).toBe(true);
    expect(platform.worker.alive).toBe(true);
  });

  it('still carries a ping end to end after both outages (the restarted Redis kept nothing)', async () => {
    const created = (await (await fetch(`${platform.apiUrl}/api/system/ping`, { method: 'POST', headers: asAdmin })).json()) as PingResponse;
    let ping = created;
    const deadline = Date.now() + 20_000;
    while (ping.status !== 'done' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      ping = (await (await fetch(`${platform.apiUrl}/api/system/ping/${created.id}`, { headers: asAdmin })).json()) as PingResponse;
    }
    expect(ping.status).toBe('done');
  });

  it('reports a stopped worker as stale while the API stays ready, and fresh again once it is back', async () => {
    expect(await platform.worker.stop()).toBe(0); // graceful: SIGTERM, running jobs finish, exit code 0
    await waitForStatus(`${platform.apiUrl}/api/health/worker`, 503, 15_000);
    const stale = (await (await fetch(`${platform.apiUrl}/api/health/worker`)).json()) as ErrorBody & { status: string };
    expect(stale.status).toBe('stale');
    expect((await ready()).status).toBe(200);

    const worker = startProcess('worker', platform.env, 'faults-worker-2');
    platform.processes.push(worker);
    await waitForStatus(`${platform.apiUrl}/api/health/worker`, 200, 30_000, worker);
  });
});
