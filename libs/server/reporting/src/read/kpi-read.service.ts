import { Injectable } from '@nestjs/common';
import {
  ENTERPRISE_COUNTS,
  type KpiBreakdownCell,
  type KpiBreakdownResponse,
  type KpiCompaniesReached,
  type KpiCount,
  type KpiCounts,
  type KpiDimension,
  type KpiExportResponse,
  type KpiFilters,
  type KpiOverviewResponse,
  type KpiTimeseriesPoint,
  type KpiTimeseriesResponse,
  KPI_COMPANY_CATEGORIES,
  KPI_DIMENSIONS,
  KPI_MAX_FILTERS,
  KPI_MEASURES,
  PLAN_TARGETS,
} from '@academie/contracts';
import { AppConfig } from '@academie/server-core';
import { UNKNOWN, labelOf, parisMonth } from '../dims';
import { ReportingError } from '../reporting.errors';
import { type IndexedLine, type SuppressionLine, oneLine, prepareLines, suppress, suppressIndexed } from '../suppression/suppression';
import { CellReader, type Measures, type SummedRow, ZERO, dimensionOrder } from './cell-reader';
import { KpiCache } from './kpi-cache';
import { RollupSlices, sumRange } from './rollup-slices';

export interface RangeQuery {
  from?: string;
  to?: string;
}

const LICENCE = { name: 'Licence Ouverte 2.0' as const, url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/' };
const addMonths = (month: string, n: number): string => {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};
const monthsBetween = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let m = from; m <= to && out.length < 1200; m = addMonths(m, 1)) out.push(m);
  return out;
};
const monthIndex = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
const count = (value: number, hidden: boolean): KpiCount => (hidden ? { value: null, suppressed: true } : { value, suppressed: false });
const primary = (value: number): KpiCount => count(value, value >= 1 && value <= 9);
const rate = (completions: KpiCount, enrollments: KpiCount): number | null =>
  completions.value === null || enrollments.value === null || enrollments.value === 0 ? null : completions.value / enrollments.value;

/** The five measures of cell `i` of summed slice values (KPI_MEASURES order). */
const measuresAt = (sums: Float64Array, i: number): Measures => {
  const at = i * KPI_MEASURES.length;
  return { trained: sums[at], certificates: sums[at + 1], enrollments: sums[at + 2], completions: sums[at + 3], newLearners: sums[at + 4] };
};
const accumulate = (into: Measures, m: Measures): Measures => {
  into.trained += m.trained;
  into.certificates += m.certificates;
  into.enrollments += m.enrollments;
  into.completions += m.completions;
  into.newLearners += m.newLearners;
  return m;
};

/**
 * A published table, for all five measures: cells numbered 0..size-1, cell i's measures at `values[i * 5 + k]`, its
 * lines numbered alike (docs/kpi.md: what adds up to what). A cell's key (`group|filter codes`, `*` for all) is built
 * only when asked: to break a tie in the suppression, or by a time series.
 */
class Table {
  size = 0;
  private readonly amounts: number[] = [];
  readonly lines: IndexedLine[] = [];
  private readonly names: string[] = [];
  /** The codes of the dimension grouped by (a breakdown's table). */
  groups: string[] = [];
  /** The cell of a group code (`*`: the total) in the answer asked for; undefined: no such cell (0). */
  find: (group: string) => number | undefined = () => undefined;

  constructor(private readonly nameOf: (i: number) => string) {}

  /** Adds a cell and gives its number. */
  add(m: Measures): number {
    this.amounts.push(m.trained, m.certificates, m.enrollments, m.completions, m.newLearners);
    return this.size++;
  }

  key(i: number): string {
    return (this.names[i] ??= this.nameOf(i));
  }

  static fromMap(values: Map<string, Measures>, lines: SuppressionLine[]): Table {
    const keys: string[] = [];
    const table = new Table((i) => keys[i]);
    const index = new Map<string, number>();
    const at = (key: string, m: Measures = ZERO) => {
      let i = index.get(key);
      if (i === undefined) {
        index.set(key, (i = table.add(m)));
        keys.push(key);
      }
      return i;
    };
    for (const [key, m] of values) at(key, m);
    for (const line of lines) table.lines.push({ cells: line.cells.map((c) => at(c)), total: at(line.total) });
    table.find = (key) => index.get(key);
    return table;
  }

  value(i: number, k: number): number {
    return this.amounts[i * KPI_MEASURES.length + k];
  }

