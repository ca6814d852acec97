// The running platform over HTTP, as clients see it: through the web server's /api proxy and directly.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { CourseListResponse, ErrorBody, HealthReadyResponse, PingResponse, SessionResponse } from '@academie/contracts';
import { DEMO_ACCOUNTS } from '@academie/server-testing';

const apiUrl = () => process.env.E2E_API_URL as string;
const webUrl = () => process.env.E2E_WEB_URL as string;

async function json<T>(url: string, init?: RequestInit): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

describe('platform over HTTP', () => {
  /** `Authorization` of the demo administrator, signed in through the web origin. */
  let asAdmin: Record<string, string>;

  beforeAll(async () => {
    const admin = DEMO_ACCOUNTS.find((account) => account.role === 'admin');
    const login = await json<SessionResponse>(`${webUrl()}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: admin?.email, password: admin?.password }),
    });
    expect(login.status).toBe(200);
    asAdmin = { authorization: `Bearer ${login.body.accessToken}` };
  });

  it('is ready: PostgreSQL and Redis answer, the worker beats', async () => {
    const ready = await json<HealthReadyResponse>(`${apiUrl()}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.body.checks.every((c) => c.ok)).toBe(true);
    expect((await json<{ status: string }>(`${apiUrl()}/api/health/worker`)).body.status).toBe('ok');
  });

  it('serves the seeded catalogue through the web origin', async () => {
    const { status, body } = await json<CourseListResponse>(`${webUrl()}/api/courses?limit=50`);
    expect(status).toBe(200);
    expect(body.items.length).toBeGreaterThanOrEqual(12);
    expect(body.items.map((c) => c.title)).toContain("Découvrir l'IA générative pour sa TPE");
  });

  it('carries a ping from the API to the worker and back through the outbox', async () => {
    const refused = await fetch(`${webUrl()}/api/system/ping`, { method: 'POST' });
    expect(refused.status).toBe(401);
    const created = await json<PingResponse>(`${webUrl()}/api/system/ping`, { method: 'POST', headers: asAdmin });
    expect(created.status).toBe(202);
    let ping = created.body;
    const deadline = Date.now() + 15_000;
    while (ping.status !== 'done' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      ping = (await json<PingResponse>(`${apiUrl()}/api/system/ping/${created.body.id}`, { headers: asAdmin })).body;
    }
    expect(ping).toMatchObject({ id: created.body.id, status: 'done', handledBy: expect.any(String) });
  });

  it.each([
    ['malformed JSON', '{"a":', 'application/json', 'body'],
    ['a wrong content type', 'a=1', 'application/x-www-form-urlencoded', 'content-type'],
  ])('answers %s with a 4xx in the error format', async (_label, payload, contentType, field) => {
    const { status, body } = await json<ErrorBody>(`${webUrl()}/api/system/ping`, {
      method: 'POST',
      body: payload,
      headers: { 'content-type': contentType, ...asAdmin },
    });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(body).toMatchObject({ statusCode: status, error: expect.any(String), message: expect.any(String) });
    expect(body.details).toEqual([expect.objectContaining({ field })]);
  });

  it('publishes the OpenAPI document and its docs page', async () => {
    const doc = await json<{ openapi: string }>(`${apiUrl()}/api/openapi.json`);
    expect(doc.body.openapi).toMatch(/^3\./);
    const docs = await fetch(`${apiUrl()}/api/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
  });
});
