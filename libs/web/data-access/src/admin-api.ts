// The administrators' API (docs/admin-api.md), typed from the contracts: accounts and roles, the audit log,
// failed jobs and the outbox lag, certificates, solutions and synonyms, courses. Only the console
// (libs/web/feature-admin, its own lazy chunk) calls these.
import type {
  AdminCertificateList,
  AdminCourseList,
  AdminCourseQuery,
  AdminCourseSummary,
  AdminUserList,
  AdminUserListQuery,
  AdminUserSummary,
  AuditLogList,
  AuditLogQuery,
  CertificateVerification,
  DiscardJobResponse,
  FailedJobsResponse,
  GrantRoleRequest,
  OutboxLag,
  RetryJobResponse,
  RevokeCertificateRequest,
  Role,
  SearchSynonymGroup,
  SearchSynonymInput,
  SolutionInput,
  SolutionListResponse,
  SolutionSummary,
} from '@academie/contracts';
import { apiGet, apiRequest } from './api-client';
import { useLiveQuery, type LiveQueryState } from './use-live-query';

const segment = (value: string) => encodeURIComponent(value);

/** `?a=1&b=2` from the defined, non-empty values, in the order given (the same query, the same path). */
function queryString(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && String(value).trim() !== '') params.set(name, String(value).trim());
  }
  const search = params.toString();
  return search === '' ? '' : `?${search}`;
}

// --- Accounts --------------------------------------------------------------------------------------------

export const adminUsersPath = (query: AdminUserListQuery = {}): string =>
  `/admin/users${queryString({ q: query.q, cursor: query.cursor, limit: query.limit })}`;

export function listAdminUsers(query: AdminUserListQuery): Promise<AdminUserList> {
  return apiGet<AdminUserList>(adminUsersPath(query));
}

export function grantRole(userId: string, role: Role): Promise<AdminUserSummary> {
  const body: GrantRoleRequest = { role };
  return apiRequest<AdminUserSummary>(`/admin/users/${segment(userId)}/roles`, { method: 'POST', body });
}

export function withdrawRole(userId: string, role: Role): Promise<AdminUserSummary> {
  return apiRequest<AdminUserSummary>(`/admin/users/${segment(userId)}/roles/${segment(role)}`, { method: 'DELETE' });
}

export function suspendUser(userId: string): Promise<AdminUserSummary> {
  return apiRequest<AdminUserSummary>(`/admin/users/${segment(userId)}/suspend`, { method: 'POST' });
}

export function reactivateUser(userId: string): Promise<AdminUserSummary> {
  return apiRequest<AdminUserSummary>(`/admin/users/${segment(userId)}/reactivate`, { method: 'POST' });
}

// --- Audit log -------------------------------------------------------------------------------------------

export const auditLogPath = (query: AuditLogQuery = {}): string =>
  `/admin/audit${queryString({
    action: query.action,
    actorId: query.actorId,
    targetType: query.targetType,
    targetId: query.targetId,
    from: query.from,
    to: query.to,
    cursor: query.cursor,
    limit: query.limit,
  })}`;

export function listAuditLog(query: AuditLogQuery): Promise<AuditLogList> {
  return apiGet<AuditLogList>(auditLogPath(query));
}

// --- Background work -------------------------------------------------------------------------------------

export const FAILED_JOBS_PATH = '/admin/jobs/failed';
export const OUTBOX_LAG_PATH = '/admin/outbox';

export function useFailedJobs(): LiveQueryState<FailedJobsResponse> {
  return useLiveQuery<FailedJobsResponse>(FAILED_JOBS_PATH);
}

/** The outbox lag, read again every `pollMs` while the page is visible. */
export function useOutboxLag(pollMs = 5_000): LiveQueryState<OutboxLag> {
  return useLiveQuery<OutboxLag>(OUTBOX_LAG_PATH, { pollMs });
}

export function retryJob(queue: string, jobId: string): Promise<RetryJobResponse> {
  return apiRequest<RetryJobResponse>(`/admin/jobs/${segment(queue)}/${segment(jobId)}/retry`, { method: 'POST' });
}

export function discardJob(queue: string, jobId: string): Promise<DiscardJobResponse> {
  return apiRequest<DiscardJobResponse>(`/admin/jobs/${segment(queue)}/${segment(jobId)}/discard`, { method: 'POST' });
}

// --- Certificates ----------------------------------------------------------------------------------------

export function findCertificates(q: string): Promise<AdminCertificateList> {
  return apiGet<AdminCertificateList>(`/admin/certificates${queryString({ q })}`);
}

export function revokeCertificate(code: string, reason: string): Promise<CertificateVerification> {
  const body: RevokeCertificateRequest = { reason };
  return apiRequest<CertificateVerification>(`/admin/certificates/${segment(code)}/revoke`, { method: 'POST', body });
}

// --- Solutions and search synonyms -----------------------------------------------------------------------

export const adminSolutionsPath = (cursor?: string): string => `/admin/solutions${queryString({ limit: 50, cursor })}`;

export function listAdminSolutions(cursor?: string): Promise<SolutionListResponse> {
  return apiGet<SolutionListResponse>(adminSolutionsPath(cursor));
}

export function createSolution(input: SolutionInput): Promise<SolutionSummary> {
  return apiRequest<SolutionSummary>('/admin/solutions', { method: 'POST', body: input });
}

export function updateSolution(id: string, input: Partial<SolutionInput>): Promise<SolutionSummary> {
  return apiRequest<SolutionSummary>(`/admin/solutions/${segment(id)}`, { method: 'PATCH', body: input });
}

export function deleteSolution(id: string): Promise<void> {
  return apiRequest<void>(`/admin/solutions/${segment(id)}`, { method: 'DELETE' });
}

export const SEARCH_SYNONYMS_PATH = '/admin/search-synonyms';

export function useSearchSynonyms(): LiveQueryState<SearchSynonymGroup[]> {
  return useLiveQuery<SearchSynonymGroup[]>(SEARCH_SYNONYMS_PATH);
}

export function createSynonymGroup(terms: string[]): Promise<SearchSynonymGroup> {
  const body: SearchSynonymInput = { terms };
  return apiRequest<SearchSynonymGroup>(SEARCH_SYNONYMS_PATH, { method: 'POST', body });
}

export function updateSynonymGroup(id: string, terms: string[]): Promise<SearchSynonymGroup> {
  const body: SearchSynonymInput = { terms };
  return apiRequest<SearchSynonymGroup>(`${SEARCH_SYNONYMS_PATH}/${segment(id)}`, { method: 'PUT', body });
}

export function deleteSynonymGroup(id: string): Promise<void> {
  return apiRequest<void>(`${SEARCH_SYNONYMS_PATH}/${segment(id)}`, { method: 'DELETE' });
}

// --- Courses ---------------------------------------------------------------------------------------------

export const adminCoursesPath = (query: AdminCourseQuery = {}): string =>
  `/admin/courses${queryString({ q: query.q, status: query.status, cursor: query.cursor, limit: query.limit })}`;

export function listAdminCourses(query: AdminCourseQuery): Promise<AdminCourseList> {
  return apiGet<AdminCourseList>(adminCoursesPath(query));
}

export function archiveCourseAsAdmin(courseId: string): Promise<AdminCourseSummary> {
  return apiRequest<AdminCourseSummary>(`/admin/courses/${segment(courseId)}/archive`, { method: 'POST' });
}