  /** The cells hidden, per measure (KPI_MEASURES order): primary and secondary secrecy. */
  protect(): Uint8Array[] {
    const prepared = prepareLines(this.size, this.lines);
    const n = KPI_MEASURES.length;
    const keyOf = (i: number) => this.key(i);
    return KPI_MEASURES.map((_, k) => {
      const values = new Float64Array(this.size);
      for (let i = 0; i < this.size; i++) values[i] = this.amounts[i * n + k];
      return suppressIndexed(prepared, keyOf, values);
    });
  }
}

/**
 * The ministry's KPIs, read from the rollups only (`kpi_cell`, `kpi_company_month`, `kpi_activity_day`, `kpi_course`),
 * every count passed through the statistical secret (docs/kpi.md).
 */
@Injectable()
export class KpiReadService {
  constructor(
    private readonly cells: CellReader,
    private readonly config: AppConfig,
    private readonly cache: KpiCache,
    private readonly slices: RollupSlices,
  ) {}

  async breakdown(by: KpiDimension, filters: KpiFilters, range: RangeQuery): Promise<KpiBreakdownResponse> {
    const active = this.checkFilters(filters, by);
    const { from, to } = await this.range(range);
    // The protected table depends on the filter dimensions (and, with two filters, on both values), not on the value of
    // a single filter: it is summed from the rollup slices in memory and protected on each request (a millisecond or
    // two for the largest, 50 courses × 18 regions), the answer kept by the controller's cache.
    const table = await this.breakdownTable(by, active, from, to);
    const hidden = table.protect();
    const codes = table.groups
      .filter((c) => {
        const i = table.find(c);
        return i !== undefined && KPI_MEASURES.some((_, k) => table.value(i, k) !== 0);
      })
      .sort((a, b) => (a === UNKNOWN ? 1 : b === UNKNOWN ? -1 : a < b ? -1 : a > b ? 1 : 0));
    const labels = by === 'course' ? await this.cache.get('course titles', () => this.cells.courseTitles()) : new Map<string, string>();
    const cells: KpiBreakdownCell[] = codes.map((code) => {
      const counts = this.countsOf(table, hidden, table.find(code));
      return {
        code: code === UNKNOWN ? null : code,
        label: by === 'course' ? (labels.get(code) ?? code) : labelOf(by, code),
        counts,
        completionRate: rate(counts.completions, counts.enrollments),
      };
    });
    const total = this.countsOf(table, hidden, table.find('*'));
    return {
      by,
      from,
      to,
      filters: Object.fromEntries(active) as KpiFilters,
      total,
      totalCompletionRate: rate(total.completions, total.enrollments),
      cells,
      generatedAt: new Date().toISOString(),
    };
  }

  async timeseries(filters: KpiFilters, range: RangeQuery): Promise<KpiTimeseriesResponse> {
    const active = this.checkFilters(filters);
    const { from, to } = await this.range(range);
    const dims = dimensionOrder(active.map(([d]) => d));
    const rows = await this.cells.sum(dims, `${from}-01`, `${to}-01`, Object.fromEntries(active), ['month']);
    const months = monthsBetween(from, to);
    const values = new Map<string, Measures>(months.map((m) => [m, { ...ZERO }]));
    for (const row of rows) values.set(row.codes.month as string, row.measures);
    values.set('*', this.add(rows));
    const table = Table.fromMap(values, oneLine(months, '*'));
    const hidden = table.protect();
    const points: KpiTimeseriesPoint[] = months.map((month) => ({ month, counts: this.countsOf(table, hidden, table.find(month)) }));
    return { interval: 'month', from, to, filters: Object.fromEntries(active) as KpiFilters, total: this.countsOf(table, hidden, table.find('*')), points, generatedAt: new Date().toISOString() };
  }

