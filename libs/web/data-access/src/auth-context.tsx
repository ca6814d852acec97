import type { LoginRequest, MeResponse } from '@academie/contracts';
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { login as loginRequest, logout as logoutRequest } from './account-api';
import { refreshSession } from './api-client';
import { endSession, getSessionSnapshot, subscribeToSession, updateSessionUser } from './session-store';

/** `loading` until the session of a previous visit has been restored, or found absent. */
export type AuthStatus = 'loading' | 'authenticated' | 'anonymous';

export interface AuthContextValue {
  user: MeResponse | null;
  status: AuthStatus;
  /** Signs in with e-mail and password; rejects with `ApiError` (401, 403, 429...). */
  login: (credentials: LoginRequest) => Promise<MeResponse>;
  /** Signs out (POST /api/auth/logout) and forgets the token, even if the API cannot be reached. */
  logout: () => Promise<void>;
  /** Refreshes the session from the refresh cookie; resolves the person, or null when there is none. */
  refresh: () => Promise<MeResponse | null>;
  /** Replaces the signed-in person after a change (profile saved...). */
  setUser: (user: MeResponse) => void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

async function login(credentials: LoginRequest): Promise<MeResponse> {
  const session = await loginRequest(credentials);
  return session.user;
}

async function refresh(): Promise<MeResponse | null> {
  const session = await refreshSession();
  return session?.user ?? null;
}

/** Restores the session of a previous visit once, silently, when the app starts. */
function restoreSession(): void {
  if (getSessionSnapshot().status !== 'unknown') return;
  refreshSession().catch(() => {
    // The API could not be reached: browse signed out; the next call that needs a session retries.
    endSession();
  });
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const session = useSyncExternalStore(subscribeToSession, getSessionSnapshot, getSessionSnapshot);

  useEffect(restoreSession, []);

  const value = useMemo<AuthContextValue>(
    () => ({
      user: session.user,
      status: session.status === 'unknown' ? 'loading' : session.status,
      login,
      logout: logoutRequest,
      refresh,
      setUser: updateSessionUser,
    }),
    [session],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The signed-in person and the session's actions. Must be used under `AuthProvider`. */
export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (value === null) throw new Error('useAuth must be used inside <AuthProvider>.');
  return value;
}
