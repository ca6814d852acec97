import type { EntityManager } from 'typeorm';

/** What another context may read about a person to write to them or print their name (certificates). */
export interface PersonContact {
  firstName: string;
  lastName: string;
  /** Null once the account is erased. */
  email: string | null;
  erased: boolean;
}

/** The person's name and address, read in the caller's transaction; null when no account has this id. */
export async function findPersonContact(manager: EntityManager, userId: string): Promise<PersonContact | null> {
  const [row] = (await manager.query(
    `SELECT first_name, last_name, email, erased_at IS NOT NULL AS erased FROM app_user WHERE id = $1`,
    [userId],
  )) as { first_name: string; last_name: string; email: string | null; erased: boolean }[];
  return row ? { firstName: row.first_name, lastName: row.last_name, email: row.email, erased: row.erased } : null;
}

/**
 * The id of the account with this e-mail address (any case, surrounding spaces ignored), erased accounts excluded;
 * null when none: for an administrator who looks up a person's records in another context (certificates).
 */
export async function findUserIdByEmail(manager: EntityManager, email: string): Promise<string | null> {
  const [row] = (await manager.query(`SELECT id FROM app_user WHERE email = $1 AND erased_at IS NULL`, [email.trim().toLowerCase()])) as {
    id: string;
  }[];
  return row?.id ?? null;
}
