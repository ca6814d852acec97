import type { CourseSummary } from '@academie/contracts';
import { type CourseRow, toSummary } from '../course/course-row';
import type { SearchFilters } from '../course/course-search.sql';
import { FacetColumns, type FacetEntry, FacetIndex } from './facet-index';
import { TextIndex, type TsQuery } from './text-index';

/**
 * The published catalogue held in memory by each API process, rebuilt (one query) after each change announced on
 * `catalog_changed`: the summary of every published course, its facet attributes as bit masks, and the browsing
 * order (newest first); and, loaded on the first text search, the stored search vectors (`TextIndex`), so that
 * texts are matched and ranked here too (PostgreSQL is asked once per new phrase for its tsquery; texts the
 * in-memory search does not reproduce fall back to one statement per distinct text). Filters, pages, cursors and
 * facets are all worked out here. Without it every distinct filtered search ran its SQL: 300 to 640 ms at the 95th percentile on
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
 * The published courses matching one text (ordinals of the index), with their ranks (float32, as PostgreSQL's
 * `real`).
 *
 * Either ranked and sorted already (PostgreSQL's answer), or ranked on demand (the in-memory text index): a page
 * then ranks only the matches its filters accept and keeps the best; once the same text is asked again, every
 * match is ranked and sorted once, and pages walk that order like PostgreSQL's.
 */
export class TextMatches {
  private order: Int32Array | null;
  private uses = 0;

  private constructor(
    private readonly catalog: { all: readonly IndexedCourse[]; columns: FacetColumns },
    readonly ordinals: Int32Array,
    private readonly ranks: Float32Array,
    private readonly rankAt: ((ordinal: number) => number) | null,
    sorted: boolean,
  ) {
    this.order = sorted ? Int32Array.from(ordinals, (_, i) => i) : null;
  }

  /** Matches in the SQL path's order (rank descending, then id descending), ranks known. */
  static sorted(catalog: TextMatches['catalog'], ordinals: Int32Array, ranks: Float32Array): TextMatches {
    return new TextMatches(catalog, ordinals, ranks, null, true);
  }

  /** Matches in any order, each ranked by `rankAt(ordinal)` when a page needs it. */
  static lazy(catalog: TextMatches['catalog'], ordinals: Int32Array, rankAt: (ordinal: number) => number): TextMatches {
    return new TextMatches(catalog, ordinals, new Float32Array(ordinals.length).fill(Number.NaN), rankAt, false);
  }

  get size(): number {
    return this.ordinals.length;
  }

  private rankOf(i: number): number {
    let rank = this.ranks[i];
    if (rank !== rank) rank = this.ranks[i] = this.rankAt!(this.ordinals[i]);
    return rank;
  }

  private idOf(i: number): string {
    return this.catalog.all[this.ordinals[i]].id;
  }

  /** Match `a` comes before match `b`: rank descending, then id descending. */
  private before(a: number, b: number): boolean {
    const ra = this.rankOf(a);
    const rb = this.rankOf(b);
    return ra > rb || (ra === rb && this.idOf(a) > this.idOf(b));
  }

  /**
   * Total and facets over the matches, with the facet columns of the index they were resolved against (a cached list
   * of matches may outlive the index entry it came from).
   */
  count(filters: SearchFilters): ReturnType<FacetColumns['count']> {
    return this.catalog.columns.count(this.ordinals, filters);
  }

  /** The matches in rank order, after the cursor, filtered: `limit` at most. */
  page(filters: SearchFilters, after: RankCursor | null, limit: number): IndexPage<IndexedCourse & { rank: number }> {
    if (this.order === null && ++this.uses > 1) {
      for (let i = 0; i < this.ordinals.length; i++) this.rankOf(i);
      this.order = Int32Array.from(this.ordinals, (_, i) => i).sort((a, b) => (a === b ? 0 : this.before(a, b) ? -1 : 1));
    }
    const accepts = this.catalog.columns.matcher(filters);
    const afterRank = after === null ? 0 : Math.fround(after.rank);
    const isAfter = (i: number): boolean => {
      if (after === null) return true;
      const rank = this.rankOf(i);
      return rank < afterRank || (rank === afterRank && this.idOf(i) < after.id);
    };
    const item = (i: number) => ({ ...this.catalog.all[this.ordinals[i]], rank: this.rankOf(i) });
    if (this.order !== null) {
      const items: (IndexedCourse & { rank: number })[] = [];
      for (const i of this.order) {
        if (!accepts(this.ordinals[i]) || !isAfter(i)) continue;
        if (items.length === limit) return { items, more: true };
        items.push(item(i));
      }
      return { items, more: false };
    }
    // The best `limit + 1` accepted matches after the cursor, best first: only the accepted matches are ranked.
    const best: number[] = [];
    for (let i = 0; i < this.ordinals.length; i++) {
      if (!accepts(this.ordinals[i]) || !isAfter(i)) continue;
      if (best.length > limit && !this.before(i, best[best.length - 1])) continue;
      let at = best.length;
      while (at > 0 && this.before(i, best[at - 1])) at--;
      best.splice(at, 0, i);
      if (best.length > limit + 1) best.pop();
    }
    return { items: best.slice(0, limit).map(item), more: best.length > limit };
  }
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
  /** undefined: not asked for yet; null: loading, or unusable. */
  private text: TextIndex | null | undefined = undefined;
  private textLoading: Promise<void> | undefined;
  private readonly ordinals = new Map<string, number>();
  /** The facet attributes by ordinal (the position in `all`, newest first). */
  readonly columns: FacetColumns;

