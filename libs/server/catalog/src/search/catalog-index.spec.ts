import { AUDIENCE_CODES, COURSE_KINDS, COURSE_LEVELS, NAF_SECTION_CODES, USE_CASE_CODES } from '@academie/contracts';
import fc from 'fast-check';
import type { SearchFilters } from '../course/course-search.sql';
import { CatalogIndex, type CatalogSourceRow } from './catalog-index';
import { FacetColumns, FacetIndex } from './facet-index';
import { TextIndex, parseTsquery } from './text-index';

// A page of text matches ranked on demand (only the matches the filters accept, the best `limit + 1` kept) must be
// the page of the full ranking: every match ranked, sorted by rank then id descending, filtered, after the cursor.

let seed = 11;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
const some = <T,>(list: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(rand() * max) }, () => pick(list)))];
const hex = (n: number) => n.toString(16).padStart(12, '0');
const LEXEMES = ['donne', 'model', 'equip', 'client', 'format', 'projet'];

const rows: CatalogSourceRow[] = Array.from({ length: 240 }, (_, i) => ({
  id: `00000000-0000-4000-8000-${hex(i * 7919 + 13)}`,
  slug: `cours-${i}`,
  kind: pick(COURSE_KINDS),
  title: `Cours ${i}`,
  summary: 'Résumé',
  level: pick(COURSE_LEVELS),
  duration_minutes: 10 + Math.floor(rand() * 300),
  audiences: some(AUDIENCE_CODES, 2),
  sectors: rand() < 0.3 ? [] : some(NAF_SECTION_CODES, 2),
  use_cases: some(USE_CASE_CODES, 2),
  language: 'fr',
  counts_toward_goal: true,
  published_at: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000),
  published_key: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString().replace('Z', '000Z'),
}));
// Few positions from a small vocabulary: many courses share a rank, so ties are broken by id.
const vector = () =>
  LEXEMES.filter(() => rand() < 0.7)
    .map((lexeme) => `'${lexeme}':${some([1, 2, 3, 5, 8, 40], 2).sort((a, b) => a - b).map((p) => `${p}${pick(['A', 'B', 'C', ''])}`).join(',')}`)
    .join(' ');

describe('TextMatches ranked on demand', () => {
  const index = CatalogIndex.build(rows);
  const text = TextIndex.build(index.all.map(() => vector()))!;

  it('gives the pages of the full ranking, for any filters, cursor and limit (property, fixed seed)', () => {
    const queries = [`'donne'`, `'donne' & 'model'`, `'format' | 'client' & 'equip'`, `'projet' <-> 'model'`, `'equip' & 'client' & 'format'`];
    const someOf = <T,>(values: readonly T[]) => fc.option(fc.subarray([...values], { minLength: 1, maxLength: 2 }), { nil: undefined });
    const searches = fc.record({
      query: fc.constantFrom(...queries),
      filters: fc.record({
        audience: someOf(AUDIENCE_CODES),
        level: someOf(COURSE_LEVELS),
        kind: someOf(COURSE_KINDS),
        useCase: someOf(USE_CASE_CODES),
        durationMax: fc.option(fc.integer({ min: 30, max: 300 }), { nil: undefined }),
      }),
      limit: fc.integer({ min: 1, max: 30 }),
      cursorAt: fc.option(fc.nat(), { nil: undefined }),
    });
    let pagesWithMore = 0;
    fc.assert(
      fc.property(searches, ({ query, filters, limit, cursorAt }) => {
        const tsquery = parseTsquery(query)!;
        const rank = text.ranker(tsquery);
        const ordinals = text.match(tsquery);
        const accepts = FacetColumns.of(index.all.map((c) => c.facets)).matcher(filters as SearchFilters);
        const ranked = Array.from(ordinals, (o) => ({ id: index.all[o].id, rank: rank(o), accepted: accepts(o) })).sort(
          (a, b) => b.rank - a.rank || (a.id < b.id ? 1 : -1),
        );
        const cursor = cursorAt === undefined || ranked.length === 0 ? null : ranked[cursorAt % ranked.length];
        const expected = ranked.filter((m) => m.accepted && (cursor === null || m.rank < cursor.rank || (m.rank === cursor.rank && m.id < cursor.id)));
        // A fresh TextMatches each time: its first page is the one ranked on demand.
        const page = index.matchText(text, tsquery).page(filters as SearchFilters, cursor, limit);
        expect(page.items.map((c) => [c.id, c.rank])).toEqual(expected.slice(0, limit).map((m) => [m.id, m.rank]));
        expect(page.more).toBe(expected.length > limit);
        if (page.more) pagesWithMore++;
        // Asked again, the same matches are ranked in full and sorted: the same page.
        const again = index.matchText(text, tsquery);
        again.page({}, null, 1);
        const sorted = again.page(filters as SearchFilters, cursor, limit);
        expect(sorted).toEqual(page);
      }),
      { seed: 20261125, numRuns: 300 },
    );
    expect(pagesWithMore).toBeGreaterThan(20); // pages cut by the limit are well represented
  });

  it('counts the facets of text matches as the facet index counts their entries', () => {
    const tsquery = parseTsquery(`'donne' & 'model'`)!;
    const matches = index.matchText(text, tsquery);
    const filters: SearchFilters = { level: ['avance'], audience: ['tpe', 'pme'] };
    expect(index.count(matches, filters)).toEqual(FacetIndex.countEntries(Array.from(matches.ordinals, (o) => index.all[o].facets), filters));
    expect(index.count(null, filters)).toEqual(index.facets.count(null, filters));
  });

  it('carries a loaded text index over to a rebuilt index of the same published versions only', async () => {
    const first = CatalogIndex.build(rows);
    const vectors = index.all.map((c) => ({ id: c.id, vector: vector() }));
    expect(first.textIndex(async () => vectors)).toBeNull(); // loading: PostgreSQL answers meanwhile
    await first.textIndexLoaded();
    const loaded = first.textIndex(async () => vectors);
    expect(loaded).not.toBeNull();

    const same = CatalogIndex.build([...rows].reverse());
    expect(same.adoptTextIndex(first)).toBe(true);
    expect(same.textIndex(() => Promise.reject(new Error('not loaded again')))).toBe(loaded);

    const republished = CatalogIndex.build(rows.map((r, i) => (i === 7 ? { ...r, published_key: '2027-01-01T00:00:00.000000Z' } : r)));
    expect(republished.adoptTextIndex(first)).toBe(false);
    expect(CatalogIndex.build(rows.slice(1)).adoptTextIndex(first)).toBe(false);
    expect(CatalogIndex.build(rows).adoptTextIndex(CatalogIndex.build(rows))).toBe(false); // nothing loaded to take
  });
});
