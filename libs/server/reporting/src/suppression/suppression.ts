import { KPI_SUPPRESSION_THRESHOLD } from '@academie/contracts';

/**
 * A published table as lines: each line is cells that add up to a total (`cells` and `total` are keys of the
 * values). A one-dimensional breakdown is one line; a two-dimensional table has a line per row, one per column, and
 * the lines of its margins. One cell may be in several lines (a cell of a 2-D table is in its row and its column).
 */
export interface SuppressionLine {
  cells: string[];
  total: string;
}

const isSmall = (value: number): boolean => value >= 1 && value < KPI_SUPPRESSION_THRESHOLD;

/** A line is unsafe while its total is shown and its hidden cells add up to 1-9, or one hidden non-zero cell stands alone. */
function unsafe(line: SuppressionLine, values: ReadonlyMap<string, number>, hidden: ReadonlySet<string>): boolean {
  if (hidden.has(line.total)) return false;
  let count = 0;
  let sum = 0;
  for (const cell of line.cells) {
    if (!hidden.has(cell)) continue;
    count++;
    sum += values.get(cell) ?? 0;
  }
  return isSmall(sum) || (count === 1 && sum > 0);
}

/**
 * Statistical disclosure control of one table (one measure).
 *
 * Primary: every count from 1 to 9 is hidden. Secondary, until no line changes: in a line whose total is shown, when
 * its hidden cells add up to 1-9, or when a single non-zero cell is hidden (its value would be the total minus the
 * others), the smallest non-zero shown cell of that line is hidden too (ties: the smallest key); when no such cell is
 * left, the line's total is hidden. Every line then shows a total minus its shown cells of 0 or at least 10, and no
 * hidden cell is the only unknown of a line. Cells absent from `values` count 0. Deterministic: same input, same output.
 */
export function suppress(values: ReadonlyMap<string, number>, lines: readonly SuppressionLine[]): Set<string> {
  const hidden = new Set<string>();
  for (const [key, value] of values) if (isSmall(value)) hidden.add(key);
  const valueOf = (key: string) => values.get(key) ?? 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      while (unsafe(line, values, hidden)) {
        let best: string | undefined;
        for (const cell of line.cells) {
          if (hidden.has(cell) || valueOf(cell) <= 0) continue;
          if (best === undefined || valueOf(cell) < valueOf(best) || (valueOf(cell) === valueOf(best) && cell < best)) best = cell;
        }
        hidden.add(best ?? line.total);
        changed = true;
      }
    }
  }
  return hidden;
}

/** Lines of a one-dimensional breakdown: its cells and its total. */
export const oneLine = (cells: string[], total: string): SuppressionLine[] => [{ cells, total }];

/**
 * Lines of a two-dimensional table with margins: cell keys are `cellKey(r, c)`, row totals `cellKey(r, '*')`, column
 * totals `cellKey('*', c)`, grand total `cellKey('*', '*')`.
 */
export function gridLines(rows: string[], columns: string[], cellKey: (row: string, column: string) => string): SuppressionLine[] {
  const lines: SuppressionLine[] = [];
  for (const r of rows) lines.push({ cells: columns.map((c) => cellKey(r, c)), total: cellKey(r, '*') });
  for (const c of columns) lines.push({ cells: rows.map((r) => cellKey(r, c)), total: cellKey('*', c) });
  lines.push({ cells: rows.map((r) => cellKey(r, '*')), total: cellKey('*', '*') });
  lines.push({ cells: columns.map((c) => cellKey('*', c)), total: cellKey('*', '*') });
  return lines;
}
