import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthorVersion, ReviewQueueResponse } from '@academie/contracts';
import { CatalogError } from '../catalog.errors';
import { AuditTrail, type Actor } from '../publishing/audit-trail';
import { loadAuthorVersion } from '../publishing/author-version';
import { publishVersion } from '../publishing/publish-version';
import { CatalogCache } from '../search/catalog-cache';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(value: string): { submittedAt: string; id: string } {
  try {
    const [submittedAt, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (typeof submittedAt === 'string' && !Number.isNaN(Date.parse(submittedAt)) && typeof id === 'string' && UUID.test(id)) {
      return { submittedAt, id };
    }
  } catch {
    // fall through
  }
  throw CatalogError.InvalidCursor([{ field: 'cursor', reason: 'must be a nextCursor returned by this route' }]);
}

/** The reviewers' side: the queue of submitted versions, and the decision. A reviewer never decides on a course they author. */
@Injectable()
export class ReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly cache: CatalogCache,
  ) {}

  /** Submitted versions, oldest first, except those of courses the reviewer authors. */
  async queue(actor: Actor, query: { cursor?: string; limit?: number }): Promise<ReviewQueueResponse> {
    const limit = query.limit ?? 20;
    const params: unknown[] = [actor.userId];
    let after = '';
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      params.push(cursor.submittedAt, cursor.id);
      after = `AND (v.submitted_at, v.id) > ($2::timestamptz, $3::uuid)`;
    }
    params.push(limit + 1);
    const rows: { version_id: string; course_id: string; slug: string; title: string; number: number; submitted_at: Date }[] =
      await this.dataSource.query(
        `SELECT v.id AS version_id, c.id AS course_id, c.slug, v.title, v.number, v.submitted_at
           FROM course_version v JOIN course c ON c.id = v.course_id
          WHERE v.status = 'submitted' ${after}
            AND NOT EXISTS (SELECT 1 FROM course_author a WHERE a.course_id = v.course_id AND a.user_id = $1)
          ORDER BY v.submitted_at, v.id LIMIT $${params.length}`,
        params,
      );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({
        versionId: r.version_id,
        courseId: r.course_id,
        slug: r.slug,
        title: r.title,
        number: r.number,
        submittedAt: r.submitted_at.toISOString(),
      })),
      nextCursor:
        rows.length > limit && last ? Buffer.from(JSON.stringify([last.submitted_at.toISOString(), last.version_id])).toString('base64url') : null,
    };
  }

  /** A version with everything, answers and explanations included, for the review. */
  async version(actor: Actor, versionId: string): Promise<AuthorVersion> {
    const version = await loadAuthorVersion(this.dataSource, versionId);
    if (!version) throw CatalogError.VersionNotFound([{ field: 'versionId', reason: 'no version has this id' }]);
    void actor;
    return version;
  }

  /** Publishes a submitted version: it becomes immutable and the catalogue shows it. */
  async approve(actor: Actor, versionId: string): Promise<AuthorVersion> {
    await this.dataSource.transaction(async (manager) => {
      const courseId = await this.lockSubmitted(manager, actor, versionId);
      const publishedAt = await publishVersion(manager, versionId, actor.userId);
      await manager.query(`INSERT INTO course_review (version_id, decision, reviewer_id) VALUES ($1, 'approved', $2)`, [
        versionId,
        actor.userId,
      ]);
      await this.audit.record(manager, actor, 'course.published', 'course', courseId, {
        versionId,
        publishedAt: publishedAt.toISOString(),
      });
    });
    this.cache.invalidate(); // other processes hear of it through NOTIFY, a few milliseconds later
    return this.version(actor, versionId);
  }

  /** Sends a submitted version back to its authors with the reviewer's comment. */
  async reject(actor: Actor, versionId: string, comment: string): Promise<AuthorVersion> {
    await this.dataSource.transaction(async (manager) => {
      const courseId = await this.lockSubmitted(manager, actor, versionId);
      await manager.query(`UPDATE course_version SET status = 'rejected', updated_at = now() WHERE id = $1`, [versionId]);
      await manager.query(`INSERT INTO course_review (version_id, decision, comment, reviewer_id) VALUES ($1, 'rejected', $2, $3)`, [
        versionId,
        comment.trim(),
        actor.userId,
      ]);
      await this.audit.record(manager, actor, 'course.rejected', 'course', courseId, { versionId });
    });
    return this.version(actor, versionId);
  }

  private async lockSubmitted(manager: EntityManager, actor: Actor, versionId: string): Promise<string> {
    const [row] = await manager.query(
      `SELECT v.course_id, v.status,
              EXISTS (SELECT 1 FROM course_author a WHERE a.course_id = v.course_id AND a.user_id = $2) AS own
         FROM course_version v WHERE v.id = $1 FOR UPDATE OF v`,
      [versionId, actor.userId],
    );
    if (!row) throw CatalogError.VersionNotFound([{ field: 'versionId', reason: 'no version has this id' }]);
    if (row.own) throw CatalogError.OwnCourse([{ field: 'versionId', reason: 'you are an author of this course' }]);
    if (row.status !== 'submitted') {
      throw CatalogError.NotSubmitted([{ field: 'versionId', reason: `the version is ${row.status}, not submitted` }]);
    }
    return row.course_id;
  }
}
