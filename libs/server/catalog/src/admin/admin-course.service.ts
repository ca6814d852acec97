import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AdminCourseList, AdminCourseQuery, AdminCourseSummary, CourseStatus } from '@academie/contracts';
import { CatalogError } from '../catalog.errors';
import { AuditTrail, type Actor } from '../publishing/audit-trail';
import { CatalogCache, announceCatalogChange } from '../search/catalog-cache';

const DEFAULT_LIMIT = 20;

interface CourseRow {
  id: string;
  slug: string;
  title: string;
  status: CourseStatus;
  current_version_number: number | null;
  updated_at: Date;
  archived_at: Date | null;
}

const toSummary = (row: CourseRow): AdminCourseSummary => ({
  id: row.id,
  slug: row.slug,
  title: row.title,
  status: row.status,
  currentVersionNumber: row.current_version_number,
  updatedAt: row.updated_at.toISOString(),
  archivedAt: row.archived_at?.toISOString() ?? null,
});

const encodeCursor = (row: CourseRow): string => Buffer.from(JSON.stringify([row.title, row.id])).toString('base64url');

function decodeCursor(value: string): { title: string; id: string } {
  try {
    const [title, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (typeof title === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) return { title, id };
  } catch {
    // fall through
  }
  throw CatalogError.InvalidCursor([{ field: 'cursor', reason: 'must be a nextCursor returned by this route' }]);
}

const likePattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The administrators' view of the catalogue: every course whatever its status and authors, and archiving one
 * (the studio's archive is for the course's own authors). The catalogue holds hundreds of courses, not millions:
 * a title search by ILIKE is enough here.
 */
@Injectable()
export class AdminCourseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly cache: CatalogCache,
  ) {}

  /** By title then id (keyset), filtered by part of the title or slug and by status. */
  async list(query: AdminCourseQuery): Promise<AdminCourseList> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.q?.trim()) {
      params.push(likePattern(query.q.trim()));
      where.push(`(c.title ILIKE $${params.length} OR c.slug ILIKE $${params.length})`);
    }
    if (query.status) {
      params.push(query.status);
      where.push(`c.status = $${params.length}`);
    }
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      params.push(cursor.title, cursor.id);
      where.push(`(c.title, c.id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const rows = (await this.dataSource.query(
      `SELECT c.id, c.slug, c.title, c.status, v.number AS current_version_number, c.updated_at, c.archived_at
         FROM course c LEFT JOIN course_version v ON v.id = c.current_version_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY c.title, c.id LIMIT $${params.length}`,
      params,
    )) as CourseRow[];
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { items: page.map(toSummary), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  /** Withdraws the course from the catalogue, as its authors can; audited (`course.archived`, `byAdministrator`). */
  async archive(actor: Actor, courseId: string): Promise<AdminCourseSummary> {
    const summary = await this.dataSource.transaction(async (manager) => {
      const [locked] = (await manager.query(`SELECT status FROM course WHERE id = $1 FOR UPDATE`, [courseId])) as { status: CourseStatus }[];
      if (!locked) throw CatalogError.CourseNotFound([{ field: 'courseId', reason: 'no course has this id' }]);
      if (locked.status === 'archived') throw CatalogError.AlreadyArchived([{ field: 'courseId', reason: 'is already archived' }]);
      await manager.query(`UPDATE course SET status = 'archived', archived_at = now(), updated_at = now() WHERE id = $1`, [courseId]);
      await announceCatalogChange(manager);
      await this.audit.record(manager, actor, 'course.archived', 'course', courseId, { byAdministrator: true, previousStatus: locked.status });
      return this.find(manager, courseId);
    });
    this.cache.invalidate();
    return summary;
  }

  private async find(manager: EntityManager, courseId: string): Promise<AdminCourseSummary> {
    const [row] = (await manager.query(
      `SELECT c.id, c.slug, c.title, c.status, v.number AS current_version_number, c.updated_at, c.archived_at
         FROM course c LEFT JOIN course_version v ON v.id = c.current_version_id WHERE c.id = $1`,
      [courseId],
    )) as CourseRow[];
    return toSummary(row);
  }
}
