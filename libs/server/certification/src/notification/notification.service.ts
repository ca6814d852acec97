import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type NotificationItem, type NotificationKind, type NotificationList, verificationPath } from '@academie/contracts';
import { CertificationError } from '../certification.errors';

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  data: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

/** The French text of each kind, written when read: `data` holds only what it needs. */
function present(row: NotificationRow): NotificationItem {
  const base = { id: String(row.id), kind: row.kind, createdAt: row.created_at.toISOString(), readAt: row.read_at?.toISOString() ?? null };
  switch (row.kind) {
    case 'certificate.issued': {
      const { code, courseTitle } = row.data as { code: string; courseTitle: string };
      return {
        ...base,
        title: 'Votre certificat est prêt',
        message: `Vous avez terminé le cours « ${courseTitle} » : votre certificat de réussite est disponible.`,
        link: verificationPath(code),
      };
    }
    default: {
      const unknown: never = row.kind;
      throw new Error(`unknown notification kind ${String(unknown)}`);
    }
  }
}

const DEFAULT_LIMIT = 20;

/** The `data` of a `certificate.issued` notification: what its text shows. */
export const certificateIssuedNotice = (code: string, courseTitle: string) => ({ code, courseTitle });

/**
 * In-app notifications: written in the transaction of what they announce (a certificate's, by its issuance: once per
 * person, kind and subject, uq_notification_subject), read and marked read by their person.
 */
@Injectable()
export class NotificationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first, by keyset on the id. */
  async list(userId: string, query: { cursor?: string; limit?: number }): Promise<NotificationList> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    if (query.cursor !== undefined && !/^\d{1,18}$/.test(query.cursor)) {
      throw CertificationError.InvalidCursor([{ field: 'cursor', reason: 'must be a nextCursor returned by this route' }]);
    }
    const rows: NotificationRow[] = await this.dataSource.query(
      `SELECT id, kind, data, created_at, read_at FROM notification
        WHERE user_id = $1 AND ($2::bigint IS NULL OR id < $2::bigint)
        ORDER BY id DESC LIMIT $3`,
      [userId, query.cursor ?? null, limit + 1],
    );
    const [{ unread }] = await this.dataSource.query(
      `SELECT count(*)::int AS unread FROM notification WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    const page = rows.slice(0, limit);
    return { items: page.map(present), unreadCount: unread, nextCursor: rows.length > limit ? String(page.at(-1)?.id) : null };
  }

  /** Marks one of the person's notifications read (idempotent); 404 for anyone else's. */
  async markRead(userId: string, id: string): Promise<NotificationItem> {
    const rows: NotificationRow[] = await this.dataSource.query(
      `WITH marked AS (
         UPDATE notification SET read_at = coalesce(read_at, now()) WHERE id = $1::bigint AND user_id = $2
         RETURNING id, kind, data, created_at, read_at)
       SELECT * FROM marked`,
      [id, userId],
    );
    if (rows.length === 0) throw CertificationError.NotificationNotFound([{ field: 'id', reason: 'unknown' }]);
    return present(rows[0]);
  }

  /** Marks every notification of the person read; returns how many were unread. */
  async markAllRead(userId: string): Promise<{ marked: number }> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH marked AS (UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING 1) SELECT * FROM marked`,
      [userId],
    );
    return { marked: rows.length };
  }

  async exportFor(userId: string, manager: EntityManager): Promise<NotificationItem[]> {
    const rows: NotificationRow[] = await manager.query(
      `SELECT id, kind, data, created_at, read_at FROM notification WHERE user_id = $1 ORDER BY id`,
      [userId],
    );
    return rows.map(present);
  }

  async eraseFor(userId: string, manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM notification WHERE user_id = $1`, [userId]);
  }
}
