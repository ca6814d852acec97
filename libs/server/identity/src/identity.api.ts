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
