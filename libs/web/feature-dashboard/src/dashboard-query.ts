// The dashboard's view as the URL carries it: /tableau-de-bord?du=2026-01&au=2026-03&public=tpe&region=84&mesure=trained
// Unknown or malformed values are dropped, as are filters beyond the API's two.
import {
  AUDIENCE_CODES,
  KPI_MAX_FILTERS,
  KPI_MEASURES,
  NAF_SECTION_CODES,
  REGION_CODES,
  STAFF_BAND_CODES,
  type Audience,
  type KpiDimension,
  type KpiFilters,
  type KpiMeasure,
  type NafSection,
  type RegionCode,
  type StaffBand,
} from '@academie/contracts';

/** The filters offered on the dashboard (the course filter is left to the API and the exports). */
export const DASHBOARD_FILTERS = ['audience', 'region', 'sector', 'companySize'] as const;
export type DashboardFilter = (typeof DASHBOARD_FILTERS)[number];

/** French URL parameter of each part of the view. */
export const URL_PARAMS = {
  from: 'du',
  to: 'au',
  measure: 'mesure',
  audience: 'public',
  region: 'region',
  sector: 'secteur',
  companySize: 'taille',
} as const;

export interface DashboardView {
  from?: string;
  to?: string;
  measure: KpiMeasure;
  filters: Pick<KpiFilters, DashboardFilter>;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const FILTER_CODES: Record<DashboardFilter, readonly string[]> = {
  audience: AUDIENCE_CODES,
  region: REGION_CODES,
  sector: NAF_SECTION_CODES,
  companySize: STAFF_BAND_CODES,
};

export function isMonth(value: string | null | undefined): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

/** Reads the view from the URL's search parameters. */
export function parseDashboardView(params: URLSearchParams): DashboardView {
  let from = params.get(URL_PARAMS.from);
  let to = params.get(URL_PARAMS.to);
  if (!isMonth(from)) from = null;
  if (!isMonth(to)) to = null;
  if (from !== null && to !== null && from > to) [from, to] = [to, from];

  const measureParam = params.get(URL_PARAMS.measure);
  const measure = (KPI_MEASURES as readonly string[]).includes(measureParam ?? '') ? (measureParam as KpiMeasure) : 'trained';

  const filters: DashboardView['filters'] = {};
  let count = 0;
  for (const filter of DASHBOARD_FILTERS) {
    const value = params.get(URL_PARAMS[filter]);
    if (value === null || !FILTER_CODES[filter].includes(value) || count >= KPI_MAX_FILTERS) continue;
    count += 1;
    setFilter(filters, filter, value);
  }
  return { ...(from !== null && { from }), ...(to !== null && { to }), measure, filters };
}

function setFilter(filters: DashboardView['filters'], filter: DashboardFilter, value: string): void {
  switch (filter) {
    case 'audience':
      filters.audience = value as Audience;
      break;
    case 'region':
      filters.region = value as RegionCode;
      break;
    case 'sector':
      filters.sector = value as NafSection;
      break;
    case 'companySize':
      filters.companySize = value as StaffBand;
      break;
  }
}

/** The search parameters of a view (defaults left out, so that the plain URL is the national view). */
export function dashboardSearchParams(view: DashboardView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.from !== undefined) params.set(URL_PARAMS.from, view.from);
  if (view.to !== undefined) params.set(URL_PARAMS.to, view.to);
  for (const filter of DASHBOARD_FILTERS) {
    const value = view.filters[filter];
    if (value !== undefined) params.set(URL_PARAMS[filter], value);
  }
  if (view.measure !== 'trained') params.set(URL_PARAMS.measure, view.measure);
  return params;
}

export function activeFilterCount(view: DashboardView): number {
  return DASHBOARD_FILTERS.filter((filter) => view.filters[filter] !== undefined).length;
}

/**
 * The API query of a breakdown by `by`: the view's months and filters, without a filter on `by` itself
 * (the API refuses it; that breakdown shows every group instead).
 */
export function breakdownQuery(view: DashboardView, by: KpiDimension): KpiFilters & { from?: string; to?: string } {
  const filters: KpiFilters = { ...view.filters };
  delete filters[by as DashboardFilter];
  return { from: view.from, to: view.to, ...filters };
}
