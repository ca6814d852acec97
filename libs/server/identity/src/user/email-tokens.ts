import type { EntityManager } from 'typeorm';
import { hashToken, newOpaqueToken } from '../session/tokens';
import { changedRows } from '../sql';
import type { UserTokenPurpose } from './user-token.entity';

/** Validity of the e-mailed links. */
export const VERIFY_EMAIL_TTL_HOURS = 48;
export const PASSWORD_RESET_TTL_MINUTES = 60;

const TTL_MINUTES: Record<UserTokenPurpose, number> = {
  verify_email: VERIFY_EMAIL_TTL_HOURS * 60,
  password_reset: PASSWORD_RESET_TTL_MINUTES,
};

/**
 * Issues a single-use token for a purpose, ending the person's earlier open tokens of that purpose (only the
 * latest e-mail works). Returns the token in clear, for the e-mail; the database keeps its SHA-256 only.
 */
export async function issueEmailToken(manager: EntityManager, userId: string, purpose: UserTokenPurpose): Promise<string> {
  await manager.query(
    `UPDATE user_token SET expires_at = least(expires_at, now())
      WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()`,
    [userId, purpose],
  );
  const token = newOpaqueToken();
  await manager.query(
    `INSERT INTO user_token (user_id, purpose, token_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(mins => $4))`,
    [userId, purpose, hashToken(token), TTL_MINUTES[purpose]],
  );
  return token;
}

/**
 * Consumes a token: succeeds once, for an unexpired token of that purpose. The database decides (the row is
 * locked by the UPDATE; a concurrent second use finds `used_at` set and gets nothing). Returns the user id.
 */
export async function consumeEmailToken(manager: EntityManager, token: string, purpose: UserTokenPurpose): Promise<string | null> {
  const rows = await changedRows<{ user_id: string }>(
    manager,
    `UPDATE user_token SET used_at = now()
      WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
      RETURNING user_id`,
    [hashToken(token), purpose],
  );
  return rows[0]?.user_id ?? null;
}
