import 'reflect-metadata';
import type { CourseSearchQuery, CourseSearchResponse, ErrorBody, SearchSynonymGroup } from '@academie/contracts';
import { AUDIENCE_CODES, COURSE_KINDS, COURSE_LEVELS, NAF_SECTION_CODES, USE_CASE_CODES } from '@academie/contracts';
import { jest } from '@jest/globals';
import fc from 'fast-check';
import { CatalogCache, CourseService } from '@academie/server-catalog';
import { MemoryLogger, createTestDatabase, testConfig } from '@academie/server-testing';
import { bootCatalogApi, stopCatalogApi } from './catalog-boot';
import type { CatalogKit, TestUser } from './catalog-kit';

let kit: CatalogKit;
let trainer: TestUser;
let reviewer: TestUser;
let admin: TestUser;

const search = async (query: string): Promise<CourseSearchResponse> => kit.ok<CourseSearchResponse>('GET', `/api/courses?${query}`, null);

beforeAll(async () => {
  const url = await createTestDatabase();
  kit = await bootCatalogApi(url, testConfig({ DATABASE_URL: url }), new MemoryLogger('api'));
  trainer = await kit.user(['trainer']);
  reviewer = await kit.user(['reviewer']);
  admin = await kit.user(['admin']);
});

afterAll(() => stopCatalogApi(kit));

/**
 * Property: for generated searches (a text among `texts` or none, filters, small pages), the API (in-memory index
 * and text index) answers page after page as SQL alone does: same items, totals, facets, and cursors either path
 * can continue.
 */
async function expectMemoryAsSql(texts: string[], seed: number, numRuns: number): Promise<void> {
  const service = kit.app.get(CourseService);
  expect(kit.app.get(CatalogCache).enabled).toBe(true); // the API answers from memory: the comparison means something
  const some = <T,>(values: readonly T[]) => fc.option(fc.subarray([...values], { minLength: 1, maxLength: Math.min(3, values.length) }), { nil: undefined });
  const queries = fc.record({
    q: fc.option(fc.constantFrom(...texts), { nil: undefined }),
    audience: some(AUDIENCE_CODES),
    level: some(COURSE_LEVELS),
    kind: some(COURSE_KINDS),
    sector: some(NAF_SECTION_CODES),
    useCase: some(USE_CASE_CODES),
    durationMin: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
    durationMax: fc.option(fc.integer({ min: 30, max: 600 }), { nil: undefined }),
    limit: fc.integer({ min: 1, max: 4 }),
  });
  const toParams = (query: CourseSearchQuery, cursor: string | null): string => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, Array.isArray(value) ? value.join(',') : String(value));
    if (cursor) params.set('cursor', cursor);
    return params.toString();
  };
  const ids = (answer: CourseSearchResponse) => answer.items.map((c) => c.id);
  await fc.assert(
    fc.asyncProperty(queries, async (raw) => {
      const query = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as CourseSearchQuery;
      let memoryCursor: string | null = null;
      let sqlCursor: string | null = null;
      for (let page = 0; page < 40; page++) {
        const memory = await search(toParams(query, memoryCursor));
        const sql = await service.searchInSql({ ...query, ...(sqlCursor ? { cursor: sqlCursor } : {}) });
        expect(ids(memory)).toEqual(ids(sql));
        expect({ total: memory.total, facets: memory.facets }).toEqual({ total: sql.total, facets: sql.facets });
        expect(memory.items).toEqual(sql.items);
        expect(memory.nextCursor === null).toBe(sql.nextCursor === null);
        if (memory.nextCursor === null || sql.nextCursor === null) return;
        // Each path continues from the other's cursor to the same next page.
        const crossSql = await service.searchInSql({ ...query, cursor: memory.nextCursor });
        const crossMemory = await search(toParams(query, sql.nextCursor));
        expect(ids(crossMemory)).toEqual(ids(crossSql));
        memoryCursor = memory.nextCursor;
        sqlCursor = sql.nextCursor;
      }
    }),
    { seed, numRuns },
  );
}

