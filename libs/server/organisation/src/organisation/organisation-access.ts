import type { OrganisationRole } from '@academie/contracts';
import { OrganisationError } from '../organisation.errors';
import { type Queryable, rowsOf } from '../sql';

/** Who may do what in an organisation: every route under /api/organisations/:orgId goes through `requireOrgRole`. */
export const MANAGERS: OrganisationRole[] = ['org_admin', 'org_manager'];
export const ADMINS: OrganisationRole[] = ['org_admin'];

/**
 * The caller's role in the organisation, checked against the roles allowed. Not a member (or no such organisation,
 * or a malformed id): 404, so that nobody learns which organisations exist. A member without the role: 403.
 */
export async function requireOrgRole(db: Queryable, orgId: string, userId: string, allowed: OrganisationRole[]): Promise<OrganisationRole> {
  const [row] = await rowsOf<{ role: OrganisationRole }>(
    db,
    `SELECT role FROM organisation_member WHERE organisation_id = $1 AND user_id = $2`,
    [orgId, userId],
  );
  if (!row) throw OrganisationError.OrganisationNotFound([{ field: 'orgId', reason: 'you are not a member of an organisation with this id' }]);
  if (!allowed.includes(row.role)) throw OrganisationError.NotOrganisationManager([{ field: 'orgId', reason: `needs one of: ${allowed.join(', ')}` }]);
  return row.role;
}
