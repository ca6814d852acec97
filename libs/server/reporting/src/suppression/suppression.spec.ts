import { KPI_SUPPRESSION_THRESHOLD } from '@academie/contracts';
import { gridLines, oneLine, prepareLines, suppress, suppressIndexed, type SuppressionLine } from './suppression';

/** A seeded generator, so that a failing case can be replayed from its seed. */
function random(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** Counts as they come: many zeros, many small, some large. */
function count(rand: () => number): number {
  const r = rand();
  if (r < 0.25) return 0;
  if (r < 0.6) return 1 + Math.floor(rand() * 9);
  if (r < 0.8) return 10 + Math.floor(rand() * 20);
  return Math.floor(rand() * 500);
}

/** What the published table lets anyone work out, checked line by line. */
function assertSafe(values: Map<string, number>, lines: SuppressionLine[], hidden: Set<string>, seed: number): void {
  for (const [key, value] of values) {
    if (value >= 1 && value <= 9 && !hidden.has(key)) throw new Error(`seed ${seed}: ${key} = ${value} shown`);
  }
  for (const line of lines) {
    if (hidden.has(line.total)) continue;
    const total = values.get(line.total) ?? 0;
    const shown = line.cells.filter((c) => !hidden.has(c)).reduce((sum, c) => sum + (values.get(c) ?? 0), 0);
    const residue = total - shown;
    if (residue !== 0 && residue < 10) throw new Error(`seed ${seed}: line ${line.total} leaves ${residue} to the hidden cells`);
    const hiddenNonZero = line.cells.filter((c) => hidden.has(c) && (values.get(c) ?? 0) > 0);
    if (hiddenNonZero.length === 1) throw new Error(`seed ${seed}: line ${line.total} hides ${hiddenNonZero[0]} alone`);
  }
}

/**
 * The control as first written, on string keys and maps (before the numbered version): the reference the numbered
 * one must match cell for cell.
 */
function reference(values: ReadonlyMap<string, number>, lines: readonly SuppressionLine[]): Set<string> {
  const small = (v: number) => v >= 1 && v < KPI_SUPPRESSION_THRESHOLD;
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
  const link = (key: string, i: number) => linesOf.set(key, [...(linesOf.get(key) ?? []), i]);
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
  for (const [key, value] of values) if (small(value)) hide(key);
  state.forEach((_, i) => enqueue(i));
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head];
    queued.delete(i);
    const st = state[i];
    while (!hidden.has(st.line.total) && (small(st.sum) || (st.count === 1 && st.sum > 0))) {
      while (st.next < st.candidates.length && hidden.has(st.candidates[st.next])) st.next++;
      hide(st.next < st.candidates.length ? st.candidates[st.next] : st.line.total);
    }
  }
  return hidden;
}

function oneDimensional(rand: () => number, size: number) {
  const values = new Map<string, number>();
  const cells = Array.from({ length: size }, (_, i) => `c${String(i).padStart(2, '0')}`);
  let total = 0;
  for (const cell of cells) {
    const v = count(rand);
    if (v) values.set(cell, v);
    total += v;
  }
  values.set('total', total);
  return { values, lines: oneLine(cells, 'total') };
}

function twoDimensional(rand: () => number, rows: number, columns: number) {
  const r = Array.from({ length: rows }, (_, i) => `r${i}`);
  const c = Array.from({ length: columns }, (_, i) => `c${i}`);
  const key = (a: string, b: string) => `${a}/${b}`;
  const values = new Map<string, number>();
  for (const a of r) for (const b of c) values.set(key(a, b), count(rand));
  for (const a of r) values.set(key(a, '*'), c.reduce((s, b) => s + (values.get(key(a, b)) ?? 0), 0));
  for (const b of c) values.set(key('*', b), r.reduce((s, a) => s + (values.get(key(a, b)) ?? 0), 0));
  values.set(key('*', '*'), r.reduce((s, a) => s + (values.get(key(a, '*')) ?? 0), 0));
  return { values, lines: gridLines(r, c, key) };
}

