import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type SsoProviderInfo, isValidSiren, isValidSiret } from '@academie/contracts';
import { AppConfig, JsonLogger } from '@academie/server-core';
import { RequestRedis } from '@academie/server-queue';
import { AuditService } from '../audit/audit.service';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { type IssuedSession, SessionService } from '../session/session.service';
import { OidcClientService, type PendingSsoSignIn, type VerifiedSsoClaims } from './oidc-client.service';

const PENDING_TTL_SECONDS = 600;

/** Why a single sign-on did not open a session; the web shows a sentence for each. */
export type SsoFailure = 'sso-indisponible' | 'sso-echec' | 'sso-compte-non-verifie' | 'sso-compte-suspendu';

export class SsoRefused extends Error {
  constructor(readonly reason: SsoFailure) {
    super(reason);
  }
}

/** Only a path of this site: no scheme, no host, no `//` (never an open redirect). */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) && value.length <= 500 ? value : '/';
}

/**
 * Single sign-on. The pending sign-in (state, nonce, PKCE verifier) is kept in Redis for 10 minutes and
 * consumed once; the browser also carries the state in a cookie, so a callback cannot be replayed in
 * another browser. An identity at a provider attaches to an existing account only when that account's
 * e-mail is verified; otherwise the sign-in is refused and the account stays as it was.
 */
@Injectable()
export class SsoService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly oidc: OidcClientService,
    private readonly redis: RequestRedis,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
    private readonly logger: JsonLogger,
  ) {}

  /** Starting and completing sign-ins, per client IP (each costs a call to the provider). */
  private limit(ip: string): Promise<void> {
    return this.limiter.consume([
      { rule: 'sso-ip', subject: ip, max: this.config.RATE_LIMIT_REFRESH_PER_IP, windowSeconds: this.config.RATE_LIMIT_WINDOW_SECONDS },
    ]);
  }

  providers(): SsoProviderInfo[] {
    return this.oidc.enabled().map((p) => ({ id: p.id, label: p.label, startUrl: `/api/auth/sso/${p.id}/start` }));
  }

  isEnabled(provider: string): boolean {
    return this.oidc.settings(provider) !== undefined;
  }

  async start(providerId: string, returnTo: unknown, ip: string): Promise<{ url: string; state: string }> {
    const provider = this.oidc.settings(providerId);
    if (!provider) throw new SsoRefused('sso-indisponible');
    await this.limit(ip);
    const { url, pending } = await this.oidc.start(provider, safeReturnTo(returnTo)).catch(() => {
      throw new SsoRefused('sso-indisponible');
    });
    await this.redis.client.set(this.key(pending.state), JSON.stringify(pending), 'EX', PENDING_TTL_SECONDS);
    return { url, state: pending.state };
  }

  /** Completes the sign-in from the callback's query string; opens a session or throws SsoRefused. */
  async callback(
    providerId: string,
    query: string,
    stateCookie: unknown,
    ip: string,
  ): Promise<{ session: IssuedSession; returnTo: string }> {
    const provider = this.oidc.settings(providerId);
    if (!provider) throw new SsoRefused('sso-indisponible');
    await this.limit(ip);
    const state = new URLSearchParams(query).get('state');
    if (!state || typeof stateCookie !== 'string' || stateCookie !== state) throw new SsoRefused('sso-echec');
    const raw = await this.redis.client.getdel(this.key(state));
    if (!raw) throw new SsoRefused('sso-echec');
    const pending = JSON.parse(raw) as PendingSsoSignIn;
    if (pending.provider !== provider.id) throw new SsoRefused('sso-echec');

    let claims: VerifiedSsoClaims;
    try {
      claims = await this.oidc.complete(provider, new URL(`${this.oidc.redirectUri(provider.id)}?${query}`), pending);
    } catch (error) {
      this.logger.event('warn', 'sso answer refused', { provider: provider.id, errorMessage: (error as Error).message }, 'sso');
      throw new SsoRefused('sso-echec');
    }
    const userId = await this.resolveAccount(claims);
    const opened = await this.dataSource.transaction((manager) => this.sessions.open(manager, userId));
    this.logger.event('info', 'sso login', { userId, provider: provider.id, sessionId: opened.familyId }, 'sso');
    return { session: await this.sessions.answer(userId, opened.familyId, opened.refreshToken), returnTo: pending.returnTo };
  }

  /** The account of these claims: already linked, linked now to a verified account, or created. */
  private async resolveAccount(claims: VerifiedSsoClaims): Promise<string> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        return await this.dataSource.transaction((manager) => this.linkOrCreate(manager, claims));
      } catch (error) {
        // Two callbacks of the same person at once: the unique constraints decide, and we look again.
        if ((error as { code?: string }).code !== '23505' || attempt === 2) throw error;
      }
    }
    throw new SsoRefused('sso-echec');
  }

  private async linkOrCreate(manager: EntityManager, claims: VerifiedSsoClaims): Promise<string> {
    const [linked] = await manager.query(
      `SELECT u.id, u.suspended_at, u.erased_at FROM sso_identity s JOIN app_user u ON u.id = s.user_id
        WHERE s.provider = $1 AND s.subject = $2`,
      [claims.provider, claims.subject],
    );
    if (linked) {
      if (linked.suspended_at || linked.erased_at) throw new SsoRefused('sso-compte-suspendu');
      return String(linked.id);
    }

    if (claims.email) {
      const [existing] = await manager.query(
        `SELECT id, email_verified_at, suspended_at FROM app_user WHERE email = $1 AND erased_at IS NULL FOR UPDATE`,
        [claims.email],
      );
      if (existing) {
        if (existing.suspended_at) throw new SsoRefused('sso-compte-suspendu');
        if (!existing.email_verified_at) {
          this.logger.event('info', 'sso link refused: account e-mail not verified', { userId: existing.id, provider: claims.provider }, 'sso');
          throw new SsoRefused('sso-compte-non-verifie');
        }
        await manager.query(`INSERT INTO sso_identity (user_id, provider, subject) VALUES ($1, $2, $3)`, [
          existing.id,
          claims.provider,
          claims.subject,
        ]);
        await this.audit.record(manager, {
          actorId: existing.id,
          action: 'sso.linked',
          targetType: 'user',
          targetId: existing.id,
          details: { provider: claims.provider },
        });
        return String(existing.id);
      }
    }

    const siren = claims.siret && isValidSiret(claims.siret) ? claims.siret.slice(0, 9) : null;
    const [created] = await manager.query(
      `INSERT INTO app_user (email, email_verified_at, first_name, last_name, siren)
       VALUES ($1, CASE WHEN $2::boolean THEN now() END, $3, $4, $5) RETURNING id`,
      [
        claims.email,
        claims.email !== null && claims.emailVerified,
        (claims.givenName ?? '').slice(0, 100),
        (claims.familyName ?? '').slice(0, 100),
        siren && isValidSiren(siren) ? siren : null,
      ],
    );
    const userId = String(created.id);
    await manager.query(`INSERT INTO sso_identity (user_id, provider, subject) VALUES ($1, $2, $3)`, [
      userId,
      claims.provider,
      claims.subject,
    ]);
    await this.audit.record(manager, {
      actorId: userId,
      action: 'user.registered',
      targetType: 'user',
      targetId: userId,
      details: { via: claims.provider, employerFromSiret: siren !== null },
    });
    return userId;
  }

  private key(state: string): string {
    return this.redis.key('sso', state);
  }
}
