export {
  deleteMyAccount,
  changePassword,
  exportMyData,
  fetchMe,
  login,
  logout,
  register,
  requestPasswordReset,
  resendVerificationEmail,
  resetPassword,
  updateProfile,
  useSsoProviders,
  verifyEmail,
} from './account-api';
export { API_BASE_PATH, ApiError, apiGet, apiRequest, isErrorBody, refreshSession, toErrorBody } from './api-client';
export type { ApiCallOptions, ApiRequestOptions, HttpMethod } from './api-client';
export { AuthProvider, useAuth } from './auth-context';
export type { AuthContextValue, AuthStatus } from './auth-context';
export { readCookie, readCsrfToken } from './cookies';
export { parseRetryAfter } from './retry-after';
export { useApiQuery } from './use-api-query';
export type { QueryState } from './use-api-query';
export { coursesPath, useCourses } from './use-courses';
export { RETURN_PARAM, safeReturnPath, signInPath } from './return-path';
