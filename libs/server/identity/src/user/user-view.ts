import {
  type AdminUserSummary,
  type Audience,
  type LearnerStatus,
  type MeResponse,
  type NafSection,
  ROLES,
  type RegionCode,
  type Role,
  type StaffBand,
} from '@academie/contracts';
import type { Queryable } from '../sql';

export interface UserViewRow {
  id: string;
  email: string | null;
  email_verified_at: Date | null;
  first_name: string;
  last_name: string;
  status: LearnerStatus | null;
  staff_band: StaffBand | null;
  region: RegionCode | null;
  sector: NafSection | null;
  siren: string | null;
  audience: Audience | null;
  suspended_at: Date | null;
  created_at: Date;
  roles: string[];
}

/** Columns of a user as the API shows it, roles included (one query, no N+1). Alias the table `u`. */
export const USER_VIEW_COLUMNS = `u.id, u.email, u.email_verified_at, u.first_name, u.last_name, u.status, u.staff_band,
  u.region, u.sector, u.siren, u.audience, u.suspended_at, u.created_at,
  ARRAY(SELECT r.role::text FROM user_role r WHERE r.user_id = u.id) AS roles`;

/** Every account is a learner; stored roles come on top, in the order of ROLES. */
export const rolesOf = (stored: readonly string[]): Role[] => ROLES.filter((role) => role === 'learner' || stored.includes(role));

export function toMe(row: UserViewRow): MeResponse {
  return {
    id: row.id,
    email: row.email ?? '',
    emailVerified: row.email_verified_at !== null,
    firstName: row.first_name,
    lastName: row.last_name,
    roles: rolesOf(row.roles),
    profile: { status: row.status, staffBand: row.staff_band, region: row.region, sector: row.sector, siren: row.siren },
    audience: row.audience,
    createdAt: row.created_at.toISOString(),
  };
}

export function toAdminSummary(row: UserViewRow): AdminUserSummary {
  return {
    id: row.id,
    email: row.email ?? '',
    firstName: row.first_name,
    lastName: row.last_name,
    roles: rolesOf(row.roles),
    suspended: row.suspended_at !== null,
    emailVerified: row.email_verified_at !== null,
    createdAt: row.created_at.toISOString(),
  };
}

/** A user as the API shows it, or null when there is no such (non-erased) account. */
export async function findUserView(db: Queryable, id: string): Promise<UserViewRow | null> {
  const rows = (await db.query(`SELECT ${USER_VIEW_COLUMNS} FROM app_user u WHERE u.id = $1 AND u.erased_at IS NULL`, [
    id,
  ])) as UserViewRow[];
  return rows[0] ?? null;
}

/** Trimmed and lowercase: the one form in which e-mails are stored and compared. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
