import { CSRF_COOKIE, CSRF_HEADER, type ErrorBody, type MeResponse, REFRESH_COOKIE, type SessionResponse } from '@academie/contracts';

/** What Fastify's `inject` needs: the API app built by `createApiApp`, after `init()`. */
export interface InjectableApp {
  getHttpAdapter(): { getInstance(): { inject(options: Record<string, unknown>): Promise<InjectResponse> } };
}

interface InjectResponse {
  statusCode: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
  cookies: { name: string; value: string; path?: string; httpOnly?: boolean; secure?: boolean; sameSite?: string; maxAge?: number; expires?: Date }[];
}

export interface CallOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  cookies?: Record<string, string>;
  /** The client address the API sees (rate limits per IP). */
  ip?: string;
}

export interface CallResult<T> {
  status: number;
  body: T;
  headers: InjectResponse['headers'];
  /** Cookies set by the answer, by name. */
  cookies: Record<string, InjectResponse['cookies'][number]>;
}

/** A signed-in browser: the access token and the two cookies of the session. */
export interface TestSession {
  accessToken: string;
  refreshToken: string;
  csrfToken: string;
  user: MeResponse;
}

/** Requests to the API in-process (Fastify inject), with JSON bodies and answers. */
export class ApiClient {
  constructor(private readonly app: InjectableApp) {}

  /** Signs in through `POST /api/auth/login`; throws unless it answers 200. */
  async login(email: string, password: string, ip?: string): Promise<TestSession> {
    const response = await this.call<SessionResponse>({ method: 'POST', url: '/api/auth/login', payload: { email, password }, ip });
    if (response.status !== 200) throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
    return {
      accessToken: response.body.accessToken,
      refreshToken: response.cookies[REFRESH_COOKIE].value,
      csrfToken: response.cookies[CSRF_COOKIE].value,
      user: response.body.user,
    };
  }

  /** `POST /api/auth/refresh` as the browser sends it: both cookies and the CSRF header. */
  refresh(session: Pick<TestSession, 'refreshToken' | 'csrfToken'>, ip?: string): Promise<CallResult<SessionResponse>> {
    return this.call<SessionResponse>({
      method: 'POST',
      url: '/api/auth/refresh',
      cookies: { [REFRESH_COOKIE]: session.refreshToken, [CSRF_COOKIE]: session.csrfToken },
      headers: { [CSRF_HEADER]: session.csrfToken },
      ip,
    });
  }

  async call<T = unknown>(options: CallOptions): Promise<CallResult<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await this.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: options.method ?? 'GET',
        url: options.url,
        payload: options.payload === undefined ? undefined : typeof options.payload === 'string' ? options.payload : JSON.stringify(options.payload),
        headers: options.payload !== undefined && !headers['content-type'] ? { 'content-type': 'application/json', ...headers } : headers,
        cookies: options.cookies,
        remoteAddress: options.ip ?? '127.0.0.1',
      });
    const contentType = String(response.headers['content-type'] ?? '');
    const body = (response.body && contentType.includes('json') ? JSON.parse(response.body) : response.body || undefined) as T;
    return {
      status: response.statusCode,
      body,
      headers: response.headers,
      cookies: Object.fromEntries(response.cookies.map((cookie) => [cookie.name, cookie])),
    };
  }
}

/** Asserts the one error format of the API (never a stack trace) and returns the body, for chaining. */
export function errorFormat(body: unknown, status: number): ErrorBody {
  const error = body as ErrorBody;
  if (
    typeof error !== 'object' ||
    error === null ||
    error.statusCode !== status ||
    typeof error.error !== 'string' ||
    typeof error.message !== 'string' ||
    !Array.isArray(error.details) ||
    /at .*\.(js|ts):\d+/.test(JSON.stringify(error))
  ) {
    throw new Error(`not an error body of status ${status}: ${JSON.stringify(body)}`);
  }
  return error;
}
