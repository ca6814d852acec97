import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { ApiError, apiGet } from './api-client';
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
});

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
