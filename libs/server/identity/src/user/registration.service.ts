import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { MeResponse, RegisterRequest, VerifyEmailResponse } from '@academie/contracts';
import { JsonLogger } from '@academie/server-core';
import { MailService } from '@academie/server-mail';
import { AuditService } from '../audit/audit.service';
import { IdentityError } from '../identity.errors';
import { PasswordHasher } from '../password/password-hasher';
import { passwordProblem } from '../password/password-policy';
import { RateLimiter } from '../rate-limit/rate-limiter';
import { isOpaqueToken } from '../session/tokens';
import { VERIFY_EMAIL_TTL_HOURS, consumeEmailToken, issueEmailToken } from './email-tokens';
import { findUserView, normalizeEmail, toMe } from './user-view';

/**
 * Sign-up and e-mail verification. Sign-up never tells whether an address is taken: a taken address gets the
 * same 201 (with a made-up account that exists nowhere) after the same work (a password hash and a transaction
 * that queues an e-mail), and its owner is told by e-mail that someone tried.
 */
@Injectable()
export class RegistrationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly limiter: RateLimiter,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly logger: JsonLogger,
  ) {}

  async register(request: RegisterRequest, ip: string): Promise<MeResponse> {
    const email = normalizeEmail(request.email);
    const firstName = request.firstName.trim();
    const lastName = request.lastName.trim();
    await this.limiter.register(ip, email); // before any hashing
    const problem = passwordProblem(request.password, { email, names: [firstName, lastName] });
    if (problem) throw IdentityError.WeakPassword([{ field: 'password', reason: problem }]);
    const passwordHash = await this.hasher.hash(request.password);

    return this.dataSource.transaction(async (manager) => {
      const inserted = (await manager.query(
        `INSERT INTO app_user (email, password_hash, first_name, last_name) VALUES ($1, $2, $3, $4)
         ON CONFLICT ON CONSTRAINT uq_app_user_email DO NOTHING RETURNING id`,
        [email, passwordHash, firstName, lastName],
      )) as { id: string }[];
      if (inserted.length === 1) {
        const userId = String(inserted[0].id);
        const token = await issueEmailToken(manager, userId, 'verify_email');
        await this.mail.queue(manager, {
          to: email,
          template: 'verify-email',
          params: { firstName, token, validForHours: VERIFY_EMAIL_TTL_HOURS },
          userId,
        });
        await this.audit.record(manager, { actorId: userId, action: 'user.registered', targetType: 'user', targetId: userId });
        this.logger.event('info', 'account registered', { userId }, 'identity');
        const view = await findUserView(manager, userId);
        if (!view) throw new Error('registered user not found in its own transaction');
        return toMe(view);
      }
      const [owner] = (await manager.query(`SELECT id, first_name FROM app_user WHERE email = $1`, [email])) as {
        id: string;
        first_name: string;
      }[];
      if (owner) {
        await this.mail.queue(manager, {
          to: email,
          template: 'account-exists',
          params: { firstName: owner.first_name },
          userId: owner.id,
        });
        this.logger.event('info', 'sign-up attempted with a registered address', { userId: owner.id }, 'identity');
      }
      return {
        id: randomUUID(),
        email,
        emailVerified: false,
        firstName,
        lastName,
        roles: ['learner'],
        profile: { status: null, staffBand: null, region: null, sector: null, siren: null },
        audience: null,
        createdAt: new Date().toISOString(),
      };
    });
  }

  async verifyEmail(token: string, ip: string): Promise<VerifyEmailResponse> {
    await this.limiter.tokenUse(ip);
    const invalid = () => IdentityError.InvalidEmailToken([{ field: 'token', reason: 'is invalid, expired or already used' }]);
    if (!isOpaqueToken(token)) throw invalid();
    await this.dataSource.transaction(async (manager) => {
      const userId = await consumeEmailToken(manager, token, 'verify_email');
      if (!userId) throw invalid();
      await manager.query(
        `UPDATE app_user SET email_verified_at = coalesce(email_verified_at, now()), updated_at = now()
          WHERE id = $1 AND erased_at IS NULL`,
        [userId],
      );
      await this.audit.record(manager, { actorId: userId, action: 'user.email_verified', targetType: 'user', targetId: userId });
    });
    return { verified: true };
  }

  /** Sends a new verification link to an unverified account; answers the same whether the account exists or not. */
  async resendVerification(rawEmail: string, ip: string): Promise<void> {
    const email = normalizeEmail(rawEmail);
    await this.limiter.mailRequest(ip, email);
    await this.dataSource.transaction(async (manager) => {
      const [user] = (await manager.query(
        `SELECT id, first_name FROM app_user
          WHERE email = $1 AND erased_at IS NULL AND email_verified_at IS NULL AND suspended_at IS NULL FOR UPDATE`,
        [email],
      )) as { id: string; first_name: string }[];
      if (!user) return;
      const token = await issueEmailToken(manager, user.id, 'verify_email');
      await this.mail.queue(manager, {
        to: email,
        template: 'verify-email',
        params: { firstName: user.first_name, token, validForHours: VERIFY_EMAIL_TTL_HOURS },
        userId: user.id,
      });
    });
  }
}
