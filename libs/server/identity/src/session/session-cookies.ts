import type { FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/cookie';
import { CSRF_COOKIE, CSRF_HEADER, REFRESH_COOKIE } from '@academie/contracts';
import type { CookieCredentials, IssuedSession } from './session.service';

/** The refresh cookie travels only to the auth routes; the CSRF cookie is readable by the page everywhere. */
export const REFRESH_COOKIE_PATH = '/api/auth';
export const CSRF_COOKIE_PATH = '/';

/** Sets the refresh cookie (httpOnly) and the CSRF cookie (readable by the page), both Secure and SameSite=Strict. */
export function setSessionCookies(reply: FastifyReply, session: IssuedSession, ttlDays: number): void {
  const maxAge = ttlDays * 86_400;
  reply.setCookie(REFRESH_COOKIE, session.refreshToken, {
    httpOnly: true,
    secure: true,
    sameSite: 'strict',
    path: REFRESH_COOKIE_PATH,
    maxAge,
  });
  reply.setCookie(CSRF_COOKIE, session.csrfToken, { httpOnly: false, secure: true, sameSite: 'strict', path: CSRF_COOKIE_PATH, maxAge });
}

export function clearSessionCookies(reply: FastifyReply): void {
  reply.clearCookie(REFRESH_COOKIE, { httpOnly: true, secure: true, sameSite: 'strict', path: REFRESH_COOKIE_PATH });
  reply.clearCookie(CSRF_COOKIE, { httpOnly: false, secure: true, sameSite: 'strict', path: CSRF_COOKIE_PATH });
}

export function cookieCredentials(request: FastifyRequest): CookieCredentials {
  return {
    refreshToken: request.cookies?.[REFRESH_COOKIE],
    csrfCookie: request.cookies?.[CSRF_COOKIE],
    csrfHeader: request.headers[CSRF_HEADER],
  };
}
