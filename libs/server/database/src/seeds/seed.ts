import type { DataSource } from 'typeorm';
import { deriveAudience } from '@academie/contracts';
import { hashPassword } from '@academie/server-identity';
import { seedCatalog } from './catalog.seed';
import { DEMO_ACCOUNTS } from './demo-accounts.seed-data';
import { type LearningSeedReport, seedLearning } from './learning.seed';

export interface SeedReport {
  courses: { inserted: number; existing: number };
  solutions: { inserted: number; existing: number };
  /** Null when the demo accounts were not asked for. */
  accounts: { inserted: number; existing: number } | null;
  /** The demo learner's journey; null without the demo accounts. */
  learning: LearningSeedReport | null;
}

export interface SeedOptions {
  /** Create the demo accounts (one per role, with published passwords). On by default; off in production unless asked. */
  accounts?: boolean;
}

/**
 * Demo data, idempotent: a second run inserts nothing (rows are keyed by their natural keys, such as
 * a course's slug). Later contexts add their own seeds here as their models arrive.
 */
export async function seedDemoData(
  dataSource: DataSource,
  progress: (line: string) => void = () => {},
  options: SeedOptions = {},
): Promise<SeedReport> {
  // Accounts first: the demo trainer becomes an author of the demo courses.
  const accounts = options.accounts === false ? null : await seedDemoAccounts(dataSource, progress);
  const { courses, solutions } = await seedCatalog(dataSource, progress);
  // Then the demo learner's enrollments and progress, through the learning context's own code.
  const learning = accounts ? await seedLearning(dataSource, progress) : null;
  return { courses, solutions, accounts, learning };
}

/**
 * The demo accounts, keyed by e-mail: an existing account is left as it is (its password, profile and roles
 * may have been changed on purpose). Passwords are hashed only for the accounts to create.
 */
async function seedDemoAccounts(dataSource: DataSource, progress: (line: string) => void): Promise<SeedReport['accounts']> {
  let inserted = 0;
  for (const [index, account] of DEMO_ACCOUNTS.entries()) {
    const existing: unknown[] = await dataSource.query(`SELECT 1 FROM app_user WHERE email = $1`, [account.email]);
    let created = false;
    if (existing.length === 0) {
      const passwordHash = await hashPassword(account.password);
      created = await dataSource.transaction(async (manager) => {
        const rows: { id: string }[] = await manager.query(
          `INSERT INTO app_user (email, email_verified_at, password_hash, first_name, last_name, status, staff_band, region,
                                 sector, siren, audience)
           VALUES ($1, now(), $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT ON CONSTRAINT uq_app_user_email DO NOTHING
           RETURNING id`,
          [
            account.email,
            passwordHash,
            account.firstName,
            account.lastName,
            account.profile.status,
            account.profile.staffBand,
            account.profile.region,
            account.profile.sector,
            account.profile.siren,
            deriveAudience(account.profile),
          ],
        );
        if (rows.length === 0) return false; // created concurrently
        if (account.role !== 'learner') {
          await manager.query(`INSERT INTO user_role (user_id, role) VALUES ($1, $2) ON CONFLICT ON CONSTRAINT pk_user_role DO NOTHING`, [
            rows[0].id,
            account.role,
          ]);
        }
        return true;
      });
    }
    if (created) inserted++;
    progress(`  [${index + 1}/${DEMO_ACCOUNTS.length}] ${account.email} (${account.role})${created ? '' : ' (déjà présent)'}`);
  }
  return { inserted, existing: DEMO_ACCOUNTS.length - inserted };
}

/** True when the database holds no course at all (a fresh install). */
export async function isDatabaseEmpty(dataSource: DataSource): Promise<boolean> {
  const [row] = await dataSource.query(`SELECT NOT EXISTS (SELECT 1 FROM course) AS empty`);
  return Boolean(row.empty);
}
