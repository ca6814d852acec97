import { CSRF_HEADER, type ErrorBody, type SessionResponse } from '@academie/contracts';
import { readCsrfToken } from './cookies';
import { parseRetryAfter } from './retry-after';
import { endSession, getAccessToken, startSession } from './session-store';

/** Every API route lives under this prefix, on the site's own origin (the web server proxies it). */
export const API_BASE_PATH = '/api';

/** A failed API call: `body` has the API's one error format, also when the API could not be reached. */
export class ApiError extends Error {
  readonly body: ErrorBody;
  /** Seconds to wait before trying again, from the `Retry-After` header of a 429 or 503. */
  readonly retryAfterSeconds: number | undefined;

  constructor(body: ErrorBody, retryAfterSeconds?: number) {
    super(body.message);
    this.name = 'ApiError';
    this.body = body;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get status(): number {
    return this.body.statusCode;
  }
}

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.statusCode === 'number' &&
    typeof candidate.error === 'string' &&
    typeof candidate.message === 'string' &&
    Array.isArray(candidate.details)
  );
}

const NETWORK_ERROR: ErrorBody = {
  statusCode: 0,
  error: 'Network Error',
  message: 'Le service est injoignable. Vérifiez votre connexion à Internet puis réessayez.',
  details: [],
};

function errorBodyForStatus(statusCode: number, statusText: string): ErrorBody {
  return {
    statusCode,
    error: statusText || 'Error',
    message:
      statusCode >= 500
        ? 'Le service rencontre un problème. Réessayez dans quelques instants.'
        : 'La demande n’a pas pu aboutir.',
    details: [],
  };
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface ApiRequestOptions {
  signal?: AbortSignal;
}

export interface ApiCallOptions extends ApiRequestOptions {
  /** Default GET. */
  method?: HttpMethod;
  /** Sent as JSON. */
  body?: unknown;
  /**
   * Send the access token of the session (if any) as `Authorization: Bearer`, and on a 401 refresh the
   * session once and retry once. Default true; false for the routes that open a session.
   */
  authenticated?: boolean;
  /** Send the `x-csrf-token` header read from the CSRF cookie (cookie routes: refresh, logout). */
  csrf?: boolean;
}

/**
 * Calls `path` (relative to the API, e.g. `/me/profile`) and returns its JSON body typed as `T`
 * (`undefined` for a 204). Throws `ApiError` (whose `body` is an `ErrorBody`) on a network failure or a
 * non-2xx answer, and lets an `AbortError` through when `signal` is aborted.
 */
export async function apiRequest<T>(path: string, options: ApiCallOptions = {}): Promise<T> {
  if (!path.startsWith('/')) {
    throw new TypeError(`apiRequest: path must start with "/" (got "${path}")`);
  }
  const authenticated = options.authenticated ?? true;

  let response = await send(path, options, authenticated ? getAccessToken() : null);
  if (response.status === 401 && authenticated) {
    // The access token expired (15 minutes) or the page has none yet: one refresh, then one retry.
    const session = await refreshSession().catch(() => null);
    if (session !== null) response = await send(path, options, session.accessToken);
  }
  return readAnswer<T>(response);
}

/** GET `path` and return its JSON body typed as `T` (see `apiRequest`). */
export async function apiGet<T>(path: string, options: ApiRequestOptions = {}): Promise<T> {
  return apiRequest<T>(path, { ...options, method: 'GET' });
}

async function send(path: string, options: ApiCallOptions, accessToken: string | null): Promise<Response> {
  const headers = new Headers({ Accept: 'application/json' });
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');
  if (accessToken !== null) headers.set('Authorization', `Bearer ${accessToken}`);
  if (options.csrf) {
    const csrf = readCsrfToken();
    if (csrf !== undefined) headers.set(CSRF_HEADER, csrf);
  }
  try {
    return await fetch(`${API_BASE_PATH}${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(NETWORK_ERROR);
  }
}

async function readAnswer<T>(response: Response): Promise<T> {
  const body: unknown = await readJson(response);
  if (!response.ok) {
    throw new ApiError(
      isErrorBody(body) ? body : errorBodyForStatus(response.status, response.statusText),
      parseRetryAfter(response.headers.get('retry-after')),
    );
  }
  return body as T;
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.includes('json')) {
    return undefined;
  }
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** The `ErrorBody` of anything thrown by `apiRequest` (an unexpected error becomes a generic one). */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof ApiError) return error.body;
  return errorBodyForStatus(500, 'Internal Error');
}

// ---------------------------------------------------------------------------------------------------
// Session refresh.

let refreshInFlight: Promise<SessionResponse | null> | undefined;

/**
 * Exchanges the refresh cookie for a new access token (POST /api/auth/refresh with the CSRF header) and
 * keeps the new session. Resolves null, and ends the session, when there is none to restore (no CSRF
 * cookie, or the API answers 401/403). Throws `ApiError` when the API cannot say (network, 5xx).
 *
 * The refresh token is rotated on every use and reusing an old one revokes the whole family, so two
 * refreshes must never run with the same cookie: calls made while one is running share it (React's
 * StrictMode runs effects twice, several requests may meet a 401 together), and across the tabs of
 * the browser a Web Lock makes them take turns, each sending the cookie the previous one received.
 */
export function refreshSession(): Promise<SessionResponse | null> {
  refreshInFlight ??= withRefreshLock(runRefresh).finally(() => {
    refreshInFlight = undefined;
  });
  return refreshInFlight;
}

async function runRefresh(): Promise<SessionResponse | null> {
  if (readCsrfToken() === undefined) {
    endSession();
    return null;
  }
  const response = await send('/auth/refresh', { method: 'POST', csrf: true }, null);
  if (response.status === 401 || response.status === 403) {
    endSession();
    return null;
  }
  const session = await readAnswer<SessionResponse>(response);
  startSession(session);
  return session;
}

function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (locks === undefined) return task();
  return locks.request('academie-session-refresh', task) as Promise<T>;
}
