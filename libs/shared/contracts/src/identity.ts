import type { Audience, NafSection, RegionCode, StaffBand } from './reference';

export const ROLES = ['learner', 'trainer', 'reviewer', 'ministry', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  learner: 'Apprenant',
  trainer: 'Formateur',
  reviewer: 'Relecteur',
  ministry: 'Ministère',
  admin: 'Administrateur',
};

/** What the person says they are: the first fact of the audience segmentation. */
export const LEARNER_STATUSES = ['dirigeant', 'salarie', 'independant', 'agent_public', 'apprenti', 'demandeur_emploi'] as const;
export type LearnerStatus = (typeof LEARNER_STATUSES)[number];

/** The status in plain words, as the person chooses it. */
export const LEARNER_STATUS_LABELS: Record<LearnerStatus, string> = {
  dirigeant: 'Je dirige une entreprise',
  salarie: 'Je suis salarié ou salariée',
  independant: 'Je suis indépendant ou indépendante',
  agent_public: 'Je suis agent ou agente du service public',
  apprenti: 'Je suis apprenti ou apprentie',
  demandeur_emploi: 'Je cherche un emploi',
};

export interface Profile {
  status: LearnerStatus | null;
  staffBand: StaffBand | null;
  region: RegionCode | null;
  sector: NafSection | null;
  /** 9 digits, Luhn-checked. */
  siren: string | null;
}

export type ProfileUpdate = Partial<Profile>;

/** INSEE staff bands by company category: TPE < 10, PME 10-249, ETI 250-4,999, large groups 5,000 and more. */
const STAFF_BAND_AUDIENCE: Record<StaffBand, Audience> = {
  NN: 'tpe',
  '00': 'tpe',
  '01': 'tpe',
  '02': 'tpe',
  '03': 'tpe',
  '11': 'pme',
  '12': 'pme',
  '21': 'pme',
  '22': 'pme',
  '31': 'pme',
  '32': 'eti',
  '41': 'eti',
  '42': 'eti',
  '51': 'eti',
  '52': 'grand_groupe',
  '53': 'grand_groupe',
};

/**
 * The audience used by the catalogue and the KPIs, derived from the profile by this one function:
 * apprentices and jobseekers by their status; everyone else by the staff band of their employer
 * (a self-employed person or a company head with no band counts as a TPE). Null when unknown.
 */
export function deriveAudience(profile: Pick<Profile, 'status' | 'staffBand'>): Audience | null {
  if (profile.status === 'apprenti') return 'apprenti';
  if (profile.status === 'demandeur_emploi') return 'demandeur_emploi';
  if (profile.staffBand) return STAFF_BAND_AUDIENCE[profile.staffBand];
  if (profile.status === 'independant') return 'tpe';
  return null;
}

export const PASSWORD_MIN_LENGTH = 12;

export interface RegisterRequest {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface MeResponse {
  id: string;
  email: string;
  emailVerified: boolean;
  firstName: string;
  lastName: string;
  roles: Role[];
  profile: Profile;
  audience: Audience | null;
  createdAt: string;
}

/** Answer of login, refresh and SSO callback. The refresh token travels only in its httpOnly cookie. */
export interface SessionResponse {
  accessToken: string;
  /** Seconds until the access token expires (900). */
  expiresIn: number;
  user: MeResponse;
}

/** Cookie routes (`/api/auth/refresh`, `/api/auth/logout`) require this header equal to the CSRF cookie. */
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_COOKIE = 'academie_csrf';
export const REFRESH_COOKIE = 'academie_refresh';

export interface VerifyEmailRequest {
  token: string;
}

export interface PasswordResetRequest {
  email: string;
}

export interface PasswordResetConfirm {
  token: string;
  password: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface SsoProviderInfo {
  id: 'proconnect' | 'franceconnect';
  label: string;
  /** Where the browser goes to start the sign-in. */
  startUrl: string;
}

export interface AdminUserSummary {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  roles: Role[];
  suspended: boolean;
  emailVerified: boolean;
  createdAt: string;
}

export interface AdminUserList {
  items: AdminUserSummary[];
  nextCursor: string | null;
}

export interface AuditLogEntry {
  id: string;
  at: string;
  actorId: string | null;
  /**
   * In the administrators' listing only: the actor's e-mail address as it is now, read when the log is listed (the
   * log itself holds no personal data); null for the system or an erased account.
   */
  actorEmail?: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
}

/** Answer of `POST /api/auth/verify-email`. */
export interface VerifyEmailResponse {
  verified: true;
}

/** Body of `POST /api/auth/verify-email/resend` and `POST /api/auth/password/forgot`. */
export interface EmailOnlyRequest {
  email: string;
}

/** Body of `POST /api/admin/users/:id/roles`. */
export interface GrantRoleRequest {
  role: Role;
}

export interface AdminUserListQuery {
  /** Part of an e-mail, a first name or a last name (case-insensitive). */
  q?: string;
  cursor?: string;
  /** 1 to 100, 20 by default. */
  limit?: number;
}

export interface AuditLogQuery {
  action?: string;
  actorId?: string;
  /** `user`, `course`, `certificate`, `job`… */
  targetType?: string;
  targetId?: string;
  /** Entries at or after this instant (ISO 8601 date or date-time). */
  from?: string;
  /** Entries strictly before this instant (ISO 8601; a plain date means its start: pass the next day to include a day). */
  to?: string;
  cursor?: string;
  /** 1 to 100, 50 by default. */
  limit?: number;
}

export interface AuditLogList {
  items: AuditLogEntry[];
  nextCursor: string | null;
}

/** Answer of `GET /api/me/export`: what each context holds about the person, by context. */
export interface PersonalDataExport {
  exportedAt: string;
  userId: string;
  contexts: Record<string, { description: string; data: unknown }>;
}
