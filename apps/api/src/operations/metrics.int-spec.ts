// `/api/metrics`: valid Prometheus text (read by a strict parser) with the request histogram by route template,
// method and status, and the protection by configuration (METRICS_ALLOW, METRICS_TOKEN) in the error format.
import 'reflect-metadata';
import { type TestApi, errorFormat, parsePrometheusText, startTestApi } from '@academie/server-testing';
import { createApiApp } from '../bootstrap';

type App = Awaited<ReturnType<typeof createApiApp>>;

const TOKEN = 'metriques-'.padEnd(40, 'x');

describe('/api/metrics with the default protection (loopback only)', () => {
  let t: TestApi<App>;

  beforeAll(async () => {
    t = await startTestApi(createApiApp);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('serves the histogram of the routes just called, by template and status, never the raw URL', async () => {
    for (let i = 0; i < 3; i++) expect((await t.api.call({ url: '/api/health' })).status).toBe(200);
    expect((await t.api.call({ url: '/api/certificates/ABCD-EFGH-JKLM/pdf?secret=1' })).status).toBeGreaterThanOrEqual(400);
    expect((await t.api.call({ url: '/api/nulle-part/personne@example.fr' })).status).toBe(404);

    const response = await t.api.call<string>({ url: '/api/metrics' });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body;
    const metrics = parsePrometheusText(text);

    expect(metrics.types.get('http_request_duration_seconds')).toBe('histogram');
    expect(metrics.value('http_request_duration_seconds_count', { method: 'GET', route: '/api/health', status: '200' })).toBe(3);
    expect(metrics.value('http_request_duration_seconds_bucket', { method: 'GET', route: '/api/health', status: '200', le: '+Inf' })).toBe(3);
    expect(metrics.value('http_request_duration_seconds_sum', { method: 'GET', route: '/api/health', status: '200' })).toBeGreaterThan(0);
    expect(metrics.find('http_request_duration_seconds_count', { route: '/api/certificates/:code/pdf' })).toHaveLength(1);
    expect(metrics.value('http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    // No raw path, query string or address in any label.
    for (const needle of ['ABCD-EFGH', 'secret', 'personne@example.fr', 'nulle-part']) expect(text).not.toContain(needle);
    // The process's default metrics.
    expect(metrics.types.get('process_cpu_user_seconds_total')).toBe('counter');
    expect(metrics.value('nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('refuses a client outside METRICS_ALLOW with 403 in the error format, also when it comes through the proxy', async () => {
    const direct = await t.api.call({ url: '/api/metrics', ip: '203.0.113.7' });
    expect(direct.status).toBe(403);
    expect(errorFormat(direct.body, 403).details).toEqual([{ field: 'address', reason: 'is not in METRICS_ALLOW' }]);
    // The web server on loopback relays a public client: the client's address is judged, not the proxy's.
    const relayed = await t.api.call({ url: '/api/metrics', headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(relayed.status).toBe(403);
    // A token is no key when none is configured.
    expect((await t.api.call({ url: '/api/metrics', ip: '203.0.113.7', token: TOKEN })).status).toBe(403);
  });
});

describe('/api/metrics with a token only (METRICS_ALLOW=none)', () => {
  let t: TestApi<App>;

  beforeAll(async () => {
    t = await startTestApi(createApiApp, { overrides: { METRICS_TOKEN: TOKEN, METRICS_ALLOW: 'none' } });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers 401 with a Bearer challenge without the token or with a wrong one, and the text with it', async () => {
    const missing = await t.api.call({ url: '/api/metrics' });
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(errorFormat(missing.body, 401).details).toEqual([{ field: 'authorization', reason: 'must be Bearer <METRICS_TOKEN>' }]);
    const wrong = await t.api.call({ url: '/api/metrics', token: `${TOKEN.slice(0, -1)}y` });
    expect(wrong.status).toBe(401);
    expect(errorFormat(wrong.body, 401).details).toEqual([{ field: 'authorization', reason: 'is not the metrics token' }]);

    const ok = await t.api.call<string>({ url: '/api/metrics', token: TOKEN, ip: '198.51.100.20' });
    expect(ok.status).toBe(200);
    const metrics = parsePrometheusText(ok.body);
    // The two refusals above are counted like any request.
    expect(metrics.value('http_request_duration_seconds_count', { method: 'GET', route: '/api/metrics', status: '401' })).toBe(2);
  });
});
