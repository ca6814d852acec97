import { randomBytes } from 'node:crypto';
import type { Role } from '@academie/contracts';
import { type GrantableRole, hashPassword } from '@academie/server-identity';

/** Anything that runs SQL: a pg.Client or a TypeORM DataSource. */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export interface TestUserOptions {
  email?: string;
  password?: string;
  firstName?: string;
  lastName?: string;
  /** Roles beyond `learner`. */
  roles?: GrantableRole[];
  verified?: boolean;
  suspended?: boolean;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  roles: Role[];
}

/** A password that passes the policy and differs every time. */
export const testPassword = (): string => `Test-${randomBytes(9).toString('base64url')}-pass`;

/**
 * An account written straight into the database (as an administrator would have set it up), with a real
 * argon2id hash so that it can sign in through the API. Unique e-mail by default.
 */
export async function createTestUser(db: SqlRunner, options: TestUserOptions = {}): Promise<TestUser> {
  const email = (options.email ?? `user-${randomBytes(6).toString('hex')}@test.academie-ia.fr`).toLowerCase();
  const password = options.password ?? testPassword();
  const rows = (await db.query(
    `INSERT INTO app_user (email, email_verified_at, password_hash, first_name, last_name, suspended_at)
     VALUES ($1, CASE WHEN $2 THEN now() END, $3, $4, $5, CASE WHEN $6 THEN now() END) RETURNING id`,
    [
      email,
      options.verified ?? true,
      await hashPassword(password),
      options.firstName ?? 'Prénom',
      options.lastName ?? 'Nom',
      options.suspended ?? false,
    ],
  )) as { id: string }[] | { rows: { id: string }[] };
  const id = (Array.isArray(rows) ? rows[0] : rows.rows[0]).id;
  for (const role of options.roles ?? []) {
    await db.query(`INSERT INTO user_role (user_id, role) VALUES ($1, $2)`, [id, role]);
  }
  return { id, email, password, roles: ['learner', ...(options.roles ?? [])] };
}
