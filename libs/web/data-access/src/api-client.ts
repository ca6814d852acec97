import type { ErrorBody } from '@academie/contracts';

/** Every API route lives under this prefix, on the site's own origin (the web server proxies it). */
export const API_BASE_PATH = '/api';

/** A failed API call: `body` has the API's one error format, also when the API could not be reached. */
export class ApiError extends Error {
  readonly body: ErrorBody;

  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.body = body;
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

export interface ApiRequestOptions {
  signal?: AbortSignal;
}

/**
 * GET `path` (relative to the API, e.g. `/courses?limit=20`) and return its JSON body typed as `T`.
 * Throws `ApiError` (whose `body` is an `ErrorBody`) on a network failure or a non-2xx answer, and
 * lets an `AbortError` through when `signal` is aborted.
 */
export async function apiGet<T>(path: string, options: ApiRequestOptions = {}): Promise<T> {
  if (!path.startsWith('/')) {
    throw new TypeError(`apiGet: path must start with "/" (got "${path}")`);
  }

  let response: Response;
  try {
    response = await fetch(`${API_BASE_PATH}${path}`, {
      method: 'GET',
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(NETWORK_ERROR);
  }

  const body: unknown = await readJson(response);

  if (!response.ok) {
    throw new ApiError(
      isErrorBody(body) ? body : errorBodyForStatus(response.status, response.statusText),
    );
  }
  return body as T;
}

async function readJson(response: Response): Promise<unknown> {
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

/** The `ErrorBody` of anything thrown by `apiGet` (an unexpected error becomes a generic one). */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof ApiError) return error.body;
  return errorBodyForStatus(500, 'Internal Error');
}
