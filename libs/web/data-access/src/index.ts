export { API_BASE_PATH, ApiError, apiGet, isErrorBody, toErrorBody } from './api-client';
export type { ApiRequestOptions } from './api-client';
export { useApiQuery } from './use-api-query';
export type { QueryState } from './use-api-query';
export { coursesPath, useCourses } from './use-courses';
