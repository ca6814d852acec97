import { type KpiCounts, type KpiExportResponse, KPI_CSV_COLUMNS, KPI_DIMENSIONS } from '@academie/contracts';

/** RFC 4180 field: quoted when it holds a comma, a quote or a line break. */
const field = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
/** A hidden count is an empty field (whatever the reason it is hidden). */
const n = (count: KpiCounts[keyof KpiCounts]): string => (count.value === null ? '' : String(count.value));

/**
 * The export as CSV (docs/kpi-api.md): UTF-8 with a byte order mark (spreadsheets then read the accents), comma
 * separated, CRLF line ends, one header line with the columns of KPI_CSV_COLUMNS. One line for the total, then one per
 * group of each dimension. Published under the Licence Ouverte 2.0 (stated in the `Link` header and the docs).
 */
export function toCsv(data: KpiExportResponse): string {
  const lines = [KPI_CSV_COLUMNS.join(',')];
  const row = (dimension: string, code: string, label: string, c: KpiCounts) =>
    [dimension, code, label, data.from, data.to, n(c.trained), n(c.certificates), n(c.enrollments), n(c.completions), n(c.newLearners)]
      .map(field)
      .join(',');
  lines.push(row('total', '', 'Ensemble', data.total));
  for (const by of KPI_DIMENSIONS) {
    for (const cell of data.breakdowns[by]) lines.push(row(by, cell.code ?? '', cell.label, cell.counts));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
