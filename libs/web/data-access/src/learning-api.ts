// The learning API (docs/learning-api.md: enrollments, progress, quizzes) and the lesson content of the
// catalogue (docs/catalogue-api.md), typed from the contracts. Screens call these, never `fetch`.
import type {
  CourseVersionDetail,
  CreateEnrollmentRequest,
  EnrollmentDetail,
  EnrollmentListResponse,
  EnrollmentView,
  LessonView,
  ProgressBatchRequest,
  ProgressBatchResponse,
  ProgressEventInput,
  QuizAttemptRequest,
  QuizAttemptResponse,
} from '@academie/contracts';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { ApiError, apiGet, apiRequest, toErrorBody } from './api-client';
import { useAuth } from './auth-context';
import { ProgressQueue, type ProgressQueueState, type QueueStorage } from './progress-queue';
import { getSessionSnapshot } from './session-store';
import { useApiQuery, type QueryState } from './use-api-query';
import { useLiveQuery, type LiveQueryOptions, type LiveQueryState } from './use-live-query';

// --- Enrollments -----------------------------------------------------------------------------------

export const MY_ENROLLMENTS_PATH = '/me/enrollments';

/** GET /api/me/enrollments: most recent activity first. */
export function useMyEnrollments(options: LiveQueryOptions = {}): LiveQueryState<EnrollmentListResponse> {
  return useLiveQuery<EnrollmentListResponse>(MY_ENROLLMENTS_PATH, options);
}

export const enrollmentPath = (enrollmentId: string): string => `/enrollments/${encodeURIComponent(enrollmentId)}`;

/** GET /api/enrollments/:id: the enrollment, where to resume, and each lesson's progress. */
export function useEnrollmentDetail(enrollmentId: string | null): LiveQueryState<EnrollmentDetail> {
  return useLiveQuery<EnrollmentDetail>(enrollmentId === null ? null : enrollmentPath(enrollmentId));
}

/** POST /api/enrollments: 201 the first time, 200 with the same enrollment afterwards (a withdrawn one resumes). */
export function enroll(courseId: string): Promise<EnrollmentView> {
  const body: CreateEnrollmentRequest = { courseId };
  return apiRequest<EnrollmentView>('/enrollments', { method: 'POST', body });
}

/** DELETE /api/enrollments/:id: withdrawn, progress kept. */
export function withdrawEnrollment(enrollmentId: string): Promise<EnrollmentView> {
  return apiRequest<EnrollmentView>(enrollmentPath(enrollmentId), { method: 'DELETE' });
}

// --- Course content --------------------------------------------------------------------------------

export function courseVersionPath(slug: string, versionId?: string): string {
  const course = `/courses/${encodeURIComponent(slug)}`;
  return versionId === undefined ? course : `${course}/versions/${encodeURIComponent(versionId)}`;
}

/** GET /api/courses/:slug (latest published version) or /api/courses/:slug/versions/:versionId: the syllabus. */
export function useCourseVersion(slug: string, versionId?: string): QueryState<CourseVersionDetail> {
  return useApiQuery<CourseVersionDetail>(courseVersionPath(slug, versionId));
}

export const lessonPath = (slug: string, versionId: string, lessonId: string): string =>
  `${courseVersionPath(slug, versionId)}/lessons/${encodeURIComponent(lessonId)}`;

/** Lessons of published versions never change: each is fetched once per page load (and can be fetched ahead). */
const lessonCache = new Map<string, Promise<LessonView>>();

/** GET /api/courses/:slug/versions/:versionId/lessons/:lessonId, once per page load. */
export function fetchLesson(slug: string, versionId: string, lessonId: string): Promise<LessonView> {
  const path = lessonPath(slug, versionId, lessonId);
  let lesson = lessonCache.get(path);
  if (lesson === undefined) {
    lesson = apiGet<LessonView>(path);
    lessonCache.set(path, lesson);
    // A failure is not kept: the next visit asks again.
    lesson.catch(() => lessonCache.delete(path));
  }
  return lesson;
}

/** Fetches a lesson ahead (the next one), so that it opens at once, even if the network drops meanwhile. */
export function prefetchLesson(slug: string, versionId: string, lessonId: string): void {
  fetchLesson(slug, versionId, lessonId).catch(() => undefined);
}

