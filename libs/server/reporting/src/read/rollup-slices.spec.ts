import { jest } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@academie/server-core';
import { KpiChanges } from './kpi-changes';
import { RollupSlices, type SliceCell, buildSlice as build, sumRange } from './rollup-slices';

type Rec = { r: string; c: string; m: string; v: number[] };
const rec = (r: string, c: string, m: string, ...v: number[]): Rec => ({ r, c, m, v });

/** The cells of `kpi_cell` rows, as the slice's statement groups them. */
function buildSlice(records: Rec[]) {
  const cells = new Map<string, SliceCell>();
  for (const x of records) {
    const key = `${x.r}|${x.c}`;
    const cell = cells.get(key) ?? { r: x.r, c: x.c, series: [] };
    cell.series.push(Number(x.m.slice(0, 4)) * 12 + Number(x.m.slice(5, 7)) - 1, ...x.v);
    cells.set(key, cell);
  }
  return build([...cells.values()]);
}

/** What a month range sums to, straight from the rows: the reference of the prefix sums. */
function naive(records: Rec[], from: string, to: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const x of records) {
    if (x.m < from || x.m > to) continue;
    const key = `${x.r}|${x.c}`;
    const sums = out.get(key) ?? [0, 0, 0, 0, 0];
    x.v.forEach((v, k) => (sums[k] += v));
    out.set(key, sums);
  }
  return out;
}

describe('rollup slices (month prefix sums)', () => {
  it('sums any month range like the rows themselves, months outside the slice counting 0', () => {
    let s = 12345;
    const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const months = ['2024-11', '2024-12', '2025-01', '2025-02', '2025-06', '2026-01'];
    const records: Rec[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const x = rec(`r${Math.floor(rand() * 7)}`, `c${Math.floor(rand() * 5)}`, months[Math.floor(rand() * months.length)], ...[0, 1, 2, 3, 4].map(() => Math.floor(rand() * 30)));
      const key = `${x.r}|${x.c}|${x.m}`;
      if (seen.has(key)) continue; // one kpi_cell row per cell and month
      seen.add(key);
      records.push(x);
    }
    const slice = buildSlice(records);
    expect(slice.first).toBe('2024-11');
    expect(slice.months).toBe(15);
    const ranges: [string, string][] = [
      ['2024-01', '2026-12'],
      ['2024-11', '2024-11'],
      ['2024-12', '2025-02'],
      ['2025-03', '2025-05'],
      ['2025-06', '2030-01'],
      ['2020-01', '2024-10'],
      ['2026-02', '2026-05'],
    ];
    for (const [from, to] of ranges) {
      const sums = sumRange(slice, from, to);
      const expected = naive(records, from, to);
      slice.rows.forEach((r, i) =>
        slice.cols.forEach((c, j) => {
          const got = [...sums.slice((i * slice.cols.length + j) * 5, (i * slice.cols.length + j + 1) * 5)];
          expect({ from, to, cell: `${r}|${c}`, got }).toEqual({ from, to, cell: `${r}|${c}`, got: expected.get(`${r}|${c}`) ?? [0, 0, 0, 0, 0] });
        }),
      );
    }
  });

  it('keeps counts in 32-bit integers, and in 64-bit floats once a sum exceeds them', () => {
    expect(buildSlice([rec('a', '', '2025-01', 1, 2, 3, 4, 5)]).prefix).toBeInstanceOf(Int32Array);
    const big = buildSlice([rec('a', '', '2025-01', 2 ** 31, 0, 0, 0, 0), rec('a', '', '2025-02', 2 ** 31, 0, 0, 0, 0)]);
    expect(big.prefix).toBeInstanceOf(Float64Array);
    expect(sumRange(big, '2025-01', '2025-02')[0]).toBe(2 ** 32);
    const empty = buildSlice([]);
    expect([...sumRange(empty, '2025-01', '2025-02')]).toEqual([]);
  });
});

describe('RollupSlices', () => {
  function setup(seconds: number, megabytes = 64) {
    const config = { KPI_CACHE_SECONDS: seconds, KPI_SLICE_CACHE_MB: megabytes } as AppConfig;
    // The real rule, its notices sent by hand (changed()) as the listener would on `kpi_changed`.
    const changes = new KpiChanges(config, { event: () => undefined } as never);
    changes['listener'].listening = true; // as if the LISTEN connection were up
    let value = 1;
    const queries: unknown[][] = [];
    const dataSource = {
      query: async (sql: string, params: unknown[]) => {
        queries.push(params);
        // A fixed region: a wide slice of 300 × 30 cells (2 × 9,000 × 5 × 4 bytes = 360,000 bytes of prefix sums).
        if (params[1] === undefined) return [{ r: 'a', c: '', series: `2025-01-01 ${value} 2 3 4 5` }];
        return Array.from({ length: 9_000 }, (_, i) => ({ r: `r${Math.floor(i / 30)}`, c: `c${i % 30}`, series: '2025-01-01 1 2 3 4 5' }));
      },
    } as unknown as DataSource;
    const slices = new RollupSlices(dataSource, config, changes);
    return { slices, changes, queries, setValue: (v: number) => (value = v) };
  }
  const trained = async (slices: RollupSlices) => sumRange(await slices.get({ row: 'region' }), '2025-01', '2025-01')[0];

  it('reads a slice once while no change is announced, and again after a notice once KPI_CACHE_SECONDS have passed', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    try {
      const { slices, changes, queries, setValue } = setup(10);
      expect(await Promise.all([trained(slices), trained(slices)])).toEqual([1, 1]);
      setValue(2);
      jest.setSystemTime(1_000_000 + 30_000);
      expect(await trained(slices)).toBe(1); // no notice: still current (the rollups did not change)
      changes.changed();
      expect(await trained(slices)).toBe(2); // a notice, and older than 10 s: read again
      setValue(3);
      changes.changed();
      expect(await trained(slices)).toBe(2); // a notice, but read less than 10 s ago: the documented delay
      jest.setSystemTime(1_000_000 + 40_001);
      expect(await trained(slices)).toBe(3);
      setValue(4);
      jest.setSystemTime(1_000_000 + 40_001 + 60_000);
      expect(await trained(slices)).toBe(4); // the 60 s safety net, notice or not
      expect(queries).toHaveLength(4);
      changes['listener'].listening = false;
      setValue(5);
      jest.setSystemTime(1_000_000 + 40_001 + 60_000 + 10_000);
      expect(await trained(slices)).toBe(5); // no listener: KPI_CACHE_SECONDS alone
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps nothing with KPI_CACHE_SECONDS 0, and stays within its memory budget', async () => {
    const off = setup(0);
    await trained(off.slices);
    await trained(off.slices);
    expect(off.queries).toHaveLength(2);
    expect(off.slices.keptBytes).toBe(0);
    const on = setup(10, 1);
    for (const fixed of ['11', '24', '27', '28']) await on.slices.get({ row: 'audience', col: 'sector', fixed: ['region', fixed] });
    // 4 × 360 kB do not fit in 1 MiB: the least recently used ('11') went out.
    expect(on.slices.keptBytes).toBeGreaterThan(2 * 360_000);
    expect(on.slices.keptBytes).toBeLessThanOrEqual(1024 * 1024);
    await on.slices.get({ row: 'audience', col: 'sector', fixed: ['region', '28'] });
    await on.slices.get({ row: 'audience', col: 'sector', fixed: ['region', '11'] });
    expect(on.queries.map((p) => p[1])).toEqual(['11', '24', '27', '28', '11']);
  });
});