describe('suppress', () => {
  it('hides every count from 1 to 9 and nothing when every count is 0 or at least 10', () => {
    const values = new Map([
      ['a', 0],
      ['b', 10],
      ['c', 25],
      ['total', 35],
    ]);
    expect(suppress(values, oneLine(['a', 'b', 'c'], 'total'))).toEqual(new Set());
    values.set('a', 9);
    values.set('total', 44);
    // 9 alone would be the total minus the others: the next smallest (10) goes too; 19 left is safe.
    expect(suppress(values, oneLine(['a', 'b', 'c'], 'total'))).toEqual(new Set(['a', 'b']));
  });

  it('hides more cells while the hidden ones add up to less than 10', () => {
    const values = new Map([
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 50],
      ['e', 60],
      ['total', 116],
    ]);
    // 1 + 2 + 3 = 6 would be known: 50 joins them.
    expect([...suppress(values, oneLine(['a', 'b', 'c', 'd', 'e'], 'total'))].sort()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('never picks a zero as the complement, and hides the total when nothing else is left', () => {
    const values = new Map([
      ['a', 4],
      ['b', 0],
      ['c', 0],
      ['total', 4],
    ]);
    expect(suppress(values, oneLine(['a', 'b', 'c'], 'total'))).toEqual(new Set(['a', 'total']));
  });

  it('picks the smallest key among equal candidates (deterministic)', () => {
    const values = new Map([
      ['b', 12],
      ['a', 12],
      ['c', 5],
      ['total', 29],
    ]);
    expect(suppress(values, oneLine(['b', 'a', 'c'], 'total'))).toEqual(new Set(['c', 'a']));
  });

  it('protects rows and columns of a two-dimensional table together', () => {
    // r0: 5 alone in its row and in its column.
    const key = (a: string, b: string) => `${a}/${b}`;
    const values = new Map<string, number>([
      [key('r0', 'c0'), 5],
      [key('r0', 'c1'), 20],
      [key('r1', 'c0'), 30],
      [key('r1', 'c1'), 40],
      [key('r0', '*'), 25],
      [key('r1', '*'), 70],
      [key('*', 'c0'), 35],
      [key('*', 'c1'), 60],
      [key('*', '*'), 95],
    ]);
    const lines = gridLines(['r0', 'r1'], ['c0', 'c1'], key);
    const hidden = suppress(values, lines);
    assertSafe(values, lines, hidden, 0);
    // The classic pattern: the four inner cells (a rectangle) hide together.
    expect([...hidden].sort()).toEqual([key('r0', 'c0'), key('r0', 'c1'), key('r1', 'c0'), key('r1', 'c1')].sort());
  });

  it('keeps every line safe for 3,000 random one-dimensional tables', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const rand = random(seed);
      const { values, lines } = oneDimensional(rand, 1 + Math.floor(rand() * 25));
      assertSafe(values, lines, suppress(values, lines), seed);
    }
  });

  it('keeps every row, column and margin safe for 1,500 random two-dimensional tables', () => {
    for (let seed = 1; seed <= 1500; seed++) {
      const rand = random(seed * 7919);
      const { values, lines } = twoDimensional(rand, 1 + Math.floor(rand() * 8), 1 + Math.floor(rand() * 8));
      assertSafe(values, lines, suppress(values, lines), seed);
    }
  });

  it('hides nothing beyond need: a table with no count from 1 to 9 is shown whole', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const rand = random(seed * 31);
      const { values, lines } = oneDimensional(rand, 1 + Math.floor(rand() * 20));
      for (const [key, value] of values) if (value >= 1 && value <= 9) values.set(key, value + 10);
      const total = [...values].filter(([k]) => k !== 'total').reduce((s, [, v]) => s + v, 0);
      values.set('total', total);
      expect(suppress(values, lines).size).toBe(0);
    }
  });

  it('gives the same answer for the same table, whatever the order of its lines and cells', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rand = random(seed * 13);
      const { values, lines } = oneDimensional(rand, 2 + Math.floor(rand() * 15));
      const reversed = lines.map((l) => ({ cells: [...l.cells].reverse(), total: l.total }));
      expect([...suppress(values, reversed)].sort()).toEqual([...suppress(values, lines)].sort());
    }
  });
  it('hides exactly what the first (map-based) version hid, for 2,000 random tables of one and two dimensions', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const rand = random(seed * 104729);
      const { values, lines } =
        seed % 2 ? oneDimensional(rand, 1 + Math.floor(rand() * 30)) : twoDimensional(rand, 1 + Math.floor(rand() * 20), 1 + Math.floor(rand() * 20));
      expect({ seed, hidden: [...suppress(values, lines)].sort() }).toEqual({ seed, hidden: [...reference(values, lines)].sort() });
    }
  });

  it('numbered: one preparation of the lines serves every measure of a table', () => {
    const keys = ['a', 'b', 'c', 'total'];
    const prepared = prepareLines(keys.length, [{ cells: [0, 1, 2], total: 3 }]);
    expect([...suppressIndexed(prepared, (i) => keys[i], [9, 10, 25, 44])]).toEqual([1, 1, 0, 0]);
    expect([...suppressIndexed(prepared, (i) => keys[i], [0, 10, 25, 35])]).toEqual([0, 0, 0, 0]);
    expect([...suppressIndexed(prepared, (i) => keys[i], [4, 0, 0, 4])]).toEqual([1, 0, 0, 1]);
  });
});
