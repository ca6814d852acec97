import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ChangePasswordRequest, PasswordResetConfirm } from '@academie/contracts';
import { JsonLogger } from '@academie/server-core';
import { MailService } from '@academie/server-mail';
import { AuditService } from '../audit/audit.service';
import { IdentityError } from '../identity.errors';
import { RateLimiter } from '../rate-limit/rate-limiter';
import type { AuthenticatedUser } from '../session/auth.decorators';
import { SessionService } from '../session/session.service';
import { isOpaqueToken } from '../session/tokens';
import { PASSWORD_RESET_TTL_MINUTES, consumeEmailToken, issueEmailToken } from '../user/email-tokens';
import { normalizeEmail } from '../user/user-view';
import { PasswordHasher } from './password-hasher';
import { passwordProblem } from './password-policy';

interface PasswordOwner {
  email: string;
  first_name: string;
  last_name: string;
  password_hash: string | null;
}

/** Forgotten password (single-use link, 1 hour), reset, and change by the person; each ends other sessions and sends a notice. */
@Injectable()
export class PasswordService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly limiter: RateLimiter,
    private readonly sessions: SessionService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly logger: JsonLogger,
  ) {}

  /** Sends a reset link if the account exists; answers the same either way. */
  async forgot(rawEmail: string, ip: string): Promise<void> {
    const email = normalizeEmail(rawEmail);
    await this.limiter.mailRequest(ip, email);
    await this.dataSource.transaction(async (manager) => {
      const [user] = (await manager.query(
        `SELECT id, first_name FROM app_user WHERE email = $1 AND erased_at IS NULL AND suspended_at IS NULL FOR UPDATE`,
        [email],
      )) as { id: string; first_name: string }[];
      if (!user) return;
      const token = await issueEmailToken(manager, user.id, 'password_reset');
      await this.mail.queue(manager, {
        to: email,
        template: 'password-reset',
        params: { firstName: user.first_name, token, validForMinutes: PASSWORD_RESET_TTL_MINUTES },
        userId: user.id,
      });
      this.logger.event('info', 'password reset requested', { userId: user.id }, 'identity');
    });
  }

  async reset(request: PasswordResetConfirm, ip: string): Promise<void> {
    await this.limiter.tokenUse(ip);
    const invalid = () => IdentityError.InvalidResetToken([{ field: 'token', reason: 'is invalid, expired or already used' }]);
    if (!isOpaqueToken(request.token)) throw invalid();
    const early = passwordProblem(request.password);
    if (early) throw IdentityError.WeakPassword([{ field: 'password', reason: early }]);

    await this.dataSource.transaction(async (manager) => {
      const userId = await consumeEmailToken(manager, request.token, 'password_reset');
      if (!userId) throw invalid();
      const [owner] = (await manager.query(
        `SELECT email, first_name, last_name, password_hash FROM app_user WHERE id = $1 AND erased_at IS NULL FOR UPDATE`,
        [userId],
      )) as PasswordOwner[];
      if (!owner) throw invalid();
      // Refused here, the transaction rolls back and the link stays usable for a better password.
      const problem = passwordProblem(request.password, { email: owner.email, names: [owner.first_name, owner.last_name] });
      if (problem) throw IdentityError.WeakPassword([{ field: 'password', reason: problem }]);
      const passwordHash = await this.hasher.hash(request.password);
      // The link proves the person reads this mailbox: the address is verified too.
      await manager.query(
        `UPDATE app_user SET password_hash = $2, email_verified_at = coalesce(email_verified_at, now()), updated_at = now() WHERE id = $1`,
        [userId, passwordHash],
      );
      await manager.query(
        `UPDATE user_token SET used_at = now() WHERE user_id = $1 AND purpose = 'password_reset' AND used_at IS NULL`,
        [userId],
      );
      await this.sessions.revokeAll(manager, userId, 'password_reset');
      await this.mail.queue(manager, { to: owner.email, template: 'password-changed', params: { firstName: owner.first_name }, userId });
      await this.audit.record(manager, { actorId: userId, action: 'password.reset', targetType: 'user', targetId: userId });
      this.logger.event('info', 'password reset', { userId }, 'identity');
    });
  }

  /** The person changes their password: the current one is checked; their other sessions end, this one stays. */
  async change(user: AuthenticatedUser, request: ChangePasswordRequest, ip: string): Promise<void> {
    await this.limiter.passwordChange(ip, user.id); // before any hashing
    const [owner] = (await this.dataSource.query(
      `SELECT email, first_name, last_name, password_hash FROM app_user WHERE id = $1 AND erased_at IS NULL`,
      [user.id],
    )) as PasswordOwner[];
    if (!owner) throw IdentityError.InvalidAccessToken();
    const current = owner.password_hash ? await this.hasher.verify(owner.password_hash, request.currentPassword) : await this.hasher.verifyDummy(request.currentPassword);
    if (!current) throw IdentityError.WrongCurrentPassword([{ field: 'currentPassword', reason: 'is incorrect' }]);
    if (request.newPassword === request.currentPassword) {
      throw IdentityError.WeakPassword([{ field: 'newPassword', reason: 'must differ from the current password' }]);
    }
    const problem = passwordProblem(request.newPassword, { email: owner.email, names: [owner.first_name, owner.last_name] });
    if (problem) throw IdentityError.WeakPassword([{ field: 'newPassword', reason: problem }]);
    const passwordHash = await this.hasher.hash(request.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE app_user SET password_hash = $2, updated_at = now() WHERE id = $1`, [user.id, passwordHash]);
      await this.sessions.revokeAll(manager, user.id, 'password_changed', user.sessionId);
      await this.mail.queue(manager, { to: owner.email, template: 'password-changed', params: { firstName: owner.first_name }, userId: user.id });
      await this.audit.record(manager, { actorId: user.id, action: 'password.changed', targetType: 'user', targetId: user.id });
    });
    this.logger.event('info', 'password changed', { userId: user.id }, 'identity');
  }
}
