import type { MeResponse, SessionResponse } from '@academie/contracts';

/**
 * The session of this tab, in memory only: the access token is never written to localStorage,
 * sessionStorage or a cookie the page can read (an XSS would take it away). A reload starts from
 * `unknown` and restores the session through the httpOnly refresh cookie.
 */
export type SessionStatus = 'unknown' | 'authenticated' | 'anonymous';

export interface SessionSnapshot {
  status: SessionStatus;
  user: MeResponse | null;
  accessToken: string | null;
}

const UNKNOWN: SessionSnapshot = { status: 'unknown', user: null, accessToken: null };
const ANONYMOUS: SessionSnapshot = { status: 'anonymous', user: null, accessToken: null };

let snapshot: SessionSnapshot = UNKNOWN;
const listeners = new Set<() => void>();

function publish(next: SessionSnapshot): void {
  snapshot = next;
  for (const listener of [...listeners]) listener();
}

/** The current session; the same object until it changes (for `useSyncExternalStore`). */
export function getSessionSnapshot(): SessionSnapshot {
  return snapshot;
}

export function subscribeToSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function getAccessToken(): string | null {
  return snapshot.accessToken;
}

/** Keeps the answer of login, refresh or the SSO landing. */
export function startSession(session: SessionResponse): void {
  publish({ status: 'authenticated', user: session.user, accessToken: session.accessToken });
}

/** Replaces the signed-in person (after a profile update, for example). No-op when signed out. */
export function updateSessionUser(user: MeResponse): void {
  if (snapshot.status !== 'authenticated') return;
  publish({ ...snapshot, user });
}

/** Forgets the token and the person: signed out, or no session could be restored. */
export function endSession(): void {
  if (snapshot.status === 'anonymous') return;
  publish(ANONYMOUS);
}

/** For tests: back to the state of a fresh page. */
export function resetSessionForTests(): void {
  snapshot = UNKNOWN;
  listeners.clear();
}
