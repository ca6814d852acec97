import { safeReturnPath } from './redirect';

// The SSO round trip leaves the site (FranceConnect, ProConnect) and comes back to /connexion/sso: the
// page to return to waits in this tab's sessionStorage meanwhile. Only a path of this site is kept
// there, checked again when read back; never a token.
const KEY = 'academie.sso.retour';

export function rememberSsoReturn(path: string | undefined): void {
  try {
    if (path === undefined) sessionStorage.removeItem(KEY);
    else sessionStorage.setItem(KEY, path);
  } catch {
    // Storage refused (private mode, quota): the person lands on the default page instead.
  }
}

/** The remembered page, checked again; it stays stored until `forgetSsoReturn`. */
export function peekSsoReturn(): string | undefined {
  try {
    return safeReturnPath(sessionStorage.getItem(KEY));
  } catch {
    return undefined;
  }
}

export function forgetSsoReturn(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing was stored.
  }
}
