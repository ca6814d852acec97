// The ministry's KPI routes (docs/kpi-api.md): overview, breakdowns, monthly series and the CSV export.
// The CSV is fetched with the session's bearer token (kept in memory, never in a cookie the page can read),
// then handed to the browser as a blob download.
import type {
  ErrorBody,
  KpiBreakdownResponse,
  KpiDimension,
  KpiFilters,
  KpiMonth,
  KpiOverviewResponse,
  KpiTimeseriesResponse,
} from '@academie/contracts';
import { API_BASE_PATH, ApiError, isErrorBody, refreshSession } from './api-client';
import { getAccessToken } from './session-store';
import { useApiQuery, type QueryState } from './use-api-query';

/** The months and filters of a dashboard view; each absent key is left to the API's default. */
export interface KpiViewQuery extends KpiFilters {
  from?: KpiMonth;
  to?: KpiMonth;
}

const QUERY_KEYS = ['from', 'to', 'audience', 'region', 'sector', 'companySize', 'course'] as const;

/** `?from=…&to=…&audience=…` in a stable order, without empty values (`''` when nothing is set). */
export function kpiQueryString(query: KpiViewQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  for (const key of QUERY_KEYS) {
    const value = query[key];
    if (value !== undefined && value !== '') params.set(key, value);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export const KPI_OVERVIEW_PATH = '/kpi/overview';

export function kpiBreakdownPath(by: KpiDimension, query: KpiViewQuery = {}): string {
  return `/kpi/breakdown${kpiQueryString(query, { by })}`;
}

export function kpiTimeseriesPath(query: KpiViewQuery = {}): string {
  return `/kpi/timeseries${kpiQueryString(query, { interval: 'month' })}`;
}

export function kpiExportCsvPath(query: Pick<KpiViewQuery, 'from' | 'to'> = {}): string {
  return `/kpi/export.csv${kpiQueryString({ from: query.from, to: query.to })}`;
}

/** Progress toward the plan's goals (no filter: the overview is national and all-time). */
export function useKpiOverview(): QueryState<KpiOverviewResponse> {
  return useApiQuery<KpiOverviewResponse>(KPI_OVERVIEW_PATH);
}

export function useKpiBreakdown(by: KpiDimension, query: KpiViewQuery): QueryState<KpiBreakdownResponse> {
  return useApiQuery<KpiBreakdownResponse>(kpiBreakdownPath(by, query));
}

export function useKpiTimeseries(query: KpiViewQuery): QueryState<KpiTimeseriesResponse> {
  return useApiQuery<KpiTimeseriesResponse>(kpiTimeseriesPath(query));
}

export const KPI_CSV_FILE_NAME = 'academie-ia-indicateurs.csv';

/** The file name of a `Content-Disposition` header, or `fallback`. */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (header === null) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1] !== undefined) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || fallback;
}

async function fetchCsv(path: string, accessToken: string | null): Promise<Response> {
  const headers = new Headers({ Accept: 'text/csv' });
  if (accessToken !== null) headers.set('Authorization', `Bearer ${accessToken}`);
  try {
    return await fetch(`${API_BASE_PATH}${path}`, { headers, credentials: 'same-origin' });
  } catch {
    const body: ErrorBody = {
      statusCode: 0,
      error: 'Network Error',
      message: 'Le service est injoignable. Vérifiez votre connexion à Internet puis réessayez.',
      details: [],
    };
    throw new ApiError(body);
  }
}

/**
 * Downloads the CSV export of the months `from`–`to` (GET /api/kpi/export.csv with the bearer token, one
 * refresh and retry on a 401) and saves it under the name the API gives. Throws `ApiError` on failure.
 */
export async function downloadKpiCsv(query: Pick<KpiViewQuery, 'from' | 'to'> = {}): Promise<string> {
  const path = kpiExportCsvPath(query);
  let response = await fetchCsv(path, getAccessToken());
  if (response.status === 401) {
    const session = await refreshSession().catch(() => null);
    if (session !== null) response = await fetchCsv(path, session.accessToken);
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    throw new ApiError(
      isErrorBody(body)
        ? body
        : { statusCode: response.status, error: response.statusText || 'Error', message: 'Le fichier n’a pas pu être téléchargé.', details: [] },
    );
  }
  const fileName = fileNameFromDisposition(response.headers.get('content-disposition'), KPI_CSV_FILE_NAME);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.rel = 'noopener';
    link.style.display = 'none';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Give the browser time to start reading the blob before releasing it.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return fileName;
}
