import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url (43 characters): refresh tokens, e-mailed tokens, CSRF values. */
export const newOpaqueToken = (): string => randomBytes(32).toString('base64url');

const OPAQUE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** True for a string shaped like a token we issued; anything else is refused before touching the database. */
export const isOpaqueToken = (value: unknown): value is string => typeof value === 'string' && OPAQUE_TOKEN.test(value);

/**
 * What the database keeps of a token: its SHA-256. The tokens are 256 random bits, so a plain fast hash is
 * enough (nothing to brute-force) and lets the database find a token by equality on a unique index.
 */
export const hashToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/**
 * Double-submit CSRF check: the header must equal the cookie, both present and well-formed. Another site can
 * make the browser send the cookie, but cannot read it to copy it into a header. Compared in constant time.
 */
export function csrfMatches(cookie: unknown, header: unknown): boolean {
  if (!isOpaqueToken(cookie) || !isOpaqueToken(header)) return false;
  return timingSafeEqual(Buffer.from(cookie), Buffer.from(header));
}

/** Short, stable, non-reversible identifier of a value (an e-mail, an IP) for Redis keys. */
export const keyDigest = (value: string): string => createHash('sha256').update(value, 'utf8').digest('base64url').slice(0, 24);