  async overview(now = new Date()): Promise<KpiOverviewResponse> {
    const currentMonth = parisMonth(now).slice(0, 7);
    const first = (await this.cells.firstMonth()) ?? currentMonth;
    const national = await this.cells.sum([], `${first}-01`, `${currentMonth}-01`, {}, ['month']);
    const months = monthsBetween(first, currentMonth);
    const trainedByMonth = new Map<string, number>(months.map((m) => [m, 0]));
    for (const row of national) trainedByMonth.set(row.codes.month as string, row.measures.trained);
    const totals = this.add(national);
    // The monthly series as the time series publishes it: a cumulative figure is shown only while every month up to it is.
    const monthly = new Map<string, number>([...trainedByMonth, ['*', totals.trained]]);
    const hiddenMonths = suppress(monthly, oneLine(months, '*'));
    const goal = PLAN_TARGETS.trained_professionals_by_2030;
    const deadline = PLAN_TARGETS.deadline;
    const lastMonth = deadline.slice(0, 7);
    const span = monthsBetween(first, lastMonth).length;
    let cumulative = 0;
    let revealed = true;
    const trajectory = monthsBetween(first, lastMonth).map((month, i) => {
      const target = Math.round((goal * (i + 1)) / span);
      if (month > currentMonth) return { month, target, actual: null };
      cumulative += trainedByMonth.get(month) ?? 0;
      revealed = revealed && !hiddenMonths.has(month);
      return { month, target, actual: revealed ? primary(cumulative) : { value: null, suppressed: true } };
    });

    const complete = months.filter((m) => m < currentMonth).slice(-3);
    const recent = complete.reduce((s, m) => s + (trainedByMonth.get(m) ?? 0), 0);
    const recentShown = complete.length > 0 && !(recent >= 1 && recent <= 9);
    const monthlyTrained = recentShown ? recent / complete.length : null;
    let goalReachedOn: string | null = null;
    if (monthlyTrained && monthlyTrained > 0) {
      const remaining = Math.max(0, goal - totals.trained);
      const monthsNeeded = remaining / monthlyTrained;
      const date = new Date(now.getTime() + monthsNeeded * 30.436875 * 86_400_000);
      goalReachedOn = Number.isFinite(date.getTime()) && date.getUTCFullYear() < 10_000 ? date.toISOString().slice(0, 10) : null;
    }

    const year = Number(currentMonth.slice(0, 4));
    const [apprentices] = await this.cells.sum(['audience'], `${year}-01-01`, `${year}-12-01`, { audience: 'apprenti' }, []);
    const apprenticesTrained = primary(apprentices?.measures.trained ?? 0);
    const trained = primary(totals.trained);
    const enrollments = primary(totals.enrollments);
    const completions = primary(totals.completions);
    return {
      generatedAt: now.toISOString(),
      trained: { total: trained, goal, deadline, shareOfGoal: trained.value === null ? null : trained.value / goal },
      trajectory,
      runRate: {
        monthlyTrained,
        monthsUsed: complete,
        goalReachedOn,
        onTrack: goalReachedOn === null ? null : goalReachedOn <= deadline,
      },
      apprentices: {
        year,
        trained: apprenticesTrained,
        goal: PLAN_TARGETS.apprentices_per_year,
        shareOfGoal: apprenticesTrained.value === null ? null : apprenticesTrained.value / PLAN_TARGETS.apprentices_per_year,
      },
      learners: { enrolled: primary(totals.newLearners), active30Days: primary(await this.cells.activeLearners(30)) },
      enrollments,
      completions,
      completionRate: rate(completions, enrollments),
      certificates: primary(totals.certificates),
      companies: await this.companies(),
    };
  }

  async exportAll(range: RangeQuery): Promise<KpiExportResponse> {
    const { from, to } = await this.range(range);
    const breakdowns = {} as Record<KpiDimension, KpiBreakdownCell[]>;
    let total: KpiCounts | undefined;
    for (const by of KPI_DIMENSIONS) {
      const b = await this.breakdown(by, {}, { from, to });
      breakdowns[by] = b.cells;
      total = b.total;
    }
    const series = await this.timeseries({}, { from, to });
    return {
      licence: LICENCE,
      producer: "Académie de l'IA — ministère chargé du numérique",
      generatedAt: new Date().toISOString(),
      from,
      to,
      definitions: 'docs/kpi.md',
      total: total as KpiCounts,
      breakdowns,
      timeseries: series.points,
      companies: await this.companies(),
    };
  }

  /** Companies reached per LME category, beside the plan's 2030 adoption target; the denominator is configurable. */
  async companies(): Promise<KpiCompaniesReached[]> {
    const reached = await this.cells.companiesByCategory();
    const { counts, unit, source } = this.denominators();
    const targets = PLAN_TARGETS.ai_adoption_by_2030;
    return KPI_COMPANY_CATEGORIES.map((category) => {
      const n = primary(reached.get(category) ?? 0);
      const denominator = counts[category];
      const adoptionTarget2030 = targets[category];
      return {
        category,
        reached: n,
        denominator,
        denominatorUnit: unit,
        denominatorSource: source,
        adoptionTarget2030,
        shareReached: n.value === null ? null : n.value / denominator,
        progressTowardTarget: n.value === null ? null : n.value / (adoptionTarget2030 * denominator),
      };
    });
  }

