// Rate limits shared by several API processes: two real API processes on the same database and the same
// Redis prefix count the same login attempts. 10 wrong passwords alternating between them answer 401; the
// 11th and 12th answer 429 with Retry-After, even with the right password.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ErrorBody } from '@academie/contracts';
import { freePort, platformEnv, startProcess, waitForStatus } from '../support/processes.mjs';

type Handle = ReturnType<typeof startProcess>;

describe('login rate limit across two API processes', () => {
  const apis: { url: string; process: Handle }[] = [];

  beforeAll(async () => {
    const base = platformEnv() as Record<string, string>;
    // A Redis prefix of their own (under the run's prefix, cleaned up with it), shared by both processes.
    const shared = { ...base, REDIS_PREFIX: `${base.REDIS_PREFIX}-rate-limit` };
    for (const label of ['rate-limit-api-a', 'rate-limit-api-b']) {
      const port = await freePort();
      const process = startProcess('api', { ...shared, API_PORT: String(port) }, label);
      apis.push({ url: `http://127.0.0.1:${port}`, process });
    }
    await Promise.all(apis.map((api) => waitForStatus(`${api.url}/api/health/ready`, 200, 60_000, api.process)));
  });

  afterAll(async () => {
    const codes = await Promise.all(apis.map((api) => api.process.stop()));
    expect(codes).toEqual([0, 0]);
  });

  const post = async (api: { url: string }, path: string, body: unknown) => {
    const response = await fetch(`${api.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json().catch(() => null)) as ErrorBody };
  };

  it('counts attempts on one account across both processes: 10 × 401, then 429 with Retry-After even with the right password', async () => {
    const email = `limite.${Date.now().toString(36)}@example.fr`;
    const password = `Limite-${Date.now().toString(36)}-correct`;
    const registered = await post(apis[0], '/api/auth/register', { email, password, firstName: 'Léon', lastName: 'Limite' });
    expect(registered.status).toBe(201);
    // Two different processes indeed, both able to sign the person in.
    expect(apis[0].process.pid).not.toBe(apis[1].process.pid);

    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await post(apis[attempt % 2], '/api/auth/login', { email, password: 'Pas-Le-Bon-Mot-De-Passe' });
      expect({ attempt, status: response.status }).toEqual({ attempt, status: 401 });
    }
    for (const [index, api] of [apis[1], apis[0]].entries()) {
      const response = await post(api, '/api/auth/login', { email, password });
      expect({ attempt: 11 + index, status: response.status }).toEqual({ attempt: 11 + index, status: 429 });
      const retryAfter = Number(response.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(response.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', message: expect.any(String), details: expect.any(Array) });
    }
  });
});
