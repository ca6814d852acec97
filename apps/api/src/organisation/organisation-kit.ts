// Helpers of the organisation integration tests (not a test file).
import type { CatalogKit, TestUser } from '../catalog/catalog-kit';

export interface OrgUser extends TestUser {
  name: string;
}

let counter = 0;

/** A signed-in account with a unique first name (to look for it in answers). */
export async function orgUser(catalog: CatalogKit): Promise<OrgUser> {
  const name = `Prenom${++counter}x${Date.now().toString(36)}`;
  const user = await catalog.user([], name);
  return { ...user, name };
}

/** The e-mail token of the invitation last queued for an address (read before the worker sends and drops it). */
export async function invitationToken(catalog: CatalogKit, email: string): Promise<string> {
  const { rows } = await catalog.db.query(
    `SELECT params ->> 'token' AS token FROM mail_message WHERE template = 'organisation-invitation' AND to_address = $1 ORDER BY created_at DESC LIMIT 1`,
    [email],
  );
  if (!rows[0]) throw new Error(`no invitation e-mail for ${email}`);
  return rows[0].token as string;
}

export async function emailOf(catalog: CatalogKit, user: TestUser): Promise<string> {
  const { rows } = await catalog.db.query(`SELECT email FROM app_user WHERE id = $1`, [user.id]);
  return rows[0].email as string;
}

/** A GET whose answer is not JSON (the CSV export). */
export async function getText(catalog: CatalogKit, url: string, user: TestUser): Promise<{ status: number; text: string; type: string }> {
  const response = await catalog.app
    .getHttpAdapter()
    .getInstance()
    .inject({ method: 'GET', url, headers: { authorization: `Bearer ${user.token}` } });
  return { status: response.statusCode, text: response.body, type: String(response.headers['content-type']) };
}
