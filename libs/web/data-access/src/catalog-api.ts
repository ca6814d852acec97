// The catalogue API (docs/catalogue-api.md), typed from the contracts: public search, course pages and
// turnkey solutions, the trainers' studio and the reviewers' queue. Screens call these functions or
// hooks, never `fetch`.
import type {
  AuthorVersion,
  CourseSearchQuery,
  CourseSearchResponse,
  CourseVersionDetail,
  CreateCourseRequest,
  ErrorBody,
  LessonInput,
  MarkdownPreviewRequest,
  MarkdownPreviewResponse,
  ModuleInput,
  RejectRequest,
  ReorderRequest,
  ReviewQueueResponse,
  SolutionListQuery,
  SolutionListResponse,
  StudioCourse,
  StudioCourseSummary,
  UpdateDraftRequest,
} from '@academie/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { apiGet, apiRequest, toErrorBody, type ApiRequestOptions } from './api-client';
import { useApiQuery, type QueryState } from './use-api-query';

const segment = (value: string) => encodeURIComponent(value);

// ---------------------------------------------------------------------------------------------------
// Public catalogue.

/**
 * `/courses?…` for a search: list filters are sent comma-separated, in a stable order, so that the same
 * search always has the same path (the API caches answers per query).
 */
export function courseSearchPath(query: CourseSearchQuery = {}): string {
  const params = new URLSearchParams();
  if (query.q !== undefined && query.q.trim() !== '') params.set('q', query.q.trim());
  const lists = ['audience', 'level', 'kind', 'sector', 'useCase'] as const;
  for (const name of lists) {
    const values = query[name];
    if (values !== undefined && values.length > 0) params.set(name, [...values].sort().join(','));
  }
  if (query.durationMin !== undefined) params.set('durationMin', String(query.durationMin));
  if (query.durationMax !== undefined) params.set('durationMax', String(query.durationMax));
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cursor !== undefined) params.set('cursor', query.cursor);
  const search = params.toString();
  return search === '' ? '/courses' : `/courses?${search}`;
}

/** GET /api/courses: one page of a search. */
export function searchCourses(query: CourseSearchQuery, options: ApiRequestOptions = {}): Promise<CourseSearchResponse> {
  return apiGet<CourseSearchResponse>(courseSearchPath(query), options);
}

/** A list read page after page with a keyset cursor (`nextCursor`). */
export interface PagedState<T extends { items: unknown[]; nextCursor: string | null }> {
  /**
   * The first page's answer (with its total and facets, if any) and the items of every page loaded so far.
   * While another key loads, the previous key's answer stays here (`stale`), so that a page keeps its
   * filters and results on screen, and the focus where it was, until the new answer replaces them.
   */
  data: T | undefined;
  /** `data` belongs to a previous key: the current one is loading. */
  stale: boolean;
  error: ErrorBody | undefined;
  loading: boolean;
  /** Loads the next page and appends its items. */
  loadMore: () => void;
  loadingMore: boolean;
  /** Why the next page could not be loaded, if it could not. */
  loadMoreError: ErrorBody | undefined;
  reload: () => void;
}

interface Pages<T> {
  key: string;
  data: T;
}

/**
 * The first page is fetched whenever `key` changes (`undefined`: not yet, e.g. while the session that
 * decides a default filter is restored); `loadMore` appends the next one. Pages of a previous key are
 * never mixed with the current one's.
 */