export function useLesson(slug: string, versionId: string, lessonId: string): QueryState<LessonView> {
  const path = lessonPath(slug, versionId, lessonId);
  const [attempt, setAttempt] = useState(0);
  const [snapshot, setSnapshot] = useState<{ key: string; data?: LessonView; error?: ReturnType<typeof toErrorBody> }>();
  const key = `${path}#${attempt}`;

  useEffect(() => {
    let live = true;
    fetchLesson(slug, versionId, lessonId).then(
      (data) => live && setSnapshot({ key, data }),
      (error: unknown) => live && setSnapshot({ key, error: toErrorBody(error) }),
    );
    return () => {
      live = false;
    };
  }, [slug, versionId, lessonId, key]);

  const current = snapshot?.key === key;
  return {
    data: current ? snapshot.data : undefined,
    error: current ? snapshot.error : undefined,
    loading: !current,
    reload: () => setAttempt((n) => n + 1),
  };
}

// --- Quizzes ---------------------------------------------------------------------------------------

/**
 * POST /api/quizzes/:lessonId/attempts: graded by the server. Rejects with `ApiError` 409 when no attempt is
 * left, 429 during the cool-down (`retryAfterSeconds`).
 */
export function submitQuizAttempt(lessonId: string, request: QuizAttemptRequest): Promise<QuizAttemptResponse> {
  return apiRequest<QuizAttemptResponse>(`/quizzes/${encodeURIComponent(lessonId)}/attempts`, { method: 'POST', body: request });
}

// --- Progress --------------------------------------------------------------------------------------

/** POST /api/progress/events: one batch (stored entirely or not at all). */
export function sendProgressEvents(events: ProgressEventInput[]): Promise<ProgressBatchResponse> {
  const body: ProgressBatchRequest = { events };
  return apiRequest<ProgressBatchResponse>('/progress/events', { method: 'POST', body });
}

const SESSION_CHANGED = new ApiError({
  statusCode: 401,
  error: 'Unauthorized',
  message: 'La session ne correspond plus à la personne de cette progression.',
  details: [],
});

const queues = new Map<string, ProgressQueue>();
let browserTriggersInstalled = false;

function browserStorage(): QueueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Back online: send at once; the page is being hidden (tab closed, phone locked): send what can be sent. */
function installBrowserTriggers(): void {
  if (browserTriggersInstalled || typeof window === 'undefined') return;
  browserTriggersInstalled = true;
  window.addEventListener('online', () => {
    for (const queue of queues.values()) queue.online();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'hidden') return;
    for (const queue of queues.values()) if (queue.getState().pending > 0) void queue.flush();
  });
}

/**
 * The progress queue of a learner, one per page, kept in localStorage under the learner's id: events are sent
 * only with that learner's session (another person signing in on the same browser waits for their own).
 */
export function progressQueueFor(userId: string): ProgressQueue {
  let queue = queues.get(userId);
  if (queue === undefined) {
    queue = new ProgressQueue({
      storageKey: `academie:progression:${userId}`,
      storage: browserStorage(),
      send: (events) => (getSessionSnapshot().user?.id === userId ? sendProgressEvents(events) : Promise.reject(SESSION_CHANGED)),
    });
    queues.set(userId, queue);
    installBrowserTriggers();
    queue.start();
  }
  return queue;
}

/** The signed-in learner's progress queue; null while signed out. */
export function useProgressQueue(): ProgressQueue | null {
  const { user } = useAuth();
  return user === null ? null : progressQueueFor(user.id);
}

const IDLE: ProgressQueueState = { pending: 0, sending: false, failures: 0, retryAt: null, problem: null, rejected: 0 };
const noSubscription = () => () => undefined;

/** The state of a progress queue, for a screen that shows whether the progress is saved. */
export function useProgressQueueState(queue: ProgressQueue | null): ProgressQueueState {
  return useSyncExternalStore(
    queue?.subscribe ?? noSubscription,
    queue?.getState ?? (() => IDLE),
    queue?.getState ?? (() => IDLE),
  );
}