describe('French full-text search', () => {
  it('ranks a course titled « IA générative » first for "intelligence artificielle generative" (synonym IA, no accents)', async () => {
    const body = await search(`q=${encodeURIComponent('intelligence artificielle generative')}`);
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items[0].title).toMatch(/IA générative/);
    expect(body.total).toBe(body.items.length);
  });

  it('matches "formations" with "formation" and ignores accents and case', async () => {
    const draft = await kit.draftCourse(trainer, { title: 'Atelier pratique pour les équipes', summary: 'Une formation courte.' });
    await kit.publish(draft.id, trainer, reviewer);
    const plural = await search('q=formations');
    expect(plural.items.map((c) => c.id)).toContain(draft.id);
    const accents = await search(`q=${encodeURIComponent('ÉQUIPES atelier')}`);
    expect(accents.items.map((c) => c.id)).toContain(draft.id);
  });

  it('applies a synonym added through the API to the next search, without a restart', async () => {
    const before = await search(`q=${encodeURIComponent('robot de discussion')}`);
    expect(before.total).toBe(0);
    const created = await kit.call<SearchSynonymGroup>('POST', '/api/admin/search-synonyms', admin, {
      terms: ['Robot de discussion', 'assistant conversationnel'],
    });
    expect(created.status).toBe(201);
    expect(created.body.terms).toEqual(['assistant conversationnel', 'robot de discussion']);
    const after = await search(`q=${encodeURIComponent('robot de discussion')}`);
    expect(after.items.map((c) => c.slug)).toContain('automatiser-relation-client');

    expect((await kit.call('POST', '/api/admin/search-synonyms', admin, { terms: ['assistant conversationnel', 'ROBOT DE DISCUSSION'] })).status).toBe(409);
    expect((await kit.call('DELETE', `/api/admin/search-synonyms/${created.body.id}`, admin)).status).toBe(204);
    expect((await search(`q=${encodeURIComponent('robot de discussion')}`)).total).toBe(0);
  });

  it('pages through ranked results by keyset without duplicates', async () => {
    const all = await search('q=ia&limit=50');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: CourseSearchResponse = await search(`q=ia&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((c) => c.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(all.total);
  });

  it('refuses a browsing cursor in a search', async () => {
    const browse = await search('limit=1');
    const response = await kit.call<ErrorBody>('GET', `/api/courses?q=ia&cursor=${browse.nextCursor}`, null);
    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('cursor');
  });
});

describe('filters and facets', () => {
  it('filters by audience, level, kind, sector, use case and duration, with facet counts excluding their own filter', async () => {
    const everything = await search('limit=50');
    const filtered = await search('level=decouverte&audience=tpe,apprenti&limit=50');
    const expected = everything.items.filter(
      (c) => c.level === 'decouverte' && c.audiences.some((a) => a === 'tpe' || a === 'apprenti'),
    );
    expect(filtered.items.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
    expect(filtered.total).toBe(expected.length);
    // The level facet ignores the level filter: it counts every level among the audience-matching courses.
    const byAudience = everything.items.filter((c) => c.audiences.some((a) => a === 'tpe' || a === 'apprenti'));
    for (const level of ['decouverte', 'intermediaire', 'avance'] as const) {
      const count = byAudience.filter((c) => c.level === level).length;
      expect(filtered.facets.level.find((f) => f.value === level)?.count ?? 0).toBe(count);
    }
    // The audience facet counts courses of the chosen level by audience.
    const tpe = expected.length && everything.items.filter((c) => c.level === 'decouverte' && c.audiences.includes('tpe')).length;
    expect(filtered.facets.audience.find((f) => f.value === 'tpe')?.count).toBe(tpe);

    const tutorials = await search('kind=tutorial&durationMax=29&limit=50');
    expect(tutorials.items.length).toBeGreaterThan(0);
    expect(tutorials.items.every((c) => c.kind === 'tutorial' && c.durationMinutes <= 29)).toBe(true);
    expect(tutorials.facets.duration.map((d) => d.value)).toEqual(['moins_30min', '30min_1h', '1h_2h', '2h_4h', 'plus_4h']);

    const sector = await search('sector=A&useCase=production');
    expect(sector.items.map((c) => c.slug)).toEqual(['ia-agriculture-exploitation']);
  });

  it.each([
    ['no filter', '', {}],
    ['level and audiences', '', { level: ['decouverte' as const], audience: ['tpe' as const, 'apprenti' as const] }],
    ['text, sector and duration', 'ia', { sector: ['G' as const], durationMax: 150 }],
    ['text and use case', 'intelligence artificielle', { useCase: ['marketing' as const], kind: ['course' as const] }],
  ])('counts the same facets in memory as PostgreSQL does (%s)', async (_label, q, filters) => {
    const answer = await search(new URLSearchParams({ ...(q ? { q } : {}), ...Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, String(v)])) }).toString());
    const groups = q ? [['ia', 'intelligence artificielle']] : []; // both texts expand to the IA group
    const inSql = await kit.app.get(CourseService).facetsInSql(groups, filters);
    expect({ total: answer.total, facets: answer.facets }).toEqual(inSql);
  });

  // The in-memory catalogue index answers searches while the change notices are heard, SQL alone otherwise: both
  // must give the same pages in the same order, the same totals and facets, and cursors either one can continue.
  it('answers any search from memory exactly as SQL alone does, page after page (property, fixed seed)', async () => {
    expect(await kit.app.get(CourseService).warmTextIndex()).toBe(true); // texts are matched and ranked in memory
    await expectMemoryAsSql(['ia', 'intelligence artificielle', 'données', 'formation équipe', 'générative', 'client', 'zzzz'], 20261125, 60);
  });

  it('answers a repeated URL with the same bytes and headers without recomputing it, until the catalogue changes', async () => {
    const service = kit.app.get(CourseService);
    const url = `/api/courses?q=${encodeURIComponent('atelier équipes')}&limit=2&level=decouverte`;
    const first = await kit.call('GET', url, null);
    const computed = jest.spyOn(service, 'searchJson');
    try {
      const again = await kit.call('GET', url, null);
      expect(computed).not.toHaveBeenCalled(); // answered before Nest's pipeline
      const headers = (answer: { headers: Record<string, unknown> }) =>
        Object.fromEntries(Object.entries(answer.headers).filter(([name]) => name !== 'x-request-id' && name !== 'date'));
      expect(again.status).toBe(200);
      expect(again.text).toBe(first.text);
      expect(headers(again)).toEqual(headers(first));
      expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(again.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
      // A bad query is never kept: each one is validated and refused.
      for (let i = 0; i < 2; i++) expect((await kit.call('GET', '/api/courses?level=expert', null)).status).toBe(400);
      // A publication announces a change: the same URL is computed afresh and shows the new course.
      const draft = await kit.draftCourse(trainer, { title: 'Atelier des équipes de nuit' });
      await kit.publish(draft.id, trainer, reviewer);
      const after = await kit.call<CourseSearchResponse>('GET', url, null);
      expect(computed).toHaveBeenCalledTimes(1);
      expect(after.body.total).toBe((first.body as CourseSearchResponse).total + 1);
    } finally {
      computed.mockRestore();
    }
  });

  it('shows a newly published course in the next search (the cache follows the catalogue)', async () => {
    const first = await search('q=hydroponie');
    expect(first.total).toBe(0);
    const draft = await kit.draftCourse(trainer, { title: 'Hydroponie et capteurs intelligents' });
    await kit.publish(draft.id, trainer, reviewer);
    expect((await search('q=hydroponie')).items.map((c) => c.id)).toEqual([draft.id]);
  });

  it.each([
    ['audience=martiens', 'audience'],
    ['level=expert', 'level'],
    ['durationMin=abc', 'durationMin'],
    ['sector=Z', 'sector'],
    [`q=${'x'.repeat(201)}`, 'q'],
    ['cursor=pas-un-curseur', 'cursor'],
  ])('answers %s with a 400 naming %s', async (query, field) => {
    const response = await kit.call<ErrorBody>('GET', `/api/courses?${query}`, null);
    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe(field);
  });
});

// Last, as it grows the catalogue: texts of a small vocabulary that match most courses (the worst case for ranking,
// where the in-memory text index ranks only what a page needs), compared with SQL alone page by page.
describe('broad texts matching most of the catalogue', () => {
  const VOCABULARY = 'données modèle équipe client formation projet risque qualité outil décision analyse prévision sécurité'.split(' ');

  beforeAll(async () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const words = (n: number) => Array.from({ length: n }, () => VOCABULARY[Math.floor(rand() * VOCABULARY.length)]).join(' ');
    const audiences = ['tpe', 'pme', 'eti', 'apprenti'];
    for (let i = 0; i < 36; i++) {
      const draft = await kit.draftCourse(
        trainer,
        { title: `Cours ${words(4)} ${i}`, summary: `Un parcours : ${words(15)}.`, kind: i % 4 === 0 ? 'tutorial' : 'course', audiences: [audiences[i % 4]] },
        [{ kind: 'text', title: `Leçon ${words(3)}`, durationMinutes: 10, text: { markdown: `## ${words(4)}\n\n${words(40)}.` } }],
      );
      await kit.publish(draft.id, trainer, reviewer);
    }
  }, 120_000);

  it('matches most courses with one to three of these words', async () => {
    const all = (await search('limit=1')).total;
    const broad = await search(`q=${encodeURIComponent('formation données')}&limit=1`);
    expect(broad.total).toBeGreaterThan(all / 2);
  });

  it('answers them from memory exactly as SQL alone does, page after page (property, fixed seed)', async () => {
    const texts = ['formation', 'données client', 'équipe qualité outil', 'risque', 'décision analyse', 'prévision sécurité projet', 'modèle données équipe'];
    expect(await kit.app.get(CourseService).warmTextIndex()).toBe(true); // texts are matched and ranked in memory
    await expectMemoryAsSql(texts, 20261126, 40);
  }, 120_000);
});