  private denominators(): { counts: Record<(typeof KPI_COMPANY_CATEGORIES)[number], number>; unit: 'enterprises' | 'legal_units'; source: string } {
    const configured = this.config.KPI_ENTERPRISE_COUNTS;
    if (configured) {
      const counts = Object.fromEntries(configured.split(',').map((pair) => pair.split('=')).map(([k, v]) => [k.trim(), Number(v)]));
      return { counts: counts as Record<(typeof KPI_COMPANY_CATEGORIES)[number], number>, unit: this.config.KPI_ENTERPRISE_COUNT_UNIT, source: 'KPI_ENTERPRISE_COUNTS' };
    }
    return {
      counts: { TPE: ENTERPRISE_COUNTS.MIC, PME: ENTERPRISE_COUNTS.PME_hors_MIC, ETI: ENTERPRISE_COUNTS.ETI, GE: ENTERPRISE_COUNTS.GE },
      unit: 'enterprises',
      source: ENTERPRISE_COUNTS.source,
    };
  }

  /**
   * The table behind a breakdown: 1-D without filter; with filters, the 2-D tables of the group by each filter (the
   * other filter, if any, fixed at its value), with their margins. Summed over the range from the rollup slices kept
   * in memory (RollupSlices): the margins are the sums of the cells, as every fact is counted under a code of every
   * dimension (`?` when unknown).
   */
  private async breakdownTable(by: KpiDimension, active: [KpiDimension, string][], from: string, to: string): Promise<Table> {
    if (active.length === 0) {
      const slice = await this.slices.get({ row: by });
      const { rows } = slice;
      const table = new Table((i) => (i < rows.length ? rows[i] : '*'));
      const sums = sumRange(slice, from, to);
      const total = { ...ZERO };
      const cells = rows.map((_, r) => table.add(accumulate(total, measuresAt(sums, r))));
      const all = table.add(total);
      table.lines.push({ cells, total: all });
      const rowIndex = new Map(rows.map((g, r) => [g, r]));
      table.groups = rows;
      table.find = (g) => (g === '*' ? all : rowIndex.get(g));
      return table;
    }
    const slices = await Promise.all(active.map(([d]) => this.slices.get({ row: by, col: d, fixed: active.find(([o]) => o !== d) })));
    // Each cell's grid, row and column (-1: the margin, `*`), for its key: group code, then the code of each filter
    // dimension in the order of `active` ('*' = all).
    const gridOf: number[] = [];
    const rowOf: number[] = [];
    const colOf: number[] = [];
    const table = new Table((i) => {
      const [d] = active[gridOf[i]];
      const { rows, cols } = slices[gridOf[i]];
      const g = rowOf[i] < 0 ? '*' : rows[rowOf[i]];
      const dc = colOf[i] < 0 ? '*' : cols[colOf[i]];
      return [g, ...active.map(([o, v]) => (o === d ? dc : v))].join('|');
    });
    const place = (grid: number, r: number, c: number, m: Measures, shared?: number): number => {
      if (shared !== undefined) return shared;
      gridOf.push(grid);
      rowOf.push(r);
      colOf.push(c);
      return table.add(m);
    };
    type Grid = { rows: string[]; rowIndex: Map<string, number>; colIndex: Map<string, number>; inner: number[][]; colTotal: number[] };
    let grids0: Grid | undefined;
    // For each filter dimension d: the table group × d, the other filter (if any) fixed at its value, with its margins.
    // With two filters the two tables share the cells of both values (`g|v1|v2`) and their column total (`*|v1|v2`).
    const grids = active.map(([d], i) => {
      const { rows, cols } = slices[i];
      const sums = sumRange(slices[i], from, to);
      const rowIndex = new Map(rows.map((g, r) => [g, r]));
      const colIndex = new Map(cols.map((c, j) => [c, j]));
      const rowTotals = rows.map(() => ({ ...ZERO }));
      const colTotals = cols.map(() => ({ ...ZERO }));
      const grand = { ...ZERO };
      const other = active.find(([o]) => o !== d);
      const first = i === 1 ? grids0 : undefined;
      // In the second table, its column of the first table's value (other[1]) is the first table's column of this one's.
      const sharedColumn = first && other ? colIndex.get(active[1][1]) : undefined;
      const firstColumn = first && other ? first.colIndex.get(other[1]) : undefined;
      const inner = rows.map((g, r) =>
        cols.map((_, c) => {
          const m = measuresAt(sums, r * cols.length + c);
          accumulate(rowTotals[r], m);
          accumulate(colTotals[c], m);
          accumulate(grand, m);
          const firstRow = c === sharedColumn && firstColumn !== undefined ? first?.rowIndex.get(g) : undefined;
          return place(i, r, c, m, firstRow === undefined ? undefined : first?.inner[firstRow as number][firstColumn as number]);
        }),
      );
      const rowTotal = rows.map((_, r) => place(i, r, -1, rowTotals[r]));
      const colTotal = cols.map((_, c) => place(i, -1, c, colTotals[c], c === sharedColumn && firstColumn !== undefined ? first?.colTotal[firstColumn] : undefined));
      const all = place(i, -1, -1, grand);
      // The lines of a grid with margins (suppression's gridLines): each row, each column, and the two margins.
      rows.forEach((_, r) => table.lines.push({ cells: inner[r], total: rowTotal[r] }));
      cols.forEach((_, c) => table.lines.push({ cells: inner.map((row) => row[c]), total: colTotal[c] }));
      table.lines.push({ cells: rowTotal, total: all }, { cells: colTotal, total: all });
      const grid: Grid = { rows, rowIndex, colIndex, inner, colTotal };
      if (i === 0) grids0 = grid;
      return grid;
    });
    table.groups = [...new Set(grids.flatMap((g) => g.rows))];
    // The answer: with one filter, the column of its value; with two, the cell of both values (in either table).
    const values = active.map(([, v]) => v);
    const pick = (grid: Grid, column: string, g: string): number | undefined => {
      const c = grid.colIndex.get(column);
      if (c === undefined) return undefined;
      if (g === '*') return grid.colTotal[c];
      const r = grid.rowIndex.get(g);
      return r === undefined ? undefined : grid.inner[r][c];
    };
    table.find = (g) => pick(grids[0], values[0], g) ?? (grids.length > 1 ? pick(grids[1], values[1], g) : undefined);
    return table;
  }