function usePages<T extends { items: unknown[]; nextCursor: string | null }>(
  key: string | undefined,
  fetchPage: (cursor: string | undefined, options: ApiRequestOptions) => Promise<T>,
): PagedState<T> {
  const [attempt, setAttempt] = useState(0);
  const [pages, setPages] = useState<Pages<T> | undefined>(undefined);
  const [error, setError] = useState<{ key: string; body: ErrorBody } | undefined>(undefined);
  const [more, setMore] = useState<{ key: string; loading: boolean; error?: ErrorBody } | undefined>(undefined);
  // The latest fetcher, without making it a dependency: `key` stands for what it fetches.
  const fetcher = useRef(fetchPage);
  fetcher.current = fetchPage;

  useEffect(() => {
    if (key === undefined) return;
    const controller = new AbortController();
    fetcher.current(undefined, { signal: controller.signal }).then(
      (data) => {
        setPages({ key, data });
        setError(undefined);
      },
      (reason: unknown) => {
        if (controller.signal.aborted) return;
        setError({ key, body: toErrorBody(reason) });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const current = pages !== undefined && pages.key === key ? pages.data : undefined;
  const currentError = error !== undefined && error.key === key ? error.body : undefined;
  const moreState = more !== undefined && more.key === key ? more : undefined;
  const nextCursor = current?.nextCursor ?? null;
  const loadingMore = moreState?.loading ?? false;

  const loadMore = useCallback(() => {
    if (key === undefined || nextCursor === null || loadingMore) return;
    setMore({ key, loading: true });
    fetcher.current(nextCursor, {}).then(
      (next) => {
        setPages((previous) =>
          previous === undefined || previous.key !== key
            ? previous
            : { key, data: { ...previous.data, items: [...previous.data.items, ...next.items], nextCursor: next.nextCursor } },
        );
        setMore({ key, loading: false });
      },
      (reason: unknown) => setMore({ key, loading: false, error: toErrorBody(reason) }),
    );
  }, [key, nextCursor, loadingMore]);

  const reload = useCallback(() => {
    setError(undefined);
    setAttempt((n) => n + 1);
  }, []);

  return {
    data: current ?? pages?.data,
    stale: current === undefined && pages !== undefined,
    error: currentError,
    loading: key !== undefined && current === undefined && currentError === undefined,
    loadMore,
    loadingMore,
    loadMoreError: moreState?.error,
    reload,
  };
}

/**
 * A catalogue search and its following pages (« Afficher plus »). Pass `undefined` to wait before
 * searching (while the session that decides the default audience is restored).
 */
export function useCourseSearch(query: CourseSearchQuery | undefined): PagedState<CourseSearchResponse> {
  const key = query === undefined ? undefined : courseSearchPath(query);
  return usePages(key, (cursor, options) => searchCourses({ ...query, cursor }, options));
}

/** GET /api/courses/:slug: the latest published version with its syllabus and solutions. */
export function useCourse(slug: string): QueryState<CourseVersionDetail> {
  return useApiQuery<CourseVersionDetail>(`/courses/${segment(slug)}`);
}

export function solutionsPath(query: SolutionListQuery = {}): string {
  const params = new URLSearchParams();
  if (query.useCase !== undefined) params.set('useCase', query.useCase);
  if (query.companySize !== undefined) params.set('companySize', query.companySize);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cursor !== undefined) params.set('cursor', query.cursor);
  const search = params.toString();
  return search === '' ? '/solutions' : `/solutions?${search}`;
}

/** GET /api/solutions: one page of turnkey solutions, by name. */
export function listSolutions(query: SolutionListQuery, options: ApiRequestOptions = {}): Promise<SolutionListResponse> {
  return apiGet<SolutionListResponse>(solutionsPath(query), options);
}

/** Turnkey solutions and their following pages. */
export function useSolutions(query: SolutionListQuery): PagedState<SolutionListResponse> {
  return usePages(solutionsPath(query), (cursor, options) => listSolutions({ ...query, cursor }, options));
}

// ---------------------------------------------------------------------------------------------------
// Studio (role trainer). Every write answers the whole StudioCourse.

/** GET /api/studio/courses: the courses the signed-in trainer authors. */
export function useStudioCourses(): QueryState<StudioCourseSummary[]> {
  return useApiQuery<StudioCourseSummary[]>('/studio/courses');
}

export interface StudioCourseState extends QueryState<StudioCourse> {
  /** Replaces the course shown with the answer of a write. */
  setCourse: (course: StudioCourse) => void;
}

/** GET /api/studio/courses/:courseId, then the answers of the writes made from the page. */
export function useStudioCourse(courseId: string): StudioCourseState {
  const query = useApiQuery<StudioCourse>(`/studio/courses/${segment(courseId)}`);
  const [written, setWritten] = useState<StudioCourse | undefined>(undefined);
  const { reload: reloadQuery } = query;
  const reload = useCallback(() => {
    setWritten(undefined);
    reloadQuery();
  }, [reloadQuery]);
  const data = written !== undefined && written.id === courseId ? written : query.data;
  return { ...query, data, loading: data === undefined && query.loading, reload, setCourse: setWritten };
}

const studio = (courseId: string, rest = '') => `/studio/courses/${segment(courseId)}${rest}`;

/** POST /api/studio/courses: 201 with version 1 as a draft; 409 when the slug is taken. */
export function createCourse(request: CreateCourseRequest): Promise<StudioCourse> {
  return apiRequest<StudioCourse>('/studio/courses', { method: 'POST', body: request });
}

/** POST …/draft: opens the next version from the latest published one (returns the open one if any). */
export function openDraft(courseId: string): Promise<StudioCourse> {
  return apiRequest<StudioCourse>(studio(courseId, '/draft'), { method: 'POST' });
}

/** PATCH …/draft: any metadata; 409 while in review. */
export function updateDraft(courseId: string, update: UpdateDraftRequest): Promise<StudioCourse> {
  return apiRequest<StudioCourse>(studio(courseId, '/draft'), { method: 'PATCH', body: update });
}

export function addModule(courseId: string, module: ModuleInput): Promise<StudioCourse> {
  return apiRequest<StudioCourse>(studio(courseId, '/draft/modules'), { method: 'POST', body: module });
}

export function renameModule(courseId: string, moduleId: string, module: ModuleInput): Promise<StudioCourse> {
  return apiRequest<StudioCourse>(studio(courseId, `/draft/modules/${segment(moduleId)}`), { method: 'PATCH', body: module });
}

/** DELETE …/draft/modules/:moduleId, with its lessons. */
export function deleteModule(courseId: string, moduleId: string): Promise<StudioCourse> {
  return apiRequest<StudioCourse>(studio(courseId, `/draft/modules/${segment(moduleId)}`), { method: 'DELETE' });
}

export function addLesson(courseId: string, moduleId: string, lesson: LessonInput): Promise<StudioCourse> {
  return apiRequest<StudioCourse>(studio(courseId, `/draft/modules/${segment(moduleId)}/lessons`), { method: 'POST', body: lesson });
}

export function replaceLesson(courseId: string, lessonId: string, lesson: LessonInput): Promise<StudioCourse> {
  return apiRequest<StudioCourse>(studio(courseId, `/draft/lessons/${segment(lessonId)}`), { method: 'PUT', body: lesson });
}

export function deleteLesson(courseId: string, lessonId: string): Promise<StudioCourse> {
  return apiRequest<StudioCourse>(studio(courseId, `/draft/lessons/${segment(lessonId)}`), { method: 'DELETE' });
}

/** PUT …/draft/order: every module of the draft and every lesson once. */
export function reorderDraft(courseId: string, order: ReorderRequest): Promise<StudioCourse> {
  return apiRequest<StudioCourse>(studio(courseId, '/draft/order'), { method: 'PUT', body: order });
}

/** POST …/draft/submit: 400 naming what is missing (`modules`, `modules.0.lessons`, `summary`, `audiences`). */
export function submitDraft(courseId: string): Promise<StudioCourse> {
  return apiRequest<StudioCourse>(studio(courseId, '/draft/submit'), { method: 'POST' });
}

/** POST …/archive: withdrawn from the catalogue. */
export function archiveCourse(courseId: string): Promise<StudioCourse> {
  return apiRequest<StudioCourse>(studio(courseId, '/archive'), { method: 'POST' });
}

/** POST /api/studio/markdown/preview: the sanitized HTML exactly as learners will get it. */
export function previewMarkdown(markdown: string, options: ApiRequestOptions = {}): Promise<MarkdownPreviewResponse> {
  const body: MarkdownPreviewRequest = { markdown };
  return apiRequest<MarkdownPreviewResponse>('/studio/markdown/preview', { ...options, method: 'POST', body });
}

// ---------------------------------------------------------------------------------------------------
// Review (role reviewer).

export function reviewQueuePath(cursor?: string): string {
  return cursor === undefined ? '/review/submissions' : `/review/submissions?cursor=${encodeURIComponent(cursor)}`;
}

/** GET /api/review/submissions: submitted versions, oldest first, the reviewer's own courses excluded; page after page. */
export function useReviewQueue(): PagedState<ReviewQueueResponse> {
  return usePages(reviewQueuePath(), (cursor, options) => apiGet<ReviewQueueResponse>(reviewQueuePath(cursor), options));
}

/** GET /api/review/versions/:versionId: the whole version, answers and explanations included. */
export function useReviewVersion(versionId: string): QueryState<AuthorVersion> {
  return useApiQuery<AuthorVersion>(`/review/versions/${segment(versionId)}`);
}

/** POST …/approve: published, immutable from now on; 409 if not submitted. */
export function approveVersion(versionId: string): Promise<AuthorVersion> {
  return apiRequest<AuthorVersion>(`/review/versions/${segment(versionId)}/approve`, { method: 'POST' });
}

/** POST …/reject: back to its authors with the comment (3 characters at least). */
export function rejectVersion(versionId: string, comment: string): Promise<AuthorVersion> {
  const body: RejectRequest = { comment };
  return apiRequest<AuthorVersion>(`/review/versions/${segment(versionId)}/reject`, { method: 'POST', body });
}
