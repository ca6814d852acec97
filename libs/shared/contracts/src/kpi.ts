// The KPIs of the plan for the ministry (reporting context). Definitions: docs/kpi.md; routes: docs/kpi-api.md.
import type { Audience, NafSection, RegionCode, StaffBand } from './reference';

/** Dimensions a breakdown is grouped by or filtered on. `companySize` is the INSEE staff band of the employer. */
export const KPI_DIMENSIONS = ['audience', 'region', 'sector', 'companySize', 'course'] as const;
export type KpiDimension = (typeof KPI_DIMENSIONS)[number];

/** Counts of a breakdown cell, a series point or a total. */
export const KPI_MEASURES = ['trained', 'certificates', 'enrollments', 'completions', 'newLearners'] as const;
export type KpiMeasure = (typeof KPI_MEASURES)[number];

/** Statistical disclosure control: a count from 1 to this value minus one is never shown. */
export const KPI_SUPPRESSION_THRESHOLD = 10;

/**
 * A count as published: `value` is null and `suppressed` true when the count is from 1 to 9 (primary secret), or
 * when it was hidden so that a hidden count cannot be worked out from the totals (secondary secret). Both look alike.
 */
export interface KpiCount {
  value: number | null;
  suppressed: boolean;
}

export type KpiCounts = Record<KpiMeasure, KpiCount>;

/** Month as `YYYY-MM` (Europe/Paris calendar). */
export type KpiMonth = string;

/** The filters of a breakdown or a time series: at most two, never on the dimension grouped by. */
export interface KpiFilters {
  audience?: Audience;
  region?: RegionCode;
  sector?: NafSection;
  companySize?: StaffBand;
  /** Course id (UUID). */
  course?: string;
}

export const KPI_MAX_FILTERS = 2;

/** Query of `GET /api/kpi/breakdown`. */
export interface KpiBreakdownQuery extends KpiFilters {
  by: KpiDimension;
  /** First month included (`YYYY-MM`); default: the first month with data. */
  from?: KpiMonth;
  /** Last month included (`YYYY-MM`); default: the current month. */
  to?: KpiMonth;
}

/** Query of `GET /api/kpi/timeseries`. */
export interface KpiTimeseriesQuery extends KpiFilters {
  interval?: 'month';
  from?: KpiMonth;
  to?: KpiMonth;
}

/** One group of a breakdown. `code` is null for « non renseigné » (the profile does not say). */
export interface KpiBreakdownCell {
  code: string | null;
  label: string;
  counts: KpiCounts;
  /** completions / enrollments of the cell, from 0 to 1; null when either is hidden or enrollments is 0. */
  completionRate: number | null;
}

export interface KpiBreakdownResponse {
  by: KpiDimension;
  from: KpiMonth;
  to: KpiMonth;
  filters: KpiFilters;
  /** Totals of the filtered population over the months (hidden as the cells are). */
  total: KpiCounts;
  totalCompletionRate: number | null;
  /** Every group with at least one non-zero count, by code (« non renseigné » last): never by value, which would tell about hidden ones. */
  cells: KpiBreakdownCell[];
  generatedAt: string;
}

export interface KpiTimeseriesPoint {
  month: KpiMonth;
  counts: KpiCounts;
}

export interface KpiTimeseriesResponse {
  interval: 'month';
  from: KpiMonth;
  to: KpiMonth;
  filters: KpiFilters;
  total: KpiCounts;
  points: KpiTimeseriesPoint[];
  generatedAt: string;
}

/** The company categories of the LME law (décret 2008-1354), as the plan's adoption targets name them. */
export const KPI_COMPANY_CATEGORIES = ['TPE', 'PME', 'ETI', 'GE'] as const;
export type KpiCompanyCategory = (typeof KPI_COMPANY_CATEGORIES)[number];

