import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  type CourseFacets,
  type CourseSearchQuery,
  type CourseSearchResponse,
  type CourseSummary,
  type CourseVersionDetail,
  DURATION_BUCKETS,
  type DurationBucket,
  type LessonView,
  type ModuleOutline,
  type SolutionSummary,
} from '@academie/contracts';
import { CatalogError } from '../catalog.errors';
import { type CourseRow, toSummary } from './course-row';
import { type LessonRow, toLessonView } from '../content/lesson-content';
import { CatalogCache } from '../search/catalog-cache';
import { CatalogIndex, type CatalogSourceRow, type TextMatches } from '../search/catalog-index';
import { type TsQuery, UnsupportedQuery, composeQuery, parseTsquery } from '../search/text-index';
import { expandQuery } from '../search/search-query';
import { SynonymStore } from '../search/synonym-store';
import { SOLUTION_COLUMNS, type SolutionRow, toSolution } from '../solution/solution-row';
import { type FacetDimension, type SearchFilters, SqlParams, facetsSql, filterConditions, queryFilters } from './course-search.sql';

const DEFAULT_LIMIT = 20;
const SOLUTIONS_PER_COURSE = 6;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Position in a result list: (published_at, id) when browsing, (rank, id) when searching. published_at is written
 * to the microsecond (`PUBLISHED_KEY`): a cursor cut to the millisecond would skip the courses published within
 * the same millisecond as the last one of a page.
 */
type Cursor = { kind: 'date'; publishedAt: string; id: string } | { kind: 'rank'; rank: string; id: string };

const PUBLISHED_KEY_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A browsing cursor's date as a published key (a cursor written before keys had microseconds has milliseconds). */
const toPublishedKey = (value: string): string => (PUBLISHED_KEY_FORMAT.test(value) ? value : new Date(value).toISOString().replace(/Z$/, '000Z'));

export const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(JSON.stringify(cursor.kind === 'date' ? ['d', cursor.publishedAt, cursor.id] : ['r', cursor.rank, cursor.id])).toString(
    'base64url',
  );

export function decodeCursor(value: string, expected: Cursor['kind']): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    const [tag, key, id] = parsed;
    if (parsed.length === 3 && typeof id === 'string' && UUID.test(id) && typeof key === 'string') {
      if (expected === 'date' && tag === 'd' && !Number.isNaN(Date.parse(key))) return { kind: 'date', publishedAt: key, id };
      if (expected === 'rank' && tag === 'r' && /^\d+(\.\d+)?(e-?\d+)?$/i.test(key)) return { kind: 'rank', rank: key, id };
    }
  } catch {
    // fall through
  }
  throw CatalogError.InvalidCursor([{ field: 'cursor', reason: 'must be a nextCursor returned by this route' }]);
}

