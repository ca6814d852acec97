import type { CourseSummary } from '@academie/contracts';
import { type CourseRow, toSummary } from '../course/course-row';
import type { SearchFilters } from '../course/course-search.sql';
import { type FacetEntry, FacetIndex } from './facet-index';

/**
 * The published catalogue held in memory by each API process, rebuilt (one query) after each change announced on
 * `catalog_changed`: the summary of every published course, its facet attributes as bit masks, and the browsing
 * order (newest first). A search then costs PostgreSQL at most one statement per distinct text — the ids and
 * ranks of the courses matching it (`TextMatches`, cached) — whatever its filters, page or facets, which are all
 * worked out here. Without it every distinct filtered search ran its SQL: 300 to 640 ms at the 95th percentile on
 * 10,000 courses with 32 clients (docs/benchmarks.md).
 *
 * Order and cursors are exactly those of the SQL path (`CourseService`): browsing by (published_at, id)
 * descending, with published_at to the microsecond as PostgreSQL writes it in UTC (fixed width, so compared as
 * text); searching by (rank, id) descending, ranks being PostgreSQL `real`s (compared as float32 here).
 */
/** A published course as the index is built from: its summary's row (published_key included). */
export type CatalogSourceRow = CourseRow;

export interface IndexedCourse {
  id: string;
  publishedKey: string;
  summary: CourseSummary;
  facets: FacetEntry;
}

/**
 * The published courses matching one text, best first, with their ranks (float32, as PostgreSQL's `real`): the
 * courses themselves, resolved once against the index when the matches are read, so that a search walks them
 * without a lookup.
 */
export interface TextMatches {
  courses: IndexedCourse[];
  ranks: Float32Array;
}

export type BrowseCursor = { publishedKey: string; id: string };
export type RankCursor = { rank: number; id: string };

export interface IndexPage<T> {
  items: T[];
  /** More items match after the last one returned. */
  more: boolean;
}

const byIdDescending = (a: string, b: string): number => (a < b ? 1 : a > b ? -1 : 0);

export class CatalogIndex {
  private constructor(
    readonly facets: FacetIndex,
    private readonly courses: Map<string, IndexedCourse>,
    private readonly newestFirst: IndexedCourse[],
  ) {}

  static build(rows: CatalogSourceRow[]): CatalogIndex {
    const facets = FacetIndex.build(rows);
    const courses = new Map<string, IndexedCourse>();
    for (const row of rows) {
      courses.set(row.id, { id: row.id, publishedKey: row.published_key, summary: toSummary(row), facets: facets.entry(row.id)! });
    }
    const newestFirst = [...courses.values()].sort(
      (a, b) => (a.publishedKey < b.publishedKey ? 1 : a.publishedKey > b.publishedKey ? -1 : byIdDescending(a.id, b.id)),
    );
    return new CatalogIndex(facets, courses, newestFirst);
  }

  get size(): number {
    return this.courses.size;
  }

  /**
   * Matches of a text as PostgreSQL gave them, resolved against the index (a course published after the index
   * was built is not in it: the change notice that follows its publication empties both) and sorted as the SQL
   * path sorts them: rank descending, then id descending.
   */
  resolveMatches(rows: { id: string; rank: number }[]): TextMatches {
    const found: { course: IndexedCourse; rank: number }[] = [];
    for (const row of rows) {
      const course = this.courses.get(row.id);
      if (course) found.push({ course, rank: Math.fround(row.rank) });
    }
    found.sort((a, b) => b.rank - a.rank || byIdDescending(a.course.id, b.course.id));
    return { courses: found.map((f) => f.course), ranks: Float32Array.from(found.map((f) => f.rank)) };
  }

  /** Total and facets of a search: over the text's matches, or over the whole catalogue. */
  count(matches: TextMatches | null, filters: SearchFilters): ReturnType<FacetIndex['count']> {
    return matches === null ? this.facets.count(null, filters) : FacetIndex.countEntries(matches.courses.map((c) => c.facets), filters);
  }

  /** Newest first, after the cursor, filtered: `limit` courses at most. */
  browse(filters: SearchFilters, after: BrowseCursor | null, limit: number): IndexPage<IndexedCourse> {
    const accepts = FacetIndex.matcher(filters);
    const items: IndexedCourse[] = [];
    for (const course of this.newestFirst) {
      if (after && !(course.publishedKey < after.publishedKey || (course.publishedKey === after.publishedKey && course.id < after.id))) continue;
      if (!accepts(course.facets)) continue;
      if (items.length === limit) return { items, more: true };
      items.push(course);
    }
    return { items, more: false };
  }

  /** The courses of `matches` in rank order, after the cursor, filtered: `limit` at most. */
  static ranked(matches: TextMatches, filters: SearchFilters, after: RankCursor | null, limit: number): IndexPage<IndexedCourse & { rank: number }> {
    const accepts = FacetIndex.matcher(filters);
    const items: (IndexedCourse & { rank: number })[] = [];
    const afterRank = after === null ? 0 : Math.fround(after.rank);
    for (let i = 0; i < matches.courses.length; i++) {
      const course = matches.courses[i];
      const rank = matches.ranks[i];
      if (after && !(rank < afterRank || (rank === afterRank && course.id < after.id))) continue;
      if (!accepts(course.facets)) continue;
      if (items.length === limit) return { items, more: true };
      items.push({ ...course, rank });
    }
    return { items, more: false };
  }
}