/** Companies reached in one category, beside the plan's 2030 adoption target (a proxy: see docs/kpi.md). */
export interface KpiCompaniesReached {
  category: KpiCompanyCategory;
  /** Distinct SIREN with at least one trained person whose company was in this category when trained. */
  reached: KpiCount;
  /** Number of companies of the category in France (configurable, see docs/kpi.md). */
  denominator: number;
  /** What the denominator counts: INSEE « entreprises » (LME) or « unités légales » (SIREN). */
  denominatorUnit: 'enterprises' | 'legal_units';
  denominatorSource: string;
  /** Share of companies the plan wants using AI by 2030 (0.5 for TPE, 0.8 for PME and ETI, 1 for GE). */
  adoptionTarget2030: number;
  /** reached / denominator (null when reached is hidden). */
  shareReached: number | null;
  /** reached / (adoptionTarget2030 × denominator) (null when reached is hidden). */
  progressTowardTarget: number | null;
}

export interface KpiTrajectoryPoint {
  month: KpiMonth;
  /** Cumulative target at the end of the month, on the straight line from the first month to 15 million at the deadline. */
  target: number;
  /** Cumulative trained persons at the end of the month; null for months still to come. */
  actual: KpiCount | null;
}

/** Answer of `GET /api/kpi/overview`. */
export interface KpiOverviewResponse {
  generatedAt: string;
  trained: {
    total: KpiCount;
    goal: number;
    deadline: string;
    /** total / goal (null when total is hidden). */
    shareOfGoal: number | null;
  };
  trajectory: KpiTrajectoryPoint[];
  runRate: {
    /** Average trained persons per month over the last complete months (up to 3). */
    monthlyTrained: number | null;
    monthsUsed: KpiMonth[];
    /** When the goal is reached at this rate (`YYYY-MM-DD`), null when the rate is 0 or hidden. */
    goalReachedOn: string | null;
    /** Whether that date is on or before the deadline. */
    onTrack: boolean | null;
  };
  apprentices: {
    year: number;
    trained: KpiCount;
    goal: number;
    shareOfGoal: number | null;
  };
  learners: {
    /** Persons with at least one enrollment. */
    enrolled: KpiCount;
    /** Persons with an enrollment, a completion or a certificate in the last 30 days. */
    active30Days: KpiCount;
  };
  enrollments: KpiCount;
  completions: KpiCount;
  /** completions / enrollments, all time. */
  completionRate: number | null;
  certificates: KpiCount;
  companies: KpiCompaniesReached[];
}

/** Columns of `GET /api/kpi/export.csv`, in order (docs/kpi-api.md). */
export const KPI_CSV_COLUMNS = [
  'dimension',
  'code',
  'libelle',
  'mois_debut',
  'mois_fin',
  'personnes_formees',
  'certificats',
  'inscriptions',
  'achevements',
  'nouveaux_apprenants',
] as const;

/** Answer of `GET /api/kpi/export.json`: every breakdown without filter over the months, and the monthly series. */
export interface KpiExportResponse {
  licence: { name: 'Licence Ouverte 2.0'; url: string };
  producer: string;
  generatedAt: string;
  from: KpiMonth;
  to: KpiMonth;
  definitions: string;
  total: KpiCounts;
  breakdowns: Record<KpiDimension, KpiBreakdownCell[]>;
  timeseries: KpiTimeseriesPoint[];
  companies: KpiCompaniesReached[];
}

/** One difference found by the reconciliation (`npm run kpi:reconcile`, job `kpi.reconcile`). */
export interface KpiReconciliationDifference {
  /** What was compared: `cell`, `enrollment`, `certificate`, `learner`, `trained_person`, `company`, `activity`. */
  check: string;
  key: string;
  expected: unknown;
  actual: unknown;
}

export interface KpiReconciliationReport {
  runId: string;
  startedAt: string;
  finishedAt: string;
  status: 'ok' | 'differences';
  /** Rows compared per check. */
  checked: Record<string, number>;
  differenceCount: number;
  /** The first differences (at most 100). */
  differences: KpiReconciliationDifference[];
  /** Facts whose outbox event was still on its way to the rollups: left out of both sides. */
  inFlightEvents: number;
}