const PUBLISHED_KEY = `to_char(c.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const SUMMARY_COLUMNS = `c.id, c.slug, c.kind, c.title, c.summary, c.level, c.duration_minutes, c.audiences, c.sectors,
  c.use_cases, c.language, c.counts_toward_goal, c.published_at, ${PUBLISHED_KEY} AS published_key`;

/** A page of search results, the courses and where the next page starts. */
interface ResultPage {
  items: CourseSummary[];
  nextCursor: string | null;
}

const toJson = (answer: CourseSearchResponse): Buffer => Buffer.from(JSON.stringify(answer), 'utf8');

/** Phrases whose tsquery is kept (`phraseto_tsquery` depends on the text search configuration only). */
const MAX_PHRASE_QUERIES = 20_000;

/** Entries of the answers cache a list of text matches weighs: one per 1,000 courses matched, plus one. */
const matchesCost = (matches: TextMatches): number => 1 + Math.floor(matches.size / 1_000);

interface VersionDetailRow extends CourseRow {
  version_id: string;
  version_number: number;
  current_version_id: string | null;
  course_status: string;
  modules: ModuleOutline[];
  authors: string[];
}

/** The catalogue as learners see it: search, course pages, published versions, lesson content. */
@Injectable()
export class CourseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: CatalogCache,
    private readonly synonyms: SynonymStore,
  ) {}

  private readonly phraseQueries = new Map<string, TsQuery | null | 'unsupported'>();

  /**
   * Published courses: ranked by relevance then id when `q` is given, newest first otherwise, by keyset
   * pagination (the cursor carries the rank or date and the id of the last item). Answered from the in-memory
   * catalogue index (`CatalogIndex`) and the cached matches of the text while this process hears the catalogue's
   * change notices; by SQL alone otherwise (same order, same cursors).
   */
  async search(query: CourseSearchQuery): Promise<CourseSearchResponse> {
    return JSON.parse((await this.searchJson(query)).toString('utf8')) as CourseSearchResponse;
  }

  /**
   * The same answer as JSON bytes, what the route sends. Whole answers are kept serialized in the answers cache:
   * a popular search is then served without the walk over the index nor the serialization of its 12 kB.
   */
  async searchJson(query: CourseSearchQuery): Promise<Buffer> {
    if (!this.cache.enabled) return toJson(await this.searchInSql(query));
    const { groups, cursor, filters, limit } = await this.parseQuery(query);
    const key = JSON.stringify([groups, Object.entries(filters).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v]), limit, query.cursor ?? '']);
    return this.cache.get(`answer:${key}`, async () => {
      const index = await this.catalogIndex();
      const matches = groups.length > 0 ? await this.textMatches(index, groups) : null;
      const page = matches ? this.rankedPage(matches, filters, cursor, limit) : this.browsePage(index, filters, cursor, limit);
      const facets = index.count(matches, filters);
      return toJson({ ...page, total: facets.total, facets: facets.facets });
    });
  }

  /** The same answer by SQL alone (used while the change notices are not heard; public for the equivalence tests). */
  async searchInSql(query: CourseSearchQuery): Promise<CourseSearchResponse> {
    const { groups, cursor, filters, limit } = await this.parseQuery(query);
    const [page, facets] = await Promise.all([this.pageInSql(groups, filters, cursor, limit), this.facetsInSql(groups, filters)]);
    return { ...page, total: facets.total, facets: facets.facets };
  }

  private async parseQuery(query: CourseSearchQuery): Promise<{ groups: string[][]; cursor: Cursor | null; filters: SearchFilters; limit: number }> {
    const groups = query.q ? expandQuery(query.q, await this.synonyms.groups()) : [];
    const cursor = query.cursor ? decodeCursor(query.cursor, groups.length > 0 ? 'rank' : 'date') : null;
    return { groups, cursor, filters: queryFilters(query), limit: query.limit ?? DEFAULT_LIMIT };
  }

  /** The published catalogue in memory, built once per catalogue change (one statement). */
  private catalogIndex(): Promise<CatalogIndex> {
    return this.cache.get(
      'catalog-index',
      async () => {
        const generation = this.cache.generationNow;
        const rows: CatalogSourceRow[] = await this.dataSource.query(`SELECT ${SUMMARY_COLUMNS} FROM course c WHERE c.status = 'published'`);
        const index = CatalogIndex.build(rows);
        // Rebuilt by the cache's age limit, no change announced since the previous index: the same published
        // versions keep the same vectors (a published version is immutable), so its text index carries over instead of
        // 1 to 3 s of loading during which PostgreSQL would rank every text.
        const previous = this.previousIndex;
        if (previous && previous.generation === generation) index.adoptTextIndex(previous.index);
        this.previousIndex = { index, generation };
        return index;
      },
      (index) => 1 + Math.floor(index.size / 1_000),
    );
  }

  private previousIndex: { index: CatalogIndex; generation: number } | null = null;

  /**
   * Loads the text index of the current catalogue now (the first text search would start it) and says whether
   * texts are then matched in memory (false: PostgreSQL matches them, the cache being off or the vectors outside
   * what the in-memory search reproduces). For tests.
   */
  async warmTextIndex(): Promise<boolean> {
    if (!this.cache.enabled) return false;
    const index = await this.catalogIndex();
    index.textIndex(this.loadVectors);
    await index.textIndexLoaded();
    return index.textIndex(this.loadVectors) !== null;
  }

  private readonly loadVectors = (): Promise<{ id: string; vector: string }[]> =>
    this.dataSource.query(`SELECT c.id, c.search_vector::text AS vector FROM course c WHERE c.status = 'published'`);

  /**
   * The published courses matching a text, cached per text: from the in-memory text index (the stored vectors,
   * matched and ranked as PostgreSQL does, see text-index.ts), or, for what it does not reproduce, the ids and
   * ranks PostgreSQL gives (the GIN index).
   */
  private textMatches(index: CatalogIndex, groups: string[][]): Promise<TextMatches> {
    return this.cache.get(
      `matches:${JSON.stringify(groups)}`,
      async () => {
        const text = index.textIndex(this.loadVectors);
        const query = text ? await this.textQuery(groups) : undefined;
        if (text && query !== undefined) {
          return query === null ? index.noMatches() : index.matchText(text, query);
        }
        const rows: { id: string; rank: number }[] = await this.dataSource.query(
          `SELECT c.id, ts_rank(c.search_vector, q.query) AS rank
             FROM course c, catalog_search_query($1::jsonb) AS q(query)
            WHERE c.status = 'published' AND c.search_vector @@ q.query`,
          [JSON.stringify(groups)],
        );
        return index.resolveMatches(rows);
      },
      matchesCost,
    );
  }

  /**
   * The tsquery `catalog_search_query(groups)` makes, composed from each phrase's `phraseto_tsquery` (asked to
   * PostgreSQL once per phrase, then kept): null for a query without any lexeme (it matches nothing), undefined
   * when it is outside what the in-memory search reproduces.
   */
  private async textQuery(groups: string[][]): Promise<TsQuery | null | undefined> {
    const unknown = [...new Set(groups.flat())].filter((phrase) => !this.phraseQueries.has(phrase));
    if (unknown.length > 0) {
      const rows: { query: string }[] = await this.dataSource.query(
        `SELECT phraseto_tsquery('public.fr_unaccent', t.phrase)::text AS query FROM unnest($1::text[]) WITH ORDINALITY AS t(phrase, n) ORDER BY t.n`,
        [unknown],
      );
      if (this.phraseQueries.size + unknown.length > MAX_PHRASE_QUERIES) this.phraseQueries.clear();
      unknown.forEach((phrase, i) => {
        let query: TsQuery | null | 'unsupported';
        try {
          query = parseTsquery(rows[i].query);
        } catch (error) {
          if (!(error instanceof UnsupportedQuery)) throw error;
          query = 'unsupported';
        }
        this.phraseQueries.set(phrase, query);
      });
    }
    const parts = new Map(groups.flat().map((phrase) => [phrase, this.phraseQueries.get(phrase)]));
    if ([...parts.values()].some((part) => part === 'unsupported' || part === undefined)) return undefined;
    return composeQuery(groups, (phrase) => parts.get(phrase) as TsQuery | null);
  }

  private browsePage(index: CatalogIndex, filters: SearchFilters, cursor: Cursor | null, limit: number): ResultPage {
    const after = cursor?.kind === 'date' ? { publishedKey: toPublishedKey(cursor.publishedAt), id: cursor.id } : null;
    const { items, more } = index.browse(filters, after, limit);
    const last = items.at(-1);
    return {
      items: items.map((c) => c.summary),
      nextCursor: more && last ? encodeCursor({ kind: 'date', publishedAt: last.publishedKey, id: last.id }) : null,
    };
  }

  private rankedPage(matches: TextMatches, filters: SearchFilters, cursor: Cursor | null, limit: number): ResultPage {
    const after = cursor?.kind === 'rank' ? { rank: Number(cursor.rank), id: cursor.id } : null;
    const { items, more } = matches.page(filters, after, limit);
    const last = items.at(-1);
    return {
      items: items.map((c) => c.summary),
      // The float32 rank written as the shortest decimal of its exact value: PostgreSQL reads it back as the same `real`.
      nextCursor: more && last ? encodeCursor({ kind: 'rank', rank: String(last.rank), id: last.id }) : null,
    };
  }

  /** The same page by SQL alone: while the change notices are not heard, memory could hold an old catalogue. */
  private async pageInSql(groups: string[][], filters: SearchFilters, cursor: Cursor | null, limit: number): Promise<ResultPage> {
    const params = new SqlParams();
    const conditions = Object.values(filterConditions(filters, params));
    let sql: string;
    if (groups.length > 0) {
      const tsquery = `catalog_search_query(${params.add(JSON.stringify(groups))}::jsonb)`;
      const after =
        cursor?.kind === 'rank' ? `WHERE (s.rank, s.id) < (${params.add(cursor.rank)}::real, ${params.add(cursor.id)}::uuid)` : '';
      sql = `SELECT * FROM (
               SELECT ${SUMMARY_COLUMNS}, ts_rank(c.search_vector, ${tsquery}) AS rank, ts_rank(c.search_vector, ${tsquery})::text AS rank_text
                 FROM course c
                WHERE c.status = 'published' AND c.search_vector @@ ${tsquery} ${conditions.map((c) => `AND ${c}`).join(' ')}
             ) s ${after}
             ORDER BY s.rank DESC, s.id DESC LIMIT ${params.add(limit + 1)}`;
    } else {
      if (cursor?.kind === 'date') {
        conditions.push(`(c.published_at, c.id) < (${params.add(cursor.publishedAt)}::timestamptz, ${params.add(cursor.id)}::uuid)`);
      }
      sql = `SELECT ${SUMMARY_COLUMNS} FROM course c
              WHERE c.status = 'published' ${conditions.map((c) => `AND ${c}`).join(' ')}
              ORDER BY c.published_at DESC, c.id DESC LIMIT ${params.add(limit + 1)}`;
    }
    const rows: CourseRow[] = await this.dataSource.query(sql, params.values);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    let nextCursor: string | null = null;
    if (rows.length > limit && last) {
      nextCursor =
        groups.length > 0
          ? encodeCursor({ kind: 'rank', rank: last.rank_text!, id: last.id })
          : encodeCursor({ kind: 'date', publishedAt: last.published_key, id: last.id });
    }
    return { items: items.map(toSummary), nextCursor };
  }

  /** The same facets, counted by PostgreSQL in one statement (one grouped branch per dimension). */
  async facetsInSql(groups: string[][], filters: ReturnType<typeof queryFilters>): Promise<{ total: number; facets: CourseFacets }> {
    const params = new SqlParams();
    let base = `c.status = 'published'`;
    if (groups.length > 0) base += ` AND c.search_vector @@ catalog_search_query(${params.add(JSON.stringify(groups))}::jsonb)`;
    const conditions = filterConditions(filters, params);
    const rows: { dimension: FacetDimension | 'total'; value: string | null; count: number }[] = await this.dataSource.query(
      facetsSql(base, conditions),
      params.values,
    );
    const facets: CourseFacets = { audience: [], level: [], kind: [], sector: [], useCase: [], duration: [] };
    const durations = new Map<string, number>();
    let total = 0;
    for (const row of rows) {
      if (row.dimension === 'total') total = row.count;
      else if (row.dimension === 'duration') durations.set(row.value!, row.count);
      else (facets[row.dimension] as { value: string; count: number }[]).push({ value: row.value!, count: row.count });
    }
    for (const dimension of ['audience', 'level', 'kind', 'sector', 'useCase'] as const) {
      facets[dimension].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    }
    facets.duration = DURATION_BUCKETS.map((b) => ({
      value: b.value as DurationBucket,
      min: b.min,
      max: b.max,
      count: durations.get(b.value) ?? 0,
    }));
    return { total, facets };
  }

  /** The latest published version of a course, with its syllabus, its authors and the solutions of its use cases. */
  async bySlug(slug: string): Promise<CourseVersionDetail> {
    return this.versionDetail(slug, null);
  }

  /** Any published version of a course, even after a newer one or an archive: learners keep the version they started. */
  async version(slug: string, versionId: string): Promise<CourseVersionDetail> {
    return this.versionDetail(slug, versionId);
  }

  private async versionDetail(slug: string, versionId: string | null): Promise<CourseVersionDetail> {
    const rows: VersionDetailRow[] = await this.dataSource.query(
      `SELECT c.id, c.slug, c.current_version_id, c.status AS course_status,
              v.id AS version_id, v.number AS version_number, v.kind, v.title, v.summary, v.level, v.duration_minutes,
              v.audiences, v.sectors, v.use_cases, v.language, v.counts_toward_goal, v.published_at,
              coalesce((SELECT json_agg(json_build_object(
                        'id', m.id, 'position', m.position, 'title', m.title,
                        'lessons', coalesce((SELECT json_agg(json_build_object(
                                    'id', l.id, 'position', l.position, 'kind', l.kind, 'title', l.title,
                                    'durationMinutes', l.duration_minutes, 'required', l.required) ORDER BY l.position)
                                  FROM course_lesson l WHERE l.module_id = m.id), '[]'::json)) ORDER BY m.position)
                        FROM course_module m WHERE m.version_id = v.id), '[]'::json) AS modules,
              coalesce((SELECT array_agg(a.display_name ORDER BY a.added_at, a.user_id)
                          FROM course_author a WHERE a.course_id = c.id AND a.display_name IS NOT NULL), '{}') AS authors
         FROM course c
         JOIN course_version v ON v.course_id = c.id AND v.status = 'published'
        WHERE c.slug = $1
          AND ${versionId === null ? `c.status = 'published' AND v.id = c.current_version_id` : `v.id = $2::uuid`}`,
      versionId === null ? [slug] : [slug, versionId],
    );
    const row = rows[0];
    if (!row) {
      throw versionId === null
        ? CatalogError.CourseNotFound([{ field: 'slug', reason: 'no published course has this slug' }])
        : CatalogError.VersionNotFound([{ field: 'versionId', reason: 'no published version of this course has this id' }]);
    }
    const solutions = await this.solutionsFor(row.use_cases);
    return {
      ...toSummary(row),
      versionId: row.version_id,
      versionNumber: row.version_number,
      latest: row.course_status === 'published' && row.current_version_id === row.version_id,
      authors: row.authors,
      modules: row.modules,
      solutions,
    };
  }

  private async solutionsFor(useCases: string[]): Promise<SolutionSummary[]> {
    if (useCases.length === 0) return [];
    const rows: SolutionRow[] = await this.dataSource.query(
      `SELECT ${SOLUTION_COLUMNS} FROM solution s WHERE s.use_cases && $1::text[] ORDER BY s.name, s.id LIMIT ${SOLUTIONS_PER_COURSE}`,
      [useCases],
    );
    return rows.map(toSolution);
  }

  /** A lesson of a published version, as learners see it (no correct answer, no explanation). */
  async lesson(slug: string, versionId: string, lessonId: string): Promise<LessonView> {
    const rows: (LessonRow & { course_id: string })[] = await this.dataSource.query(
      `SELECT l.id, l.version_id, l.module_id, l.position, l.kind, l.title, l.duration_minutes, l.required, l.content,
              l.origin_lesson_id, c.id AS course_id
         FROM course_lesson l
         JOIN course_version v ON v.id = l.version_id AND v.status = 'published'
         JOIN course c ON c.id = v.course_id
        WHERE l.id = $1 AND v.id = $2 AND c.slug = $3`,
      [lessonId, versionId, slug],
    );
    if (!rows[0]) throw CatalogError.LessonNotFound([{ field: 'lessonId', reason: 'no lesson of this published version has this id' }]);
    return toLessonView(rows[0], rows[0].course_id);
  }
}
