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

/**
 * Statistical disclosure control of one table (one measure).
 *
 * Primary: every count from 1 to 9 is hidden. Secondary, until no line changes: in a line whose total is shown, when
 * its hidden cells add up to 1-9, or when a single non-zero cell is hidden (its value would be the total minus the
 * others), the smallest non-zero shown cell of that line is hidden too (ties: the smallest key); when no such cell is
 * left, the line's total is hidden. Every line then shows a total minus its shown cells of 0 or at least 10, and no
 * hidden cell is the only unknown of a line. Cells absent from `values` count 0. Deterministic: same input, same output.
 *
 * Incremental: each line keeps the count and sum of its hidden cells and its candidates sorted once by (value, key);
 * hiding a cell re-examines only the lines that hold it (or whose total it is).
 */
export function suppress(values: ReadonlyMap<string, number>, lines: readonly SuppressionLine[]): Set<string> {
  const hidden = new Set<string>();
  const valueOf = (key: string) => values.get(key) ?? 0;
  const state = lines.map((line) => ({
    line,
    count: 0,
    sum: 0,
    candidates: line.cells.filter((c) => valueOf(c) > 0).sort((a, b) => valueOf(a) - valueOf(b) || (a < b ? -1 : a > b ? 1 : 0)),
    next: 0,
  }));
  const linesOf = new Map<string, number[]>();
  const link = (key: string, i: number) => {
    const list = linesOf.get(key);
    if (list) list.push(i);
    else linesOf.set(key, [i]);
  };
  state.forEach((st, i) => {
    for (const cell of st.line.cells) link(cell, i);
    link(`total:${st.line.total}`, i);
  });
  const queue: number[] = [];
  const queued = new Set<number>();
  const enqueue = (i: number) => {
    if (!queued.has(i)) {
      queued.add(i);
      queue.push(i);
    }
  };
  const hide = (key: string) => {
    if (hidden.has(key)) return;
    hidden.add(key);
    for (const i of linesOf.get(key) ?? []) {
      state[i].count++;
      state[i].sum += valueOf(key);
      enqueue(i);
    }
    for (const i of linesOf.get(`total:${key}`) ?? []) enqueue(i);
  };
  for (const [key, value] of values) if (isSmall(value)) hide(key);
  state.forEach((_, i) => enqueue(i));
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head];
    queued.delete(i);
    const st = state[i];
    while (!hidden.has(st.line.total) && (isSmall(st.sum) || (st.count === 1 && st.sum > 0))) {
      while (st.next < st.candidates.length && hidden.has(st.candidates[st.next])) st.next++;
      hide(st.next < st.candidates.length ? st.candidates[st.next] : st.line.total);
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
