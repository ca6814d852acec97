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
  type KpiMeasure,
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
import { type SuppressionLine, gridLines, oneLine, suppress } from '../suppression/suppression';
import { CellReader, type Measures, type SummedRow, ZERO, dimensionOrder } from './cell-reader';
import { KpiCache } from './kpi-cache';

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
const count = (value: number, hidden: boolean): KpiCount => (hidden ? { value: null, suppressed: true } : { value, suppressed: false });
const primary = (value: number): KpiCount => count(value, value >= 1 && value <= 9);
const rate = (completions: KpiCount, enrollments: KpiCount): number | null =>
  completions.value === null || enrollments.value === null || enrollments.value === 0 ? null : completions.value / enrollments.value;

/** One table per measure: values by key, its lines, and the keys to publish. */
interface Table {
  values: Map<string, Measures>;
  lines: SuppressionLine[];
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
  ) {}

  async breakdown(by: KpiDimension, filters: KpiFilters, range: RangeQuery): Promise<KpiBreakdownResponse> {
    const active = this.checkFilters(filters, by);
    const { from, to } = await this.range(range);
    // The protected table depends on the filter dimensions (and, with two filters, on both values), not on the value of
    // a single filter: breakdowns that share it share its reading and its suppression.
    const tableKey = active.length === 1 ? [active[0][0]] : active;
    const { table, hidden } = await this.cache.get(`table ${JSON.stringify([by, tableKey, from, to])}`, async () => {
      const t = await this.breakdownTable(by, active.length === 1 ? [[active[0][0], '*']] : active, from, to);
      return { table: t, hidden: this.hide(t) };
    });
    const slice = active.map(([, v]) => v);
    const key = (g: string, ...rest: string[]) => [g, ...rest].join('|');
    const codes = [...new Set([...table.values.keys()].filter((k) => k.split('|').slice(1).join('|') === slice.join('|')).map((k) => k.split('|')[0]))]
      .filter((c) => c !== '*' && KPI_MEASURES.some((m) => (table.values.get(key(c, ...slice))?.[m] ?? 0) !== 0))
      .sort((a, b) => (a === UNKNOWN ? 1 : b === UNKNOWN ? -1 : a < b ? -1 : a > b ? 1 : 0));
    const labels = by === 'course' ? await this.cells.courseTitles(codes.filter((c) => c !== UNKNOWN)) : new Map<string, string>();
    const cells: KpiBreakdownCell[] = codes.map((code) => {
      const counts = this.countsOf(table, hidden, key(code, ...slice));
      return {
        code: code === UNKNOWN ? null : code,
        label: by === 'course' ? (labels.get(code) ?? code) : labelOf(by, code),
        counts,
        completionRate: rate(counts.completions, counts.enrollments),
      };
    });
    const total = this.countsOf(table, hidden, key('*', ...slice));
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
    const table: Table = { values, lines: oneLine(months, '*') };
    const hidden = this.hide(table);
    const points: KpiTimeseriesPoint[] = months.map((month) => ({ month, counts: this.countsOf(table, hidden, month) }));
    return { interval: 'month', from, to, filters: Object.fromEntries(active) as KpiFilters, total: this.countsOf(table, hidden, '*'), points, generatedAt: new Date().toISOString() };
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

  /** The table behind a breakdown: 1-D without filter; with filters, the 2-D tables of the group by each filter. */
  private async breakdownTable(by: KpiDimension, active: [KpiDimension, string][], from: string, to: string): Promise<Table> {
    const f = `${from}-01`;
    const t = `${to}-01`;
    const values = new Map<string, Measures>();
    const put = (key: string, m: Measures) => values.set(key, m);
    const sliceDims = active.map(([d]) => d);
    // Key: group code, then the code of each filter dimension in the order of `active` ('*' = all).
    const keyOf = (g: string, codes: Partial<Record<KpiDimension, string>>) => [g, ...sliceDims.map((d) => codes[d] ?? '*')].join('|');
    if (active.length === 0) {
      const rows = await this.cells.sum([by], f, t, {}, [by]);
      for (const r of rows) put(keyOf(r.codes[by] as string, {}), r.measures);
      put(keyOf('*', {}), this.add(await this.cells.sum([], f, t, {}, [])));
      return { values, lines: oneLine(rows.map((r) => keyOf(r.codes[by] as string, {})), keyOf('*', {})) };
    }
    const lines: SuppressionLine[] = [];
    // For each filter dimension d: the table group × d, the other filter (if any) fixed at its value.
    for (const [d] of active) {
      const others = active.filter(([o]) => o !== d);
      const fixed = Object.fromEntries(others) as Partial<Record<KpiDimension, string>>;
      const otherDims = others.map(([o]) => o);
      const [grid, groupMargin, dMargin, grand] = await Promise.all([
        this.cells.sum(dimensionOrder([by, d, ...otherDims]), f, t, fixed, [by, d]),
        this.cells.sum(dimensionOrder([by, ...otherDims]), f, t, fixed, [by]),
        this.cells.sum(dimensionOrder([d, ...otherDims]), f, t, fixed, [d]),
        this.cells.sum(dimensionOrder(otherDims), f, t, fixed, []),
      ]);
      const codes = (rows: SummedRow[], dim: KpiDimension) => [...new Set(rows.map((r) => r.codes[dim] as string))].sort();
      const rowsG = codes([...grid, ...groupMargin], by);
      const colsD = codes([...grid, ...dMargin], d);
      const cell = (g: string, dc: string) => keyOf(g, { ...fixed, [d]: dc });
      for (const r of grid) put(cell(r.codes[by] as string, r.codes[d] as string), r.measures);
      for (const r of groupMargin) put(cell(r.codes[by] as string, '*'), r.measures);
      for (const r of dMargin) put(cell('*', r.codes[d] as string), r.measures);
      put(cell('*', '*'), this.add(grand));
      lines.push(...gridLines(rowsG, colsD, cell));
    }
    return { values, lines };
  }

  private hide(table: Table): Record<KpiMeasure, Set<string>> {
    return Object.fromEntries(
      KPI_MEASURES.map((m) => [m, suppress(new Map([...table.values].map(([k, v]) => [k, v[m]])), table.lines)]),
    ) as Record<KpiMeasure, Set<string>>;
  }

  private countsOf(table: Table, hidden: Record<KpiMeasure, Set<string>>, key: string): KpiCounts {
    const values = table.values.get(key) ?? ZERO;
    return Object.fromEntries(KPI_MEASURES.map((m) => [m, count(values[m], hidden[m].has(key) || (values[m] >= 1 && values[m] <= 9))])) as KpiCounts;
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
    const start = from ?? (await this.cells.firstMonth()) ?? end;
    if (start > end) throw ReportingError.InvalidQuery([{ field: 'from', reason: 'must not be after to' }]);
    if (monthsBetween(start, end).length > 240) throw ReportingError.InvalidQuery([{ field: 'from', reason: 'the range must not exceed 240 months' }]);
    return { from: start, to: end };
  }
}
