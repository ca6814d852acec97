// The accounts API (docs/identity-api.md), typed from the contracts. Screens call these functions or
// the hooks below, never `fetch`.
import type {
  ChangePasswordRequest,
  EmailOnlyRequest,
  LoginRequest,
  MeResponse,
  PasswordResetConfirm,
  PasswordResetRequest,
  PersonalDataExport,
  ProfileUpdate,
  RegisterRequest,
  SessionResponse,
  SsoProviderInfo,
  VerifyEmailRequest,
  VerifyEmailResponse,
} from '@academie/contracts';
import { apiRequest } from './api-client';
import { endSession, startSession, updateSessionUser } from './session-store';
import { useApiQuery, type QueryState } from './use-api-query';

/** POST /api/auth/register: 201 whether or not the address was already taken (no enumeration). */
export function register(request: RegisterRequest): Promise<MeResponse> {
  return apiRequest<MeResponse>('/auth/register', { method: 'POST', body: request, authenticated: false });
}

const verifications = new Map<string, Promise<VerifyEmailResponse>>();

/**
 * POST /api/auth/verify-email. The token is single use: the call is made once per token and page
 * load, however many times the page asks (React runs effects twice in development).
 */
export function verifyEmail(token: string): Promise<VerifyEmailResponse> {
  let verification = verifications.get(token);
  if (verification === undefined) {
    const body: VerifyEmailRequest = { token };
    verification = apiRequest<VerifyEmailResponse>('/auth/verify-email', { method: 'POST', body, authenticated: false });
    verifications.set(token, verification);
  }
  return verification;
}

/** POST /api/auth/verify-email/resend: 202 always. */
export async function resendVerificationEmail(email: string): Promise<void> {
  const body: EmailOnlyRequest = { email };
  await apiRequest<void>('/auth/verify-email/resend', { method: 'POST', body, authenticated: false });
}

/** POST /api/auth/login; keeps the session (token in memory, refresh token in its httpOnly cookie). */
export async function login(request: LoginRequest): Promise<SessionResponse> {
  const session = await apiRequest<SessionResponse>('/auth/login', {
    method: 'POST',
    body: request,
    authenticated: false,
  });
  startSession(session);
  return session;
}

/**
 * POST /api/auth/logout with the CSRF header, then forgets the session in memory whatever the answer:
 * the person asked to leave, and the server-side family is revoked as soon as the API is reachable.
 */
export async function logout(): Promise<void> {
  try {
    await apiRequest<void>('/auth/logout', { method: 'POST', csrf: true, authenticated: false });
  } finally {
    endSession();
  }
}

/** POST /api/auth/password/forgot: 202 always. */
export async function requestPasswordReset(email: string): Promise<void> {
  const body: PasswordResetRequest = { email };
  await apiRequest<void>('/auth/password/forgot', { method: 'POST', body, authenticated: false });
}

/** POST /api/auth/password/reset: 204; the token is single use and every session is revoked. */
export async function resetPassword(request: PasswordResetConfirm): Promise<void> {
  await apiRequest<void>('/auth/password/reset', { method: 'POST', body: request, authenticated: false });
}

/** GET /api/auth/sso/providers: the enabled SSO providers (possibly none). */
export function useSsoProviders(): QueryState<SsoProviderInfo[]> {
  return useApiQuery<SsoProviderInfo[]>('/auth/sso/providers');
}

/** GET /api/me. */
export async function fetchMe(): Promise<MeResponse> {
  const me = await apiRequest<MeResponse>('/me');
  updateSessionUser(me);
  return me;
}

/** PATCH /api/me/profile (each field optional, `null` clears it); keeps the answer as the session's person. */
export async function updateProfile(update: ProfileUpdate): Promise<MeResponse> {
  const me = await apiRequest<MeResponse>('/me/profile', { method: 'PATCH', body: update });
  updateSessionUser(me);
  return me;
}

/** POST /api/me/password: 204. */
export async function changePassword(request: ChangePasswordRequest): Promise<void> {
  await apiRequest<void>('/me/password', { method: 'POST', body: request });
}

/** GET /api/me/export: everything held about the person, by context. */
export function exportMyData(): Promise<PersonalDataExport> {
  return apiRequest<PersonalDataExport>('/me/export');
}

/** DELETE /api/me: erasure; the session ends with it. */
export async function deleteMyAccount(): Promise<void> {
  await apiRequest<void>('/me', { method: 'DELETE' });
  endSession();
}
