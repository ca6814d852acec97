import type { CourseListQuery, CourseListResponse } from '@academie/contracts';
import { useApiQuery, type QueryState } from './use-api-query';

export function coursesPath(query: CourseListQuery = {}): string {
  const params = new URLSearchParams();
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cursor !== undefined) params.set('cursor', query.cursor);
  const search = params.toString();
  return search === '' ? '/courses' : `/courses?${search}`;
}

/** The published catalogue, one page at a time: GET /api/courses. */
export function useCourses(query: CourseListQuery = {}): QueryState<CourseListResponse> {
  return useApiQuery<CourseListResponse>(coursesPath(query));
}
