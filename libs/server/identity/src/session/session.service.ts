import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { LoginRequest, SessionResponse } from '@academie/contracts';
import { AppConfig, JsonLogger } from '@academie/server-core';
import { AuditService } from '../audit/audit.service';
import { IdentityError } from '../identity.errors';
import { PasswordHasher } from '../password/password-hasher';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { changedRows } from '../sql';
import { findUserView, normalizeEmail, toMe } from '../user/user-view';
import { AccessTokenService } from './access-token.service';
import type { SessionEndReason } from './session-family.entity';
import { csrfMatches, hashToken, isOpaqueToken, newOpaqueToken } from './tokens';

/** A new or refreshed session: the body of the answer, and what goes into the cookies. */
export interface IssuedSession {
  body: SessionResponse;
  refreshToken: string;
  csrfToken: string;
}

/** What the refresh and logout routes receive from the browser. */
export interface CookieCredentials {
  refreshToken: unknown;
  csrfCookie: unknown;
  csrfHeader: unknown;
}

type RotationOutcome = { kind: 'rotated'; userId: string; familyId: string; refreshToken: string } | { kind: 'reuse'; userId: string; familyId: string } | { kind: 'refused' };

/**
 * Sessions: sign-in, refresh with rotation, sign-out. A session is a family of refresh tokens; each refresh
 * consumes the presented token (`UPDATE ... WHERE rotated_at IS NULL`, so two concurrent uses cannot both
 * win) and issues the next. A token presented again after its rotation was stolen or replayed: the whole
 * family is revoked, which also ends its access tokens (the guard checks the family).
 */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accessTokens: AccessTokenService,
    private readonly hasher: PasswordHasher,
    private readonly limiter: RateLimiter,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly logger: JsonLogger,
  ) {}

  async login(request: LoginRequest, ip: string): Promise<IssuedSession> {
    const email = normalizeEmail(request.email);
    await this.limiter.login(ip, email); // before any hashing
    const [row] = (await this.dataSource.query(
      `SELECT id, password_hash, suspended_at FROM app_user WHERE email = $1 AND erased_at IS NULL`,
      [email],
    )) as { id: string; password_hash: string | null; suspended_at: Date | null }[];
    if (!row?.password_hash) {
      await this.hasher.verifyDummy(request.password); // same cost as a real check: no account enumeration by timing
      throw IdentityError.InvalidCredentials();
    }
    if (!(await this.hasher.verify(row.password_hash, request.password))) {
      this.logger.event('info', 'login refused: wrong password', { userId: row.id }, 'identity');
      throw IdentityError.InvalidCredentials();
    }
    if (row.suspended_at) throw IdentityError.AccountSuspended();
    if (this.hasher.needsRehash(row.password_hash)) {
      const rehashed = await this.hasher.hash(request.password);
      await this.dataSource.query(`UPDATE app_user SET password_hash = $2 WHERE id = $1 AND password_hash = $3`, [
        row.id,
        rehashed,
        row.password_hash,
      ]);
    }
    const issued = await this.dataSource.transaction((manager) => this.open(manager, row.id));
    this.logger.event('info', 'login', { userId: row.id, sessionId: issued.familyId }, 'identity');
    return this.answer(row.id, issued.familyId, issued.refreshToken);
  }

  /** Opens a session for a user whose identity was proven (password, SSO): a new family and its first refresh token. */
  async open(manager: EntityManager, userId: string): Promise<{ familyId: string; refreshToken: string }> {
    const [family] = await manager.query(`INSERT INTO session_family (user_id) VALUES ($1) RETURNING id`, [userId]);
    const refreshToken = newOpaqueToken();
    await this.insertRefreshToken(manager, String(family.id), refreshToken);
    return { familyId: String(family.id), refreshToken };
  }

  /** The answer of a sign-in or a refresh: a fresh access token, the user, and the cookie values. */
  async answer(userId: string, familyId: string, refreshToken: string): Promise<IssuedSession> {
    const [accessToken, user] = await Promise.all([
      this.accessTokens.sign({ sub: userId, sid: familyId }),
      findUserView(this.dataSource, userId),
    ]);
    if (!user) throw IdentityError.InvalidRefreshToken();
    return {
      body: { accessToken, expiresIn: this.accessTokens.ttlSeconds, user: toMe(user) },
      refreshToken,
      csrfToken: newOpaqueToken(),
    };
  }

  async refresh(credentials: CookieCredentials, ip: string): Promise<IssuedSession> {
    if (!csrfMatches(credentials.csrfCookie, credentials.csrfHeader)) throw IdentityError.CsrfMismatch();
    await this.limiter.refresh(ip);
    if (!isOpaqueToken(credentials.refreshToken)) throw IdentityError.InvalidRefreshToken();
    const presented = hashToken(credentials.refreshToken);
    const outcome = await this.dataSource.transaction((manager) => this.rotate(manager, presented));
    if (outcome.kind === 'reuse') {
      this.logger.event('warn', 'refresh token reused: session revoked', { userId: outcome.userId, sessionId: outcome.familyId }, 'identity');
    }
    if (outcome.kind !== 'rotated') throw IdentityError.InvalidRefreshToken();
    return this.answer(outcome.userId, outcome.familyId, outcome.refreshToken);
  }

  async logout(credentials: CookieCredentials): Promise<void> {
    if (!csrfMatches(credentials.csrfCookie, credentials.csrfHeader)) throw IdentityError.CsrfMismatch();
    if (!isOpaqueToken(credentials.refreshToken)) return; // no session on this browser: nothing to close
    const rows = await changedRows<{ id: string; user_id: string }>(
      this.dataSource,
      `UPDATE session_family SET revoked_at = now(), revoked_reason = 'logout'
        WHERE id = (SELECT family_id FROM refresh_token WHERE token_hash = $1) AND revoked_at IS NULL
        RETURNING id, user_id`,
      [hashToken(credentials.refreshToken)],
    );
    if (rows[0]) this.logger.event('info', 'logout', { userId: rows[0].user_id, sessionId: rows[0].id }, 'identity');
  }

  /** Ends every open session of a user (suspension, password change or reset, erasure), but `keep` if given. */
  async revokeAll(manager: EntityManager, userId: string, reason: SessionEndReason, keep?: string): Promise<number> {
    const rows = await changedRows(
      manager,
      `UPDATE session_family SET revoked_at = now(), revoked_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid) RETURNING id`,
      [userId, reason, keep ?? null],
    );
    return rows.length;
  }

  private async rotate(manager: EntityManager, presented: Buffer): Promise<RotationOutcome> {
    const consumed = await changedRows<{ family_id: string }>(
      manager,
      `UPDATE refresh_token SET rotated_at = now()
        WHERE token_hash = $1 AND rotated_at IS NULL AND expires_at > now()
        RETURNING family_id`,
      [presented],
    );
    if (consumed.length === 0) {
      const [known] = (await manager.query(
        `SELECT t.family_id, t.rotated_at, f.user_id FROM refresh_token t JOIN session_family f ON f.id = t.family_id
          WHERE t.token_hash = $1`,
        [presented],
      )) as { family_id: string; rotated_at: Date | null; user_id: string }[];
      if (!known?.rotated_at) return { kind: 'refused' }; // unknown or expired
      const revoked = await changedRows(
        manager,
        `UPDATE session_family SET revoked_at = now(), revoked_reason = 'reuse' WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
        [known.family_id],
      );
      if (revoked.length) {
        await this.audit.record(manager, {
          actorId: null,
          action: 'session.reuse_detected',
          targetType: 'user',
          targetId: known.user_id,
          details: { sessionId: known.family_id },
        });
      }
      return { kind: 'reuse', userId: known.user_id, familyId: known.family_id };
    }
    const familyId = String(consumed[0].family_id);
    const [family] = (await manager.query(
      `SELECT f.user_id, f.revoked_at, u.suspended_at, u.erased_at
         FROM session_family f JOIN app_user u ON u.id = f.user_id WHERE f.id = $1 FOR UPDATE OF f`,
      [familyId],
    )) as { user_id: string; revoked_at: Date | null; suspended_at: Date | null; erased_at: Date | null }[];
    if (!family || family.revoked_at || family.suspended_at || family.erased_at) return { kind: 'refused' };
    const refreshToken = newOpaqueToken();
    await this.insertRefreshToken(manager, familyId, refreshToken);
    await manager.query(`UPDATE session_family SET last_used_at = now() WHERE id = $1`, [familyId]);
    return { kind: 'rotated', userId: family.user_id, familyId, refreshToken };
  }

  private async insertRefreshToken(manager: EntityManager, familyId: string, token: string): Promise<void> {
    await manager.query(
      `INSERT INTO refresh_token (family_id, token_hash, expires_at) VALUES ($1, $2, now() + make_interval(days => $3))`,
      [familyId, hashToken(token), this.config.AUTH_REFRESH_TOKEN_TTL_DAYS],
    );
  }
}