  private constructor(
    readonly facets: FacetIndex,
    readonly all: IndexedCourse[],
  ) {
    all.forEach((course, ordinal) => this.ordinals.set(course.id, ordinal));
    this.columns = FacetColumns.of(all.map((c) => c.facets));
  }

  static build(rows: CatalogSourceRow[]): CatalogIndex {
    const facets = FacetIndex.build(rows);
    const courses = new Map<string, IndexedCourse>();
    for (const row of rows) {
      courses.set(row.id, { id: row.id, publishedKey: row.published_key, summary: toSummary(row), facets: facets.entry(row.id)! });
    }
    const newestFirst = [...courses.values()].sort(
      (a, b) => (a.publishedKey < b.publishedKey ? 1 : a.publishedKey > b.publishedKey ? -1 : byIdDescending(a.id, b.id)),
    );
    return new CatalogIndex(facets, newestFirst);
  }

  get size(): number {
    return this.all.length;
  }

  /**
   * Matches of a text as PostgreSQL gave them, resolved against the index (a course published after the index
   * was built is not in it: the change notice that follows its publication empties both) and sorted as the SQL
   * path sorts them: rank descending, then id descending.
   */
  resolveMatches(rows: { id: string; rank: number }[]): TextMatches {
    const found: { ordinal: number; id: string; rank: number }[] = [];
    for (const row of rows) {
      const ordinal = this.ordinals.get(row.id);
      if (ordinal !== undefined) found.push({ ordinal, id: row.id, rank: Math.fround(row.rank) });
    }
    found.sort((a, b) => b.rank - a.rank || byIdDescending(a.id, b.id));
    return TextMatches.sorted(
      this,
      Int32Array.from(found, (f) => f.ordinal),
      Float32Array.from(found, (f) => f.rank),
    );
  }

  /** No course matches (a text without any lexeme: PostgreSQL's `@@` is false for every vector). */
  noMatches(): TextMatches {
    return TextMatches.sorted(this, new Int32Array(0), new Float32Array(0));
  }

  /**
   * The text index of these courses, once loaded: the first call starts loading it (`load` reads each published
   * course's `search_vector::text`, then parses them a few hundred per turn of the event loop: 1 to 3 s for 10,000
   * courses) and, until it is there, the answer is null and
   * PostgreSQL matches the texts, so that no search waits for it. Null also when the vectors are outside what the
   * in-memory search reproduces. A course missing from the load (published since) is matched by no text until the
   * change notice that follows its publication empties the cache.
   */
  textIndex(load: () => Promise<{ id: string; vector: string }[]>): TextIndex | null {
    if (this.text === undefined) {
      this.text = null;
      this.textLoading = load()
        .then(async (rows) => {
          const vectors = new Array<string | null>(this.all.length).fill(null);
          for (const row of rows) {
            const ordinal = this.ordinals.get(row.id);
            if (ordinal !== undefined) vectors[ordinal] = row.vector;
          }
          this.text = await TextIndex.buildInTurns(vectors);
        })
        .catch(() => {
          this.text = undefined; // tried again by the next search
        });
    }
    return this.text ?? null;
  }

  /**
   * Takes the loaded text index of an earlier index of the same courses (the same ids with the same publication
   * instants, in the same order: the same published versions, hence the same vectors). False when it cannot.
   */
  adoptTextIndex(earlier: CatalogIndex): boolean {
    if (!(earlier.text instanceof TextIndex) || this.text !== undefined || earlier.all.length !== this.all.length) return false;
    for (let i = 0; i < this.all.length; i++) {
      if (earlier.all[i].id !== this.all[i].id || earlier.all[i].publishedKey !== this.all[i].publishedKey) return false;
    }
    this.text = earlier.text;
    this.textLoading = Promise.resolve();
    return true;
  }

  /** Settles once the text index has loaded (or failed to): for tests. */
  async textIndexLoaded(): Promise<void> {
    await this.textLoading;
  }

  /** The courses matching a query in the text index (`search_vector @@ query`), ranked when a page needs them. */
  matchText(text: TextIndex, query: TsQuery): TextMatches {
    return TextMatches.lazy(this, text.match(query), text.ranker(query));
  }

  /** Total and facets of a search: over the text's matches, or over the whole catalogue. */
  count(matches: TextMatches | null, filters: SearchFilters): ReturnType<FacetColumns['count']> {
    return matches === null ? this.columns.count(null, filters) : matches.count(filters);
  }

  /** Newest first, after the cursor, filtered: `limit` courses at most. */
  browse(filters: SearchFilters, after: BrowseCursor | null, limit: number): IndexPage<IndexedCourse> {
    const accepts = this.columns.matcher(filters);
    const items: IndexedCourse[] = [];
    for (let ordinal = 0; ordinal < this.all.length; ordinal++) {
      const course = this.all[ordinal];
      if (after && !(course.publishedKey < after.publishedKey || (course.publishedKey === after.publishedKey && course.id < after.id))) continue;
      if (!accepts(ordinal)) continue;
      if (items.length === limit) return { items, more: true };
      items.push(course);
    }
    return { items, more: false };
  }
}
