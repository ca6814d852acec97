import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditLogEntry, AuditLogList } from '@academie/contracts';
import { IdentityError } from '../identity.errors';

export interface AuditEntry {
  /** Who acted: a user id, or null for the system. */
  actorId: string | null;
  /** Dotted verb, context first: `role.granted`, `user.suspended`, `course.published`. */
  action: string;
  targetType: string;
  targetId?: string | null;
  /** Facts of the change. Never personal data (no e-mail, no name): ids and codes only. */
  details?: Record<string, unknown>;
}

export interface AuditQuery {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

interface AuditRow {
  id: string;
  at: Date;
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  details: Record<string, unknown>;
  actor_email?: string | null;
}

const toEntry = (row: AuditRow): AuditLogEntry => ({
  id: String(row.id),
  at: row.at.toISOString(),
  actorId: row.actor_id,
  ...(row.actor_email !== undefined ? { actorEmail: row.actor_email } : {}),
  action: row.action,
  targetType: row.target_type,
  targetId: row.target_id,
  details: row.details,
});

/** The audit log: every context records its changes here, in the transaction of the change. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends an entry in the caller's transaction: the entry and the change commit together or not at all. */
  async record(manager: EntityManager, entry: AuditEntry): Promise<string> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`audit entry ${entry.action} must be recorded inside a transaction`);
    }
    const [row] = await manager.query(
      `INSERT INTO audit_log (actor_id, action, target_type, target_id, details) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [entry.actorId, entry.action, entry.targetType, entry.targetId ?? null, JSON.stringify(entry.details ?? {})],
    );
    return String(row.id);
  }

  /**
   * Newest first, by keyset on the id; the actor, action and target filters use their own index, the date range
   * narrows the keyset walk (ids grow with time). The actor's current e-mail is joined for the console.
   */
  async list(query: AuditQuery): Promise<AuditLogList> {
    const limit = query.limit ?? 50;
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.cursor !== undefined) {
      if (!/^\d{1,18}$/.test(query.cursor)) {
        throw IdentityError.InvalidCursor([{ field: 'cursor', reason: 'must be a nextCursor returned by this route' }]);
      }
      params.push(query.cursor);
      where.push(`a.id < $${params.length}::bigint`);
    }
    if (query.action) {
      params.push(query.action);
      where.push(`a.action = $${params.length}`);
    }
    if (query.actorId) {
      params.push(query.actorId);
      where.push(`a.actor_id = $${params.length}::uuid`);
    }
    if (query.targetType) {
      params.push(query.targetType);
      where.push(`a.target_type = $${params.length}`);
    }
    if (query.targetId) {
      params.push(query.targetId);
      where.push(`a.target_id = $${params.length}`);
    }
    if (query.from) {
      params.push(query.from);
      where.push(`a.at >= $${params.length}::timestamptz`);
    }
    if (query.to) {
      params.push(query.to);
      where.push(`a.at < $${params.length}::timestamptz`);
    }
    params.push(limit + 1);
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT a.id, a.at, a.actor_id, u.email AS actor_email, a.action, a.target_type, a.target_id, a.details
         FROM audit_log a LEFT JOIN app_user u ON u.id = a.actor_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.id DESC LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    return { items: page.map(toEntry), nextCursor: rows.length > limit ? String(page.at(-1)?.id) : null };
  }

  /** Entries about a person or made by them, for their personal data export. */
  async forPerson(userId: string, manager: EntityManager): Promise<AuditLogEntry[]> {
    const rows: AuditRow[] = await manager.query(
      `SELECT id, at, actor_id, action, target_type, target_id, details FROM audit_log
        WHERE actor_id = $1 OR (target_type = 'user' AND target_id = $2) ORDER BY id`,
      [userId, userId],
    );
    return rows.map(toEntry);
  }
}
