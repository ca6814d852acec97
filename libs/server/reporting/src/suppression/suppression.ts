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

/** A line over the cells of a table numbered 0..n-1: `cells` add up to `total`. */
export interface IndexedLine {
  cells: readonly number[];
  total: number;
}

/**
 * The lines of a table linked to its cells, built once and used for each measure: the lines holding cell i (once per
 * occurrence) are `cellLines[cellStart[i]..cellStart[i + 1]]`, those whose total it is `totalLines[totalStart[i]..]`.
 */
export interface PreparedLines {
  lines: readonly IndexedLine[];
  size: number;
  cellStart: Int32Array;
  cellLines: Int32Array;
  totalStart: Int32Array;
  totalLines: Int32Array;
}

export function prepareLines(size: number, lines: readonly IndexedLine[]): PreparedLines {
  const cellStart = new Int32Array(size + 1);
  const totalStart = new Int32Array(size + 1);
  for (const line of lines) {
    for (const cell of line.cells) cellStart[cell + 1]++;
    totalStart[line.total + 1]++;
  }
  for (let i = 0; i < size; i++) {
    cellStart[i + 1] += cellStart[i];
    totalStart[i + 1] += totalStart[i];
  }
  const cellLines = new Int32Array(cellStart[size]);
  const totalLines = new Int32Array(totalStart[size]);
  const cellNext = cellStart.slice(0, size);
  const totalNext = totalStart.slice(0, size);
  lines.forEach((line, i) => {
    for (const cell of line.cells) cellLines[cellNext[cell]++] = i;
    totalLines[totalNext[line.total]++] = i;
  });
  return { lines, size, cellStart, cellLines, totalStart, totalLines };
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
  const keys = [...values.keys()];
  const index = new Map(keys.map((k, i) => [k, i]));
  const indexOf = (key: string): number => {
    let i = index.get(key);
    if (i === undefined) {
      i = keys.length;
      keys.push(key);
      index.set(key, i);
    }
    return i;
  };
  const indexed = lines.map((line) => ({ cells: line.cells.map(indexOf), total: indexOf(line.total) }));
  const amounts = keys.map((k) => values.get(k) ?? 0);
  const hidden = suppressIndexed(prepareLines(keys.length, indexed), (i) => keys[i], amounts);
  return new Set(keys.filter((_, i) => hidden[i]));
}

/**
 * The same control on a numbered table: cell i counts `values[i]` and is named `keyOf(i)` (asked only to break a tie
 * between equal candidates); the cells hidden are marked 1. Its primary pass follows the cells' numbers, as `suppress` follows the order of its map.
 * Incremental: each line keeps the count and sum of its hidden cells, and its candidates sorted once by (value, key)
 * when it first needs one; hiding a cell re-examines only the lines that hold it (or whose total it is).
 */
export function suppressIndexed(prepared: PreparedLines, keyOf: (cell: number) => string, values: ArrayLike<number>): Uint8Array {
  const { lines, size, cellStart, cellLines, totalStart, totalLines } = prepared;
  const hidden = new Uint8Array(size);
  const count = new Int32Array(lines.length);
  const sum = new Float64Array(lines.length);
  const next = new Int32Array(lines.length);
  const byValueThenKey = (a: number, b: number) => {
    if (values[a] !== values[b]) return values[a] - values[b];
    const ka = keyOf(a);
    const kb = keyOf(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
  // Sorted when a line first needs a complement: most lines of a large table never do.
  const candidates: (number[] | undefined)[] = new Array(lines.length);
  const queue: number[] = [];
  const queued = new Uint8Array(lines.length);
  const enqueue = (i: number) => {
    if (!queued[i]) {
      queued[i] = 1;
      queue.push(i);
    }
  };
  const hide = (cell: number) => {
    if (hidden[cell]) return;
    hidden[cell] = 1;
    for (let j = cellStart[cell]; j < cellStart[cell + 1]; j++) {
      const i = cellLines[j];
      count[i]++;
      sum[i] += values[cell];
      enqueue(i);
    }
    for (let j = totalStart[cell]; j < totalStart[cell + 1]; j++) enqueue(totalLines[j]);
  };
  for (let cell = 0; cell < size; cell++) if (isSmall(values[cell])) hide(cell);
  for (let i = 0; i < lines.length; i++) enqueue(i);
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head];
    queued[i] = 0;
    const total = lines[i].total;
    while (!hidden[total] && (isSmall(sum[i]) || (count[i] === 1 && sum[i] > 0))) {
      const list = (candidates[i] ??= lines[i].cells.filter((c) => values[c] > 0).sort(byValueThenKey));
      while (next[i] < list.length && hidden[list[next[i]]]) next[i]++;
      hide(next[i] < list.length ? list[next[i]] : total);
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
