import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AdminUserList, AdminUserListQuery, AdminUserSummary, Role } from '@academie/contracts';
import { JsonLogger } from '@academie/server-core';
import { AuditService } from '../audit/audit.service';
import { IdentityError } from '../identity.errors';
import type { AuthenticatedUser } from '../session/auth.decorators';
import { SessionService } from '../session/session.service';
import { changedRows } from '../sql';
import { USER_VIEW_COLUMNS, type UserViewRow, findUserView, toAdminSummary } from '../user/user-view';

const DEFAULT_LIMIT = 20;

const encodeCursor = (row: UserViewRow): string =>
  Buffer.from(JSON.stringify([row.created_at.toISOString(), row.id])).toString('base64url');

function decodeCursor(value: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt)) && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) {
      return { createdAt, id };
    }
  } catch {
    // fall through
  }
  throw IdentityError.InvalidCursor([{ field: 'cursor', reason: 'must be a nextCursor returned by this route' }]);
}

const likePattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** What administrators do to accounts: search, grant and withdraw roles, suspend and reactivate. Every change is audited. */
@Injectable()
export class AdminUsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly logger: JsonLogger,
  ) {}

  /** Newest accounts first, by keyset on (created_at, id); `q` searches e-mails and names. */
  async list(query: AdminUserListQuery): Promise<AdminUserList> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const params: unknown[] = [];
    const where = ['u.erased_at IS NULL'];
    if (query.q) {
      params.push(likePattern(query.q.trim()));
      const p = `$${params.length}`;
      where.push(`(u.email ILIKE ${p} OR u.first_name ILIKE ${p} OR u.last_name ILIKE ${p} OR (u.first_name || ' ' || u.last_name) ILIKE ${p})`);
    }
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      params.push(cursor.createdAt, cursor.id);
      where.push(`(u.created_at, u.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const rows = (await this.dataSource.query(
      `SELECT ${USER_VIEW_COLUMNS} FROM app_user u WHERE ${where.join(' AND ')}
        ORDER BY u.created_at DESC, u.id DESC LIMIT $${params.length}`,
      params,
    )) as UserViewRow[];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map(toAdminSummary), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  /** Idempotent: granting a role held already changes nothing and records nothing. `learner` is everyone's. */
  grantRole(actor: AuthenticatedUser, userId: string, role: Role): Promise<AdminUserSummary> {
    return this.change(userId, async (manager) => {
      if (role === 'learner') return;
      const inserted = (await manager.query(
        `INSERT INTO user_role (user_id, role, granted_by) VALUES ($1, $2, $3)
         ON CONFLICT ON CONSTRAINT pk_user_role DO NOTHING RETURNING role`,
        [userId, role, actor.id],
      )) as unknown[];
      if (inserted.length) await this.record(manager, actor, 'role.granted', userId, { role });
    });
  }

  /** Idempotent as well. Nobody withdraws `learner`, and an administrator cannot withdraw their own `admin`. */
  withdrawRole(actor: AuthenticatedUser, userId: string, role: Role): Promise<AdminUserSummary> {
    if (role === 'learner') {
      throw IdentityError.RoleNotWithdrawable([{ field: 'role', reason: 'every account is a learner' }]);
    }
    if (role === 'admin' && userId === actor.id) {
      throw IdentityError.SelfLockout([{ field: 'id', reason: 'is your own account' }]);
    }
    return this.change(userId, async (manager) => {
      const deleted = await changedRows(manager, `DELETE FROM user_role WHERE user_id = $1 AND role = $2 RETURNING role`, [userId, role]);
      if (deleted.length) await this.record(manager, actor, 'role.withdrawn', userId, { role });
    });
  }

  /** Suspension ends every session of the person at once (refresh tokens revoked, access tokens refused). */
  suspend(actor: AuthenticatedUser, userId: string): Promise<AdminUserSummary> {
    if (userId === actor.id) throw IdentityError.SelfLockout([{ field: 'id', reason: 'is your own account' }]);
    return this.change(userId, async (manager) => {
      const changed = await changedRows(
        manager,
        `UPDATE app_user SET suspended_at = now(), updated_at = now() WHERE id = $1 AND suspended_at IS NULL RETURNING id`,
        [userId],
      );
      const ended = await this.sessions.revokeAll(manager, userId, 'suspended');
      if (changed.length) await this.record(manager, actor, 'user.suspended', userId, { sessionsEnded: ended });
    });
  }

  reactivate(actor: AuthenticatedUser, userId: string): Promise<AdminUserSummary> {
    return this.change(userId, async (manager) => {
      const changed = await changedRows(
        manager,
        `UPDATE app_user SET suspended_at = NULL, updated_at = now() WHERE id = $1 AND suspended_at IS NOT NULL RETURNING id`,
        [userId],
      );
      if (changed.length) await this.record(manager, actor, 'user.reactivated', userId, {});
    });
  }

  /** Locks the account row, applies the change, and answers the account as it is after it. */
  private async change(userId: string, apply: (manager: EntityManager) => Promise<void>): Promise<AdminUserSummary> {
    return this.dataSource.transaction(async (manager) => {
      const locked = (await manager.query(`SELECT id FROM app_user WHERE id = $1 AND erased_at IS NULL FOR UPDATE`, [userId])) as unknown[];
      if (locked.length === 0) throw IdentityError.UserNotFound([{ field: 'id', reason: 'no account has this id' }]);
      await apply(manager);
      return toAdminSummary((await findUserView(manager, userId)) as UserViewRow);
    });
  }

  private async record(manager: EntityManager, actor: AuthenticatedUser, action: string, userId: string, details: Record<string, unknown>) {
    await this.audit.record(manager, { actorId: actor.id, action, targetType: 'user', targetId: userId, details });
    this.logger.event('info', action, { actorId: actor.id, userId, ...details }, 'identity');
  }
}
