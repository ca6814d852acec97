// The KPI routes answer from rollup slices and answers kept in memory (RollupSlices, KpiCache) until a `kpi_changed`
// notice (the triggers of migration KpiChangeNotice): a breakdown must show a new rollup write within the documented
// delay (KPI_CACHE_SECONDS after the previous read), and nothing is read again while the rollups do not change. The
// API in-process, with its cache on (KPI_CACHE_SECONDS 2) and its real listener; the rollups written by hand.
import 'reflect-metadata';
import type { KpiBreakdownResponse, KpiExportResponse } from '@academie/contracts';
import type { AppConfig } from '@academie/server-core';
import { RollupSlices } from '@academie/server-reporting';
import { createTestDatabase, MemoryLogger, testConfig } from '@academie/server-testing';
import { bootCatalogApi, stopCatalogApi } from '../catalog/catalog-boot';
import type { CatalogKit, TestUser } from '../catalog/catalog-kit';

const CACHE_SECONDS = 2;
let catalog: CatalogKit;
let config: AppConfig;
let ministry: TestUser;

/** What the reporting subscriber adds for one fact, on the rows a breakdown by region (filtered by audience) reads. */
async function count(month: string, region: string, audience: string, trained: number): Promise<void> {
  const rows = [
    [0, '', ''],
    [1, '', audience],
    [2, region, ''],
    [3, region, audience],
  ];
  await catalog.db.query(
    `INSERT INTO kpi_cell AS c (dims, month, audience, region, sector, company_size, course_id, trained, enrollments)
     SELECT d, $1::date, a, r, '', '', '00000000-0000-0000-0000-000000000000', $2, $2
       FROM unnest($3::smallint[], $4::varchar[], $5::varchar[]) AS x (d, r, a)
     ON CONFLICT ON CONSTRAINT pk_kpi_cell DO UPDATE SET trained = c.trained + EXCLUDED.trained, enrollments = c.enrollments + EXCLUDED.enrollments`,
    [month, trained, rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
  );
}

const trainedIn = async (url: string, code: string): Promise<number | null> => {
  const answer = await catalog.call<KpiBreakdownResponse>('GET', url, ministry);
  expect(answer.status).toBe(200);
  return answer.body.cells.find((c) => c.code === code)?.counts.trained.value ?? null;
};

beforeAll(async () => {
  const databaseUrl = await createTestDatabase();
  config = testConfig({ DATABASE_URL: databaseUrl, KPI_CACHE_SECONDS: String(CACHE_SECONDS) });
  catalog = await bootCatalogApi(databaseUrl, config, new MemoryLogger('api'), false);
  ministry = await catalog.user(['ministry']);
  await count('2026-01-01', '84', 'tpe', 25);
  await count('2026-02-01', '84', 'tpe', 30);
  await count('2026-02-01', '11', 'tpe', 40);
  await count('2026-02-01', '11', 'pme', 50);
}, 120_000);

afterAll(() => stopCatalogApi(catalog));

describe('KPI freshness with the cache on', () => {
  it('reads each slice once while nothing changes, and shows a new rollup write within KPI_CACHE_SECONDS', async () => {
    const slices = catalog.app.get(RollupSlices);
    const urls = ['/api/kpi/breakdown?by=region', '/api/kpi/breakdown?by=region&audience=tpe&from=2026-02&to=2026-02'];
    expect(await trainedIn(urls[0], '84')).toBe(55);
    expect(await trainedIn(urls[1], '84')).toBe(30);
    const reads = slices.reads;
    // Past KPI_CACHE_SECONDS without any change: answered again from memory, no slice read.
    await new Promise((resolve) => setTimeout(resolve, (CACHE_SECONDS + 0.5) * 1000));
    expect(await trainedIn(urls[0], '84')).toBe(55);
    expect(await trainedIn(urls[1], '84')).toBe(30);
    expect(slices.reads).toBe(reads);

    // The worst case: a breakdown read (its slice and answer kept) just before the write.
    const readAt = Date.now();
    expect(await trainedIn('/api/kpi/breakdown?by=audience&region=84', 'tpe')).toBe(55);
    await count('2026-02-01', '84', 'tpe', 12);
    const seen: Record<string, number> = {};
    const expected: [string, string, number][] = [
      [urls[0], '84', 67],
      [urls[1], '84', 42],
      ['/api/kpi/breakdown?by=audience&region=84', 'tpe', 67],
    ];
    for (const [url, code, value] of expected) {
      for (;;) {
        if ((await trainedIn(url, code)) === value) break;
        expect(Date.now() - readAt).toBeLessThan((CACHE_SECONDS + 1) * 1000);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      seen[url] = Date.now() - readAt;
    }
    process.stdout.write(`KPI: rollup write → visible in the breakdowns after ${JSON.stringify(seen)} ms (KPI_CACHE_SECONDS ${CACHE_SECONDS})\n`);
    expect(slices.reads).toBeGreaterThan(reads);
    // The other cells are read again with the change, unchanged.
    expect(await trainedIn(urls[0], '11')).toBe(90);
  }, 60_000);
  it('sends export.json as the JSON document it keeps serialized, with its JSON content type and licence link', async () => {
    const response = await catalog.app.getHttpAdapter().getInstance().inject({
      method: 'GET',
      url: '/api/kpi/export.json?from=2026-01&to=2026-02',
      headers: { authorization: `Bearer ${ministry.token}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(String(response.headers.link)).toContain('Licence Ouverte 2.0');
    const body = JSON.parse(response.body) as KpiExportResponse;
    expect({ from: body.from, to: body.to, licence: body.licence.name }).toEqual({ from: '2026-01', to: '2026-02', licence: 'Licence Ouverte 2.0' });
    expect(body.breakdowns.region.find((c) => c.code === '11')?.counts.trained.value).toBe(90);
    expect(body.breakdowns.region.find((c) => c.code === '84')?.counts.trained.value).toBe(67);
  });
});
