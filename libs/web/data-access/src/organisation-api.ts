// The organisations API (docs/organisation-api.md), typed from the contracts. Screens call these functions or
// the hooks below, never `fetch`.
import type {
  AcceptInvitationRequest,
  AssignmentResult,
  CohortView,
  ConsentRequest,
  CreateAssignmentRequest,
  CreateInvitationRequest,
  CreateInvitationsResponse,
  CreateOrganisationRequest,
  ImportCsvRequest,
  ImportJobView,
  InvitationPreview,
  InvitationView,
  MyOrganisation,
  OrganisationMemberView,
  OrganisationProgress,
  OrganisationRole,
  OrganisationView,
} from '@academie/contracts';
import { API_BASE_PATH, ApiError, apiRequest, isErrorBody, refreshSession } from './api-client';
import { getAccessToken } from './session-store';
import { useApiQuery, type QueryState } from './use-api-query';

const org = (orgId: string) => `/organisations/${encodeURIComponent(orgId)}`;

/** GET /api/me/organisations: the person's memberships, with their consent. */
export function useMyOrganisations(): QueryState<MyOrganisation[]> {
  return useApiQuery<MyOrganisation[]>('/me/organisations');
}

/** POST /api/organisations: the creator becomes its `org_admin`. */
export function createOrganisation(request: CreateOrganisationRequest): Promise<OrganisationView> {
  return apiRequest<OrganisationView>('/organisations', { method: 'POST', body: request });
}

export function useOrganisation(orgId: string): QueryState<OrganisationView> {
  return useApiQuery<OrganisationView>(org(orgId));
}

export function useOrganisationMembers(orgId: string): QueryState<OrganisationMemberView[]> {
  return useApiQuery<OrganisationMemberView[]>(`${org(orgId)}/members`);
}

export function changeMemberRole(orgId: string, userId: string, role: OrganisationRole): Promise<OrganisationMemberView> {
  return apiRequest<OrganisationMemberView>(`${org(orgId)}/members/${encodeURIComponent(userId)}`, { method: 'PATCH', body: { role } });
}

export async function removeMember(orgId: string, userId: string): Promise<void> {
  await apiRequest<void>(`${org(orgId)}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' });
}

export function useOrganisationInvitations(orgId: string): QueryState<InvitationView[]> {
  return useApiQuery<InvitationView[]>(`${org(orgId)}/invitations`);
}

/** POST .../invitations: e-mail invitations (an import) or a link code (shown once). */
export function createInvitations(orgId: string, request: CreateInvitationRequest): Promise<CreateInvitationsResponse> {
  return apiRequest<CreateInvitationsResponse>(`${org(orgId)}/invitations`, { method: 'POST', body: request });
}

export function revokeInvitation(orgId: string, invitationId: string): Promise<InvitationView> {
  return apiRequest<InvitationView>(`${org(orgId)}/invitations/${encodeURIComponent(invitationId)}`, { method: 'DELETE' });
}

/** POST .../imports: the CSV's addresses become invitations; answers once done, with every bad line. */
export function importInvitationsCsv(orgId: string, csv: string): Promise<ImportJobView> {
  const body: ImportCsvRequest = { csv };
  return apiRequest<ImportJobView>(`${org(orgId)}/imports`, { method: 'POST', body });
}

export function useCohorts(orgId: string): QueryState<CohortView[]> {
  return useApiQuery<CohortView[]>(`${org(orgId)}/cohorts`);
}

export function createCohort(orgId: string, name: string): Promise<CohortView> {
  return apiRequest<CohortView>(`${org(orgId)}/cohorts`, { method: 'POST', body: { name } });
}

export function addCohortMembers(orgId: string, cohortId: string, userIds: string[]): Promise<CohortView> {
  return apiRequest<CohortView>(`${org(orgId)}/cohorts/${encodeURIComponent(cohortId)}/members`, { method: 'POST', body: { userIds } });
}

export async function removeCohortMember(orgId: string, cohortId: string, userId: string): Promise<void> {
  await apiRequest<void>(`${org(orgId)}/cohorts/${encodeURIComponent(cohortId)}/members/${encodeURIComponent(userId)}`, { method: 'DELETE' });
}

export function assignCourse(orgId: string, cohortId: string, request: CreateAssignmentRequest): Promise<AssignmentResult> {
  return apiRequest<AssignmentResult>(`${org(orgId)}/cohorts/${encodeURIComponent(cohortId)}/assignments`, { method: 'POST', body: request });
}

export function useOrganisationProgress(orgId: string): QueryState<OrganisationProgress> {
  return useApiQuery<OrganisationProgress>(`${org(orgId)}/progress`);
}

/**
 * GET .../progress.csv as text (the route needs the access token, so a plain link cannot download it): the
 * screen turns it into a file for the browser to save.
 */
export async function fetchProgressCsv(orgId: string): Promise<string> {
  const send = (token: string | null) =>
    fetch(`${API_BASE_PATH}${org(orgId)}/progress.csv`, {
      headers: token === null ? { Accept: 'text/csv' } : { Accept: 'text/csv', Authorization: `Bearer ${token}` },
      credentials: 'same-origin',
    });
  let response = await send(getAccessToken());
  if (response.status === 401) {
    const session = await refreshSession().catch(() => null);
    if (session !== null) response = await send(session.accessToken);
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    throw new ApiError(
      isErrorBody(body)
        ? body
        : { statusCode: response.status, error: response.statusText || 'Error', message: 'Le fichier n’a pas pu être préparé.', details: [] },
    );
  }
  return response.text();
}

/** GET /api/invitations/preview: what the token or code invites to (404 if it no longer works). */
export function useInvitationPreview(token: string): QueryState<InvitationPreview> {
  return useApiQuery<InvitationPreview>(`/invitations/preview?token=${encodeURIComponent(token)}`);
}

export function acceptInvitation(request: AcceptInvitationRequest): Promise<MyOrganisation> {
  return apiRequest<MyOrganisation>('/invitations/accept', { method: 'POST', body: request });
}

/** PUT /api/me/organisations/:orgId/consent: gives or withdraws consent, at any time. */
export function setOrganisationConsent(orgId: string, shareProgress: boolean): Promise<MyOrganisation> {
  const body: ConsentRequest = { shareProgress };
  return apiRequest<MyOrganisation>(`/me/organisations/${encodeURIComponent(orgId)}/consent`, { method: 'PUT', body });
}

export async function leaveOrganisation(orgId: string): Promise<void> {
  await apiRequest<void>(`/me/organisations/${encodeURIComponent(orgId)}`, { method: 'DELETE' });
}
