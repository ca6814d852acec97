import type { SessionResponse } from '@academie/contracts';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { ApiError, apiGet, apiRequest, refreshSession } from './api-client';
import { getSessionSnapshot, resetSessionForTests, startSession } from './session-store';
import { coursesPath } from './use-courses';

const realFetch = globalThis.fetch;

function answer(response: Response | Error) {
  const mock = jest.fn<typeof fetch>(() =>
    response instanceof Error ? Promise.reject(response) : Promise.resolve(response),
  );
  globalThis.fetch = mock;
  return mock;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

afterEach(() => {
  globalThis.fetch = realFetch;
  setCookies(undefined);
  resetSessionForTests();
});

/** The page's `document.cookie` (undefined: no document, as in Node). */
function setCookies(cookie: string | undefined): void {
  if (cookie === undefined) {
    Reflect.deleteProperty(globalThis, 'document');
  } else {
    Object.defineProperty(globalThis, 'document', { value: { cookie }, configurable: true, writable: true });
  }
}

function session(accessToken: string): SessionResponse {
  return {
    accessToken,
    expiresIn: 900,
    user: {
      id: 'u1',
      email: 'camille@example.fr',
      emailVerified: true,
      firstName: 'Camille',
      lastName: 'Martin',
      roles: ['learner'],
      profile: { status: null, staffBand: null, region: null, sector: null, siren: null },
      audience: null,
      createdAt: '2026-11-25T10:00:00.000Z',
    },
  };
}

/** A fetch that answers each call with the next of `responses` and records the calls. */
function answers(...responses: Response[]) {
  const mock = jest.fn<typeof fetch>(() => {
    const next = responses.shift();
    return next ? Promise.resolve(next) : Promise.reject(new Error('unexpected call'));
  });
  globalThis.fetch = mock;
  return mock;
}

const headerOf = (mock: ReturnType<typeof answers>, call: number, name: string) =>
  new Headers(mock.mock.calls[call]?.[1]?.headers).get(name);

describe('apiGet', () => {
  it('GETs the path under /api as JSON and returns the body', async () => {
    const fetchMock = answer(json(200, { items: [], nextCursor: null }));
    await expect(apiGet('/courses?limit=2')).resolves.toEqual({ items: [], nextCursor: null });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/courses?limit=2');
    expect(init?.method).toBe('GET');
    expect(new Headers(init?.headers).get('accept')).toBe('application/json');
  });

  it('throws the API error body as it is', async () => {
    const body = { statusCode: 400, error: 'Bad Request', message: 'Le curseur est invalide.', details: [{ field: 'cursor', reason: 'invalid' }] };
    answer(json(400, body));
    const error = await caught(apiGet('/courses?cursor=x'));
    expect(error.body).toEqual(body);
    expect(error.message).toBe('Le curseur est invalide.');
  });

  it('makes an ErrorBody of an answer that has none', async () => {
    answer(new Response('<html>oops</html>', { status: 503, statusText: 'Service Unavailable', headers: { 'content-type': 'text/html' } }));
    const error = await caught(apiGet('/courses'));
    expect(error.body.statusCode).toBe(503);
    expect(error.body.details).toEqual([]);
    expect(error.body.message).toMatch(/Réessayez/);
  });

  it('reports a network failure as an ErrorBody with status 0', async () => {
    answer(new TypeError('fetch failed'));
    const error = await caught(apiGet('/courses'));
    expect(error.body.statusCode).toBe(0);
    expect(error.body.message).toMatch(/injoignable/);
  });

  it('rejects a path that does not start with a slash', async () => {
    await expect(apiGet('courses')).rejects.toThrow(TypeError);
  });
});

describe('coursesPath', () => {
  it('builds the catalogue query', () => {
    expect(coursesPath()).toBe('/courses');
    expect(coursesPath({ limit: 12, cursor: 'abc=' })).toBe('/courses?limit=12&cursor=abc%3D');
  });
});

describe('apiRequest and the session', () => {
  it('sends JSON with the access token of the session', async () => {
    startSession(session('token-1'));
    const fetchMock = answers(json(200, { ok: true }));
    await expect(apiRequest('/me/profile', { method: 'PATCH', body: { region: '53' } })).resolves.toEqual({ ok: true });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/me/profile');
    expect(init?.method).toBe('PATCH');
    expect(init?.body).toBe('{"region":"53"}');
    expect(init?.credentials).toBe('same-origin');
    expect(headerOf(fetchMock, 0, 'authorization')).toBe('Bearer token-1');
    expect(headerOf(fetchMock, 0, 'content-type')).toBe('application/json');
  });

  it('answers undefined for a 204', async () => {
    answers(new Response(null, { status: 204 }));
    await expect(apiRequest('/me', { method: 'DELETE' })).resolves.toBeUndefined();
  });

  it('on a 401 refreshes once with the CSRF header, then retries with the new token', async () => {
    setCookies('academie_csrf=csrf-abc');
    startSession(session('expired'));
    const fetchMock = answers(
      json(401, { statusCode: 401, error: 'Unauthorized', message: 'Jeton expiré.', details: [] }),
      json(200, session('fresh')),
      json(200, { id: 'u1' }),
    );
    await expect(apiRequest('/me')).resolves.toEqual({ id: 'u1' });
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(['/api/me', '/api/auth/refresh', '/api/me']);
    expect(fetchMock.mock.calls[1]?.[1]?.method).toBe('POST');
    expect(headerOf(fetchMock, 1, 'x-csrf-token')).toBe('csrf-abc');
    expect(headerOf(fetchMock, 1, 'authorization')).toBeNull();
    expect(headerOf(fetchMock, 2, 'authorization')).toBe('Bearer fresh');
    expect(getSessionSnapshot().accessToken).toBe('fresh');
  });

  it('gives up after one retry and ends the session when the refresh is refused', async () => {
    setCookies('academie_csrf=csrf-abc');
    startSession(session('expired'));
    const unauthorized = () => json(401, { statusCode: 401, error: 'Unauthorized', message: 'Session expirée.', details: [] });
    const fetchMock = answers(unauthorized(), unauthorized());
    const error = await caught(apiRequest('/me'));
    expect(error.status).toBe(401);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(getSessionSnapshot()).toEqual({ status: 'anonymous', user: null, accessToken: null });
  });

  it('does not call refresh when there is no CSRF cookie (no session to restore)', async () => {
    const fetchMock = answers();
    await expect(refreshSession()).resolves.toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(getSessionSnapshot().status).toBe('anonymous');
  });

  it('shares one refresh between callers: the rotated refresh token is never sent twice', async () => {
    setCookies('academie_csrf=csrf-abc');
    const fetchMock = answers(json(200, session('fresh')));
    const [a, b] = await Promise.all([refreshSession(), refreshSession()]);
    expect(a?.accessToken).toBe('fresh');
    expect(b).toBe(a);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('does not retry routes that open a session', async () => {
    setCookies('academie_csrf=csrf-abc');
    const body = { statusCode: 401, error: 'Unauthorized', message: 'Adresse e-mail ou mot de passe incorrect.', details: [] };
    const fetchMock = answers(json(401, body));
    const error = await caught(apiRequest('/auth/login', { method: 'POST', body: {}, authenticated: false }));
    expect(error.body).toEqual(body);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('reads Retry-After on a 429', async () => {
    answers(
      new Response(JSON.stringify({ statusCode: 429, error: 'Too Many Requests', message: 'Trop de tentatives.', details: [] }), {
        status: 429,
        headers: { 'content-type': 'application/json', 'retry-after': '120' },
      }),
    );
    const error = await caught(apiRequest('/auth/login', { method: 'POST', body: {}, authenticated: false }));
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(120);
  });
});
