import { REGIONS, type KpiBreakdownCell, type KpiCount, type KpiMeasure } from '@academie/contracts';

export interface RankedRegion {
  code: string;
  label: string;
  count: KpiCount;
  completionRate: number | null;
  /** « 1 », « 2 »… (ties share a rank), « non classée » when hidden, « — » without activity. */
  rank: string;
}

/**
 * The 18 regions by `measure`: published non-zero counts ranked from the highest (ties share a rank), then
 * the hidden ones by code, unranked (their place would tell their value), then the regions without activity.
 */
export function rankRegions(cells: KpiBreakdownCell[], measure: KpiMeasure): RankedRegion[] {
  const byCode = new Map(cells.map((cell) => [cell.code, cell]));
  // Sorted by code: JavaScript lists integer-like keys (« 11 ») before the others (« 01 »).
  const rows = Object.entries(REGIONS)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, label]) => {
    const cell = byCode.get(code);
    return { code, label, count: cell?.counts[measure] ?? { value: 0, suppressed: false }, completionRate: cell?.completionRate ?? null };
  });
  const hidden = (row: (typeof rows)[number]) => row.count.suppressed || row.count.value === null;
  const active = rows.filter((row) => !hidden(row) && (row.count.value ?? 0) > 0);
  active.sort((a, b) => (b.count.value ?? 0) - (a.count.value ?? 0) || a.code.localeCompare(b.code));
  let rank = 0;
  let previous: number | null = null;
  const ranked = active.map((row, index) => {
    if (row.count.value !== previous) rank = index + 1;
    previous = row.count.value;
    return { ...row, rank: String(rank) };
  });
  return [
    ...ranked,
    ...rows.filter(hidden).map((row) => ({ ...row, rank: 'non classée' })),
    ...rows.filter((row) => !hidden(row) && row.count.value === 0).map((row) => ({ ...row, rank: '—' })),
  ];
}
