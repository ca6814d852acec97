// The page to come back to after signing in, carried by /connexion?retour=… . Here, beside the session,
// because the app's header needs it too and must not load the account pages to get it.

/** Query parameter that carries the page to go back to after signing in: `/connexion?retour=/formations`. */
export const RETURN_PARAM = 'retour';

/** Pages to which going back after signing in makes no sense. */
const ACCOUNT_ENTRY_PATHS = ['/connexion', '/inscription', '/verifier-email', '/mot-de-passe-oublie', '/reinitialiser-mot-de-passe'];

/**
 * The path to go back to, if `value` is a path of this site: it starts with one `/` (not `//host` or
 * `/\host`, which browsers read as another site), has no scheme and no control characters. Anything
 * else is dropped, so that the parameter cannot send a person to a look-alike site after signing in.
 */
export function safeReturnPath(value: string | null | undefined): string | undefined {
  if (!value || value.length > 2000) return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, 'https://academie.invalid');
  } catch {
    return undefined;
  }
  if (url.origin !== 'https://academie.invalid') return undefined;
  if (ACCOUNT_ENTRY_PATHS.some((path) => url.pathname === path || url.pathname.startsWith(`${path}/`))) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `/connexion`, with the page to come back to when there is one worth coming back to. */
export function signInPath(returnPath?: string): string {
  const safe = safeReturnPath(returnPath);
  return safe === undefined || safe === '/' ? '/connexion' : `/connexion?${RETURN_PARAM}=${encodeURIComponent(safe)}`;
}
