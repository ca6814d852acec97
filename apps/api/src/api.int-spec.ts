import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import type { CourseListResponse, ErrorBody, PingResponse } from '@academie/contracts';
import { SEED_COURSES, createDataSource, seedDemoData } from '@academie/server-database';
import { ApiClient, MemoryLogger, createTestDatabase, createTestUser, testConfig } from '@academie/server-testing';
import { createApiApp } from './bootstrap';

let app: NestFastifyApplication;
let db: pg.Client;
const logger = new MemoryLogger('api');
/** `Authorization` headers of an administrator and of a learner, signed in through the API. */
let asAdmin: Record<string, string>;
let asLearner: Record<string, string>;

type InjectOptions = { method?: string; url: string; payload?: unknown; headers?: Record<string, string> };
async function call<T = unknown>(options: InjectOptions): Promise<{ status: number; body: T; headers: Record<string, unknown> }> {
  const response = await app
    .getHttpAdapter()
    .getInstance()
    .inject({ method: (options.method ?? 'GET') as 'GET', url: options.url, payload: options.payload as string, headers: options.headers });
  return { status: response.statusCode, body: response.body ? (JSON.parse(response.body) as T) : (undefined as T), headers: response.headers };
}

function expectErrorFormat(body: ErrorBody, status: number): void {
  expect(body).toMatchObject({
    statusCode: status,
    error: expect.any(String),
    message: expect.any(String),
    details: expect.any(Array),
  });
  expect(JSON.stringify(body)).not.toMatch(/at .*\.(js|ts):\d+/); // never a stack trace
}

beforeAll(async () => {
  const url = await createTestDatabase();
  const seedSource = createDataSource({ DATABASE_URL: url, DATABASE_POOL_SIZE: 1 });
  await seedSource.initialize();
  await seedDemoData(seedSource);
  await seedSource.destroy();
  db = new pg.Client({ connectionString: url });
  await db.connect();
  app = await createApiApp(testConfig({ DATABASE_URL: url }), logger);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const api = new ApiClient(app);
  const admin = await createTestUser(db, { roles: ['admin'] });
  const learner = await createTestUser(db);
  asAdmin = { authorization: `Bearer ${(await api.login(admin.email, admin.password)).accessToken}` };
  asLearner = { authorization: `Bearer ${(await api.login(learner.email, learner.password)).accessToken}` };
});

afterAll(async () => {
  await app?.close();
  await db?.end();
});

describe('health', () => {
  it('is alive and ready when PostgreSQL and Redis answer', async () => {
    expect((await call({ url: '/api/health' })).body).toEqual({ status: 'ok' });
    const ready = await call<{ status: string; checks: { name: string; ok: boolean }[] }>({ url: '/api/health/ready' });
    expect(ready.status).toBe(200);
    expect(ready.body.checks.map((c) => [c.name, c.ok])).toEqual([
      ['postgres', true],
      ['redis', true],
    ]);
  });

  it('reports no worker as 503 in the error format when none ever beat', async () => {
    const response = await call<ErrorBody>({ url: '/api/health/worker' });
    expect(response.status).toBe(503);
    expectErrorFormat(response.body, 503);
    expect(response.body.details).toEqual([{ field: 'worker', reason: 'unknown' }]);
  });

  it('reports a recent heartbeat as ok and an old one as stale', async () => {
    await db.query(
      `INSERT INTO worker_heartbeat (worker_id, host, pid, started_at, beat_at) VALUES ('w1', 'h', 1, now(), now())`,
    );
    expect((await call<{ status: string }>({ url: '/api/health/worker' })).body.status).toBe('ok');
    await db.query(`UPDATE worker_heartbeat SET beat_at = now() - interval '1 minute'`);
    const stale = await call<ErrorBody & { status: string }>({ url: '/api/health/worker' });
    expect(stale.status).toBe(503);
    expect(stale.body.status).toBe('stale');
    expect(stale.body.details).toEqual([{ field: 'worker', reason: 'stale' }]);
    await db.query(`DELETE FROM worker_heartbeat`);
  });
});

