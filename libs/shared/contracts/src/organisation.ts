// Organisations (libs/server/organisation, docs/organisation-api.md): employers, apprentice centres, job agencies and
// administrations that invite their people, group them in cohorts and follow their progress with their consent.
import type { NafSection, RegionCode, StaffBand } from './reference';

export const ORGANISATION_KINDS = {
  entreprise: 'Entreprise',
  cfa: 'Centre de formation d’apprentis (CFA)',
  agence_emploi: 'Agence pour l’emploi',
  administration: 'Administration',
  autre: 'Autre',
} as const;
export type OrganisationKind = keyof typeof ORGANISATION_KINDS;
export const ORGANISATION_KIND_CODES = Object.keys(ORGANISATION_KINDS) as OrganisationKind[];

/** A person's role in one organisation. `member` sees nothing of the others; managers follow; admins also govern. */
export const ORGANISATION_ROLES = ['org_admin', 'org_manager', 'member'] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

/** Below this many people, no aggregate of a group that includes non-consenting members is shown. */
export const ORGANISATION_MIN_AGGREGATE = 10;

export interface CreateOrganisationRequest {
  kind: OrganisationKind;
  name: string;
  /** 9 digits (SIREN) or 14 digits (SIRET), Luhn-checked; optional. */
  siren?: string;
  siret?: string;
  staffBand?: StaffBand;
  region?: RegionCode;
  sector?: NafSection;
}

export interface OrganisationView {
  id: string;
  kind: OrganisationKind;
  name: string;
  siren: string | null;
  siret: string | null;
  staffBand: StaffBand | null;
  region: RegionCode | null;
  sector: NafSection | null;
  createdAt: string;
  /** The caller's role in it. */
  myRole: OrganisationRole;
  memberCount: number;
}

/** One of the caller's memberships (`GET /api/me/organisations`). */
export interface MyOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  role: OrganisationRole;
  joinedAt: string;
  /** The person agreed that this organisation sees their individual progress. */
  progressShared: boolean;
}

export interface OrganisationMemberView {
  userId: string;
  firstName: string;
  lastName: string;
  email: string;
  role: OrganisationRole;
  joinedAt: string;
  progressShared: boolean;
}

export type InvitationKind = 'email' | 'link';

export interface InvitationView {
  id: string;
  kind: InvitationKind;
  email: string | null;
  maxUses: number | null;
  uses: number;
  expiresAt: string;
  createdAt: string;
  revokedAt: string | null;
  acceptedAt: string | null;
}

export interface CreateEmailInvitationsRequest {
  kind: 'email';
  emails: string[];
  validForDays?: number;
}
export interface CreateLinkInvitationRequest {
  kind: 'link';
  /** null or absent: unlimited until expiry. 1: single-use. */
  maxUses?: number | null;
  validForDays?: number;
}
export type CreateInvitationRequest = CreateEmailInvitationsRequest | CreateLinkInvitationRequest;

export interface CreateInvitationsResponse {
  /** E-mail invitations: the import that wrote them (one line per address). */
  import?: ImportJobView;
  /** Link invitation: the code, shown once (`/rejoindre?code=<code>`). */
  invitation?: InvitationView;
  code?: string;
}

export interface ImportLineError {
  line: number;
  value: string;
  reason: string;
}

export interface ImportJobView {
  id: string;
  status: 'running' | 'done';
  totalLines: number;
  processedLines: number;
  /** New invitations written. */
  invited: number;
  /** Addresses already invited (or already members): nothing written twice. */
  alreadyInvited: number;
  rejected: number;
  errors: ImportLineError[];
  createdAt: string;
  finishedAt: string | null;
}

export interface ImportCsvRequest {
  /** The file's text: one address per line, or a CSV whose first column (or `email` column) holds them. */
  csv: string;
}

export interface InvitationPreview {
  organisationName: string;
  organisationKind: OrganisationKind;
  kind: InvitationKind;
  /** For an e-mail invitation: the address it was sent to. */
  email: string | null;
  expiresAt: string;
}

export interface AcceptInvitationRequest {
  /** The e-mail link's token, or the code of a link invitation. */
  token: string;
  /** The person agrees that the organisation sees their individual progress (can be withdrawn at any time). */
  shareProgress: boolean;
}

export interface ConsentRequest {
  shareProgress: boolean;
}

export interface CohortView {
  id: string;
  name: string;
  memberIds: string[];
  assignments: AssignmentView[];
  createdAt: string;
}

export interface AssignmentView {
  id: string;
  courseId: string;
  courseTitle: string;
  dueOn: string | null;
  createdAt: string;
}

export interface CreateAssignmentRequest {
  courseId: string;
  /** YYYY-MM-DD */
  dueOn?: string | null;
}

export interface AssignmentResult {
  assignment: AssignmentView;
  /** Members newly enrolled by this request (already enrolled ones are left as they are). */
  enrolled: number;
}

/** An aggregate over a group: null counts when it is too small to show (fewer than 10 people, not all consenting). */
export interface ProgressAggregate {
  people: number;
  enrolled: number | null;
  completed: number | null;
  averagePercent: number | null;
  /** True when the counts are withheld. */
  withheld: boolean;
}

export interface CourseProgressRow extends ProgressAggregate {
  courseId: string;
  courseTitle: string;
}

export interface CohortProgressRow extends ProgressAggregate {
  cohortId: string;
  cohortName: string;
  courseId: string;
  courseTitle: string;
}

export interface PersonProgressRow {
  userId: string;
  firstName: string;
  lastName: string;
  courseId: string;
  courseTitle: string;
  percent: number;
  completedAt: string | null;
}

export interface OrganisationProgress {
  perCourse: CourseProgressRow[];
  perCohort: CohortProgressRow[];
  /** Consenting members only. */
  perPerson: PersonProgressRow[];
  /** Members who do not share their progress (their individual rows never appear). */
  notSharing: number;
}
