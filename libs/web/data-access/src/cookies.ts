import { CSRF_COOKIE } from '@academie/contracts';

/**
 * The value of cookie `name` in a `document.cookie` string (`a=1; b=2`), percent-decoded, or undefined.
 * The first cookie of that name wins, as in the `Cookie` header the browser sends: the one with the
 * longest path comes first.
 */
export function readCookie(cookieString: string, name: string): string | undefined {
  for (const part of cookieString.split(';')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    const raw = part.slice(separator + 1).trim();
    const unquoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
    try {
      return decodeURIComponent(unquoted);
    } catch {
      return unquoted;
    }
  }
  return undefined;
}

/**
 * The CSRF token the API set in the `academie_csrf` cookie (readable by the page, path /), to be sent
 * back in the `x-csrf-token` header on the cookie routes (refresh, logout). Undefined when there is no
 * such cookie, that is when this browser has no session to restore.
 */
export function readCsrfToken(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const value = readCookie(document.cookie, CSRF_COOKIE);
  return value === '' ? undefined : value;
}