describe('catalogue', () => {
  it('lists every seeded published course over keyset pages without duplicates', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response: { status: number; body: CourseListResponse } = await call<CourseListResponse>({
        url: `/api/courses?limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      });
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(5);
      seen.push(...response.body.items.map((c) => c.slug));
      cursor = response.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toHaveLength(SEED_COURSES.length);
    expect(new Set(seen).size).toBe(SEED_COURSES.length);
    // newest first: the seed's most recent course leads
    expect(seen[0]).toBe([...SEED_COURSES].sort((a, b) => a.publishedDaysAgo - b.publishedDaysAgo)[0].slug);
  });

  it('covers every audience of the plan', async () => {
    const { body } = await call<CourseListResponse>({ url: '/api/courses?limit=50' });
    const audiences = new Set(body.items.flatMap((c) => c.audiences));
    expect([...audiences].sort()).toEqual(['apprenti', 'demandeur_emploi', 'eti', 'grand_groupe', 'pme', 'tpe']);
  });

  it('hides drafts', async () => {
    await db.query(
      `INSERT INTO course (slug, kind, title, summary, level, duration_minutes, status) VALUES ('brouillon', 'course', 'Brouillon', 'x', 'avance', 10, 'draft')`,
    );
    const { body } = await call<CourseListResponse>({ url: '/api/courses?limit=50' });
    expect(body.items.map((c) => c.slug)).not.toContain('brouillon');
  });

  it.each([
    ['limit=abc', 'limit', 'must be an integer'],
    ['limit=0', 'limit', 'limit must not be less than 1'],
    ['limit=51', 'limit', 'limit must not be greater than 50'],
    ['cursor=zzz', 'cursor', 'must be a nextCursor returned by this route'],
    ['unknown=1', 'unknown', 'property unknown should not exist'],
  ])('refuses %s with a 400 naming the field', async (query, field, reason) => {
    const response = await call<ErrorBody>({ url: `/api/courses?${query}` });
    expect(response.status).toBe(400);
    expectErrorFormat(response.body, 400);
    expect(response.body.details).toEqual([{ field, reason }]);
  });
});

describe('error format', () => {
  it('answers malformed JSON with a 400 naming the body', async () => {
    const response = await call<ErrorBody>({
      method: 'POST',
      url: '/api/system/ping',
      payload: '{"oops":',
      headers: { 'content-type': 'application/json', ...asAdmin },
    });
    expect(response.status).toBe(400);
    expectErrorFormat(response.body, 400);
    expect(response.body.details).toEqual([{ field: 'body', reason: 'must be valid JSON' }]);
  });

  it('answers a wrong path parameter type with a 400 naming it', async () => {
    const response = await call<ErrorBody>({ url: '/api/system/ping/42', headers: asAdmin });
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([{ field: 'id', reason: 'must be a UUID' }]);
  });

  it('answers an unknown route with a 404 in the same format', async () => {
    const response = await call<ErrorBody>({ url: '/api/nulle-part' });
    expect(response.status).toBe(404);
    expectErrorFormat(response.body, 404);
  });

  it('echoes a well-formed request id and logs it, never the query string', async () => {
    const response = await call({ url: '/api/courses?limit=1&secret=x', headers: { 'x-request-id': 'req-12345678' } });
    expect(response.headers['x-request-id']).toBe('req-12345678');
    const line = logger.entries().find((e) => e.requestId === 'req-12345678' && e.msg === 'request');
    expect(line).toMatchObject({ route: '/api/courses', status: 400 });
    expect(JSON.stringify(line)).not.toContain('secret');
  });
});

describe('ping through the outbox', () => {
  it('is for administrators: 401 without a token, 403 for a learner, in the error format', async () => {
    const anonymous = await call<ErrorBody>({ method: 'POST', url: '/api/system/ping' });
    expect(anonymous.status).toBe(401);
    expectErrorFormat(anonymous.body, 401);
    const learner = await call<ErrorBody>({ method: 'POST', url: '/api/system/ping', headers: asLearner });
    expect(learner.status).toBe(403);
    expectErrorFormat(learner.body, 403);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM system_ping`);
    expect(rows[0].n).toBe(0);
  });

  it('records the ping and its outbox event in one transaction', async () => {
    const response = await call<PingResponse>({ method: 'POST', url: '/api/system/ping', headers: asAdmin });
    expect(response.status).toBe(202);
    expect(response.body.status).toBe('pending');
    const { rows } = await db.query(`SELECT type, payload, processed_at FROM outbox_event WHERE payload->>'pingId' = $1`, [
      response.body.id,
    ]);
    expect(rows).toEqual([{ type: 'system.ping', payload: { pingId: response.body.id }, processed_at: null }]);
    expect((await call<PingResponse>({ url: `/api/system/ping/${response.body.id}`, headers: asAdmin })).body.status).toBe('pending');
  });

  it('answers an unknown ping with a 404', async () => {
    const response = await call<ErrorBody>({ url: '/api/system/ping/00000000-0000-4000-8000-000000000000', headers: asAdmin });
    expect(response.status).toBe(404);
    expectErrorFormat(response.body, 404);
  });
});

describe('OpenAPI', () => {
  it('documents the routes', async () => {
    const { status, body } = await call<{ openapi: string; paths: Record<string, unknown> }>({ url: '/api/openapi.json' });
    expect(status).toBe(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/health/ready', '/api/health/worker', '/api/courses', '/api/system/ping']),
    );
  });
});

describe('security headers', () => {
  it('forbids framing, sniffing, caching and any active content on API answers', async () => {
    const { headers } = await call({ url: '/api/courses?limit=1' });
    expect(headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(headers['cache-control']).toBe('no-store');
  });
});
