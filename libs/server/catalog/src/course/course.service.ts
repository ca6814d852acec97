import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CourseListResponse, CourseSummary } from '@academie/contracts';
import { CatalogError } from '../catalog.errors';
import type { ListCoursesQueryDto } from './dto/list-courses-query.dto';

const DEFAULT_LIMIT = 20;

interface Cursor {
  publishedAt: string;
  id: string;
}

const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify([cursor.publishedAt, cursor.id])).toString('base64url');

function decodeCursor(value: string): Cursor {
  try {
    const [publishedAt, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof publishedAt === 'string' &&
      !Number.isNaN(Date.parse(publishedAt)) &&
      typeof id === 'string' &&
      /^[0-9a-f-]{36}$/i.test(id)
    ) {
      return { publishedAt, id };
    }
  } catch {
    // fall through
  }
  throw CatalogError.InvalidCursor([{ field: 'cursor', reason: 'must be a nextCursor returned by this route' }]);
}

interface CourseRow {
  id: string;
  slug: string;
  kind: CourseSummary['kind'];
  title: string;
  summary: string;
  level: CourseSummary['level'];
  duration_minutes: number;
  audiences: CourseSummary['audiences'];
  sectors: CourseSummary['sectors'];
  use_cases: CourseSummary['useCases'];
  language: string;
  counts_toward_goal: boolean;
  published_at: Date;
}

const toSummary = (row: CourseRow): CourseSummary => ({
  id: row.id,
  slug: row.slug,
  kind: row.kind,
  title: row.title,
  summary: row.summary,
  level: row.level,
  durationMinutes: row.duration_minutes,
  audiences: row.audiences,
  sectors: row.sectors,
  useCases: row.use_cases,
  language: row.language,
  countsTowardGoal: row.counts_toward_goal,
  publishedAt: row.published_at.toISOString(),
});

@Injectable()
export class CourseService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Published courses, newest first, by keyset pagination on (published_at, id): no OFFSET scans. */
  async list(query: ListCoursesQueryDto): Promise<CourseListResponse> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    const params: unknown[] = [limit + 1];
    let where = `status = 'published'`;
    if (cursor) {
      params.push(cursor.publishedAt, cursor.id);
      where += ` AND (published_at, id) < ($2::timestamptz, $3::uuid)`;
    }
    const rows: CourseRow[] = await this.dataSource.query(
      `SELECT id, slug, kind, title, summary, level, duration_minutes, audiences, sectors, use_cases, language,
              counts_toward_goal, published_at
         FROM course WHERE ${where}
        ORDER BY published_at DESC, id DESC
        LIMIT $1`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toSummary),
      nextCursor:
        rows.length > limit && last ? encodeCursor({ publishedAt: last.published_at.toISOString(), id: last.id }) : null,
    };
  }
}