  private countsOf(table: Table, hidden: Uint8Array[], i: number | undefined): KpiCounts {
    return Object.fromEntries(
      KPI_MEASURES.map((m, k) => {
        const value = i === undefined ? 0 : table.value(i, k);
        return [m, count(value, (i !== undefined && hidden[k][i] === 1) || (value >= 1 && value <= 9))];
      }),
    ) as KpiCounts;
  }

  private add(rows: SummedRow[]): Measures {
    const out = { ...ZERO };
    for (const r of rows) for (const m of KPI_MEASURES) out[m] += r.measures[m];
    return out;
  }

  /** The filters given, at most two and never the dimension grouped by (400 naming the field otherwise). */
  private checkFilters(filters: KpiFilters, by?: KpiDimension): [KpiDimension, string][] {
    const active = KPI_DIMENSIONS.filter((d) => filters[d] !== undefined).map((d) => [d, String(filters[d])] as [KpiDimension, string]);
    if (by && filters[by] !== undefined) {
      throw ReportingError.InvalidQuery([{ field: by, reason: `cannot filter on the dimension grouped by (by=${by})` }]);
    }
    if (active.length > KPI_MAX_FILTERS) {
      throw ReportingError.InvalidQuery([{ field: active[KPI_MAX_FILTERS][0], reason: `at most ${KPI_MAX_FILTERS} filters` }]);
    }
    return active;
  }

  private async range({ from, to }: RangeQuery): Promise<{ from: string; to: string }> {
    const current = parisMonth(new Date()).slice(0, 7);
    const end = to ?? current;
    const start = from ?? (await this.cache.get('first month', () => this.cells.firstMonth())) ?? end;
    if (start > end) throw ReportingError.InvalidQuery([{ field: 'from', reason: 'must not be after to' }]);
    if (monthIndex(end) - monthIndex(start) + 1 > 240) throw ReportingError.InvalidQuery([{ field: 'from', reason: 'the range must not exceed 240 months' }]);
    return { from: start, to: end };
  }
}
