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
export {
  addLesson,
  addModule,
  approveVersion,
  archiveCourse,
  courseSearchPath,
  createCourse,
  deleteLesson,
  deleteModule,
  listSolutions,
  openDraft,
  previewMarkdown,
  rejectVersion,
  renameModule,
  reorderDraft,
  replaceLesson,
  reviewQueuePath,
  searchCourses,
  solutionsPath,
  submitDraft,
  updateDraft,
  useCourse,
  useCourseSearch,
  useReviewQueue,
  useReviewVersion,
  useSolutions,
  useStudioCourse,
  useStudioCourses,
} from './catalog-api';
export type { PagedState, StudioCourseState } from './catalog-api';
export type { AuthContextValue, AuthStatus } from './auth-context';
export { readCookie, readCsrfToken } from './cookies';
export { parseRetryAfter } from './retry-after';
export { useApiQuery } from './use-api-query';
export type { QueryState } from './use-api-query';
export { coursesPath, useCourses } from './use-courses';
export { RETURN_PARAM, safeReturnPath, signInPath } from './return-path';
export { RequireSignIn, type RequireSignInProps } from './require-sign-in';
export { useLiveQuery } from './use-live-query';
export type { LiveQueryOptions, LiveQueryState } from './use-live-query';
export {
  MY_ENROLLMENTS_PATH,
  courseVersionPath,
  enroll,
  enrollmentPath,
  fetchLesson,
  lessonPath,
  prefetchLesson,
  progressQueueFor,
  sendProgressEvents,
  submitQuizAttempt,
  useCourseVersion,
  useEnrollmentDetail,
  useLesson,
  useMyEnrollments,
  useProgressQueue,
  useProgressQueueState,
  withdrawEnrollment,
} from './learning-api';
export { ProgressQueue, classifySendError, retryDelayMs } from './progress-queue';
export type { ProgressQueueState, ProgressRecord, QueueProblem } from './progress-queue';
export {
  certificatePath,
  expectNotification,
  getPublicJson,
  getPublicText,
  markAllNotificationsRead,
  markNotificationRead,
  refreshNotifications,
  useCertificateVerification,
  useMyCertificates,
  useNotifications,
} from './certificates-api';
export {
  acceptInvitation,
  addCohortMembers,
  assignCourse,
  changeMemberRole,
  createCohort,
  createInvitations,
  createOrganisation,
  fetchProgressCsv,
  importInvitationsCsv,
  leaveOrganisation,
  removeCohortMember,
  removeMember,
  revokeInvitation,
  setOrganisationConsent,
  useCohorts,
  useInvitationPreview,
  useMyOrganisations,
  useOrganisation,
  useOrganisationInvitations,
  useOrganisationMembers,
  useOrganisationProgress,
} from './organisation-api';
export {
  KPI_CSV_FILE_NAME,
  KPI_OVERVIEW_PATH,
  downloadKpiCsv,
  fileNameFromDisposition,
  kpiBreakdownPath,
  kpiExportCsvPath,
  kpiQueryString,
  kpiTimeseriesPath,
  useKpiBreakdown,
  useKpiOverview,
  useKpiTimeseries,
} from './kpi-api';
export type { KpiViewQuery } from './kpi-api';
export {
  FAILED_JOBS_PATH,
  OUTBOX_LAG_PATH,
  SEARCH_SYNONYMS_PATH,
  adminCoursesPath,
  adminSolutionsPath,
  adminUsersPath,
  archiveCourseAsAdmin,
  auditLogPath,
  createSolution,
  createSynonymGroup,
  deleteSolution,
  deleteSynonymGroup,
  discardJob,
  findCertificates,
  grantRole,
  listAdminCourses,
  listAdminSolutions,
  listAdminUsers,
  listAuditLog,
  reactivateUser,
  retryJob,
  revokeCertificate,
  suspendUser,
  updateSolution,
  updateSynonymGroup,
  useFailedJobs,
  useOutboxLag,
  useSearchSynonyms,
  withdrawRole,
} from './admin-api';
