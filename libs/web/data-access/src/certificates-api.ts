// The certification API (docs/certificates-api.md): the learner's certificates and notifications, the public
// verification of a code, and the public documents verifiers fetch (keys, status lists). Typed from the contracts.
import type { CertificateVerification, ErrorBody, MyCertificateList, NotificationItem, NotificationList } from '@academie/contracts';
import { useEffect, useSyncExternalStore } from 'react';
import { API_BASE_PATH, ApiError, apiRequest, isErrorBody } from './api-client';
import { useAuth } from './auth-context';
import { parseRetryAfter } from './retry-after';
import { useApiQuery, type QueryState } from './use-api-query';
import { useLiveQuery, type LiveQueryOptions, type LiveQueryState } from './use-live-query';

// --- The learner's certificates --------------------------------------------------------------------

/** GET /api/me/certificates: newest completion first. */
export function useMyCertificates(options: LiveQueryOptions = {}): LiveQueryState<MyCertificateList> {
  return useLiveQuery<MyCertificateList>('/me/certificates', options);
}

// --- Public verification ---------------------------------------------------------------------------

export const certificatePath = (code: string): string => `/certificates/${encodeURIComponent(code)}`;

/** GET /api/certificates/:code (public): valid or revoked; 404 unknown; 429 with Retry-After beyond the rate. */
export function useCertificateVerification(code: string): QueryState<CertificateVerification> {
  return useApiQuery<CertificateVerification>(certificatePath(code));
}

/** A public JSON document of the API (`/.well-known/jwks.json`, `/issuer`), fetched without the session. */
export function getPublicJson<T>(path: string): Promise<T> {
  return apiRequest<T>(path, { authenticated: false });
}

/**
 * A public text document of the API (a status list as a VC-JWT): the API client reads JSON only. Throws
 * `ApiError` as it does.
 */
export async function getPublicText(path: string): Promise<string> {
  let response: Response;
  try {
    // Revalidated each time: a verifier must see a revocation as soon as the API publishes it.
    response = await fetch(`${API_BASE_PATH}${path}`, { credentials: 'omit', cache: 'no-cache', headers: { Accept: 'application/vc+jwt, text/plain, */*' } });
  } catch {
    throw new ApiError({ statusCode: 0, error: 'Network Error', message: 'Le service est injoignable.', details: [] });
  }
  const text = await response.text();
  if (!response.ok) {
    let body: ErrorBody = { statusCode: response.status, error: response.statusText || 'Error', message: 'La demande n’a pas pu aboutir.', details: [] };
    try {
      const parsed: unknown = JSON.parse(text);
      if (isErrorBody(parsed)) body = parsed;
    } catch {
      // Not JSON: keep the generic body.
    }
    throw new ApiError(body, parseRetryAfter(response.headers.get('retry-after')));
  }
  return text;
}

// --- Notifications ---------------------------------------------------------------------------------

const NOTIFICATIONS_POLL_MS = 60_000;

interface NotificationsSnapshot {
  userId: string | null;
  list: NotificationList | null;
}

let notifications: NotificationsSnapshot = { userId: null, list: null };
const listeners = new Set<() => void>();
let pollers = 0;
let pollTimer: ReturnType<typeof setInterval> | undefined;
let polledUser: string | null = null;
/** Set when the API has no notification route (404): asking again every minute would change nothing. */
let unavailable = false;

function publish(next: NotificationsSnapshot): void {
  notifications = next;
  for (const listener of [...listeners]) listener();
}

/** GET /api/me/notifications again now (after a course is completed, for example). */
export async function refreshNotifications(): Promise<void> {
  const userId = polledUser;
  if (userId === null || unavailable) return;
  try {
    const list = await apiRequest<NotificationList>('/me/notifications');
    if (polledUser === userId) publish({ userId, list });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) unavailable = true;
  }
}

let watch: ReturnType<typeof setInterval> | undefined;

/**
 * Something that brings a notification just happened (a course completed: its certificate is issued by the
 * worker within seconds): ask every 2 seconds for a minute, until a new unread notification arrives.
 */
export function expectNotification(): void {
  if (polledUser === null || unavailable) return;
  if (watch !== undefined) clearInterval(watch);
  const before = notifications.list?.unreadCount ?? 0;
  const deadline = Date.now() + 60_000;
  const tick = () => {
    const arrived = (notifications.list?.unreadCount ?? 0) > before;
    if (arrived || Date.now() > deadline || polledUser === null) {
      clearInterval(watch);
      watch = undefined;
      return;
    }
    void refreshNotifications();
  };
  watch = setInterval(tick, 2_000);
  void refreshNotifications();
}

function startPolling(userId: string): void {
  if (polledUser !== userId) {
    polledUser = userId;
    publish({ userId, list: null });
  }
  if (pollTimer === undefined) {
    pollTimer = setInterval(() => {
      if (document.visibilityState === 'visible') void refreshNotifications();
    }, NOTIFICATIONS_POLL_MS);
    window.addEventListener('focus', onFocus);
  }
  void refreshNotifications();
}

function stopPolling(): void {
  if (pollTimer !== undefined) clearInterval(pollTimer);
  pollTimer = undefined;
  window.removeEventListener('focus', onFocus);
}

function onFocus(): void {
  void refreshNotifications();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};
const getNotifications = () => notifications;

/**
 * The signed-in person's notifications (GET /api/me/notifications), shared by every caller and fetched again
 * every minute while the page is visible and when the window gets the focus. Null while signed out or not
 * fetched yet.
 */
export function useNotifications(): NotificationList | null {
  const { user } = useAuth();
  const userId = user?.id ?? null;
  const snapshot = useSyncExternalStore(subscribe, getNotifications, getNotifications);

  useEffect(() => {
    if (userId === null) return;
    pollers++;
    startPolling(userId);
    return () => {
      pollers--;
      if (pollers === 0) stopPolling();
    };
  }, [userId]);

  return userId !== null && snapshot.userId === userId ? snapshot.list : null;
}

function markLocally(read: (item: NotificationItem) => boolean): void {
  const { userId, list } = notifications;
  if (list === null) return;
  const now = new Date().toISOString();
  const items = list.items.map((item) => (item.readAt === null && read(item) ? { ...item, readAt: now } : item));
  publish({ userId, list: { ...list, items, unreadCount: items.filter((item) => item.readAt === null).length } });
}

/** POST /api/me/notifications/:id/read (idempotent). */
export async function markNotificationRead(id: string): Promise<void> {
  markLocally((item) => item.id === id);
  await apiRequest<NotificationItem>(`/me/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' });
}

/** POST /api/me/notifications/read-all. */
export async function markAllNotificationsRead(): Promise<void> {
  markLocally(() => true);
  await apiRequest<{ marked: number }>('/me/notifications/read-all', { method: 'POST' });
}
