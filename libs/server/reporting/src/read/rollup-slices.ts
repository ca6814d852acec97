import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type KpiDimension, KPI_MEASURES } from '@academie/contracts';
import { AppConfig } from '@academie/server-core';
import { DIM_COLUMN, maskOf } from '../dims';
import { KpiChanges } from './kpi-changes';

const MEASURE_COUNT = KPI_MEASURES.length;
const SQL_MEASURES = ['trained', 'certificates', 'enrollments', 'completions', 'new_learners'];

/**
 * The rows of one subset of `kpi_cell` as a dense table with month prefix sums: a row dimension, an optional column
 * dimension, an optional third dimension fixed at one value. The sum of any month range is then two reads per cell,
 * whatever the length of the range and the number of learners.
 */
export interface Slice {
  /** Codes of the row dimension present in any month, sorted. */
  rows: string[];
  /** Codes of the column dimension present in any month, sorted; `['']` without a column dimension. */
  cols: string[];
  /** Month of index 0, `YYYY-MM` (null: no row at all). */
  first: string | null;
  months: number;
  /**
   * `prefix[((m * rows + r) * cols + c) * 5 + k]`: measure k (KPI_MEASURES order) summed over the months before m;
   * 32-bit integers unless a sum exceeds them.
   */
  prefix: Int32Array | Float64Array;
}

export interface SliceSpec {
  row: KpiDimension;
  col?: KpiDimension;
  fixed?: [KpiDimension, string];
}

const monthNumber = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/**
 * Sums of every cell of the slice over `from`..`to` (`YYYY-MM`, inclusive): `out[(r * cols + c) * 5 + k]`. Months
 * outside the slice count 0.
 */
export function sumRange(slice: Slice, from: string, to: string): Float64Array {
  const width = slice.rows.length * slice.cols.length * MEASURE_COUNT;
  const out = new Float64Array(width);
  if (slice.first === null) return out;
  const base = monthNumber(slice.first);
  const a = Math.max(0, Math.min(slice.months, monthNumber(from) - base));
  const b = Math.max(0, Math.min(slice.months, monthNumber(to) - base + 1));
  if (b <= a) return out;
  const { prefix } = slice;
  for (let i = 0, lo = a * width, hi = b * width; i < width; i++) out[i] = prefix[hi + i] - prefix[lo + i];
  return out;
}

/**
 * What one cell of a slice holds in `kpi_cell`: `series` is, for each month with a row, its month number (year × 12 +
 * month − 1) and its five measures (KPI_MEASURES order).
 */
export interface SliceCell {
  r: string;
  c: string;
  series: number[];
}

const STEP = MEASURE_COUNT + 1;

/** Builds a slice from its cells, in any order. */
export function buildSlice(cells: SliceCell[]): Slice {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of cells) {
    for (let j = 0; j < x.series.length; j += STEP) {
      if (x.series[j] < lo) lo = x.series[j];
      if (x.series[j] > hi) hi = x.series[j];
    }
  }
  if (lo === Infinity) return { rows: [], cols: [''], first: null, months: 0, prefix: new Int32Array(0) };
  const rows = [...new Set(cells.map((x) => x.r))].sort();
  const cols = [...new Set(cells.map((x) => x.c))].sort();
  const months = hi - lo + 1;
  const rowIndex = new Map(rows.map((r, i) => [r, i]));
  const colIndex = new Map(cols.map((c, i) => [c, i]));
  const width = rows.length * cols.length * MEASURE_COUNT;
  const prefix = new Float64Array((months + 1) * width);
  // Each month's own values at slot m + 1, then accumulated.
  for (const x of cells) {
    const cell = ((rowIndex.get(x.r) as number) * cols.length + (colIndex.get(x.c) as number)) * MEASURE_COUNT;
    for (let j = 0; j < x.series.length; j += STEP) {
      const at = (x.series[j] - lo + 1) * width + cell;
      for (let k = 0; k < MEASURE_COUNT; k++) prefix[at + k] += x.series[j + 1 + k];
    }
  }
  let max = 0;
  for (let m = 1; m <= months; m++) {
    for (let i = 0, at = m * width; i < width; i++) {
      prefix[at + i] += prefix[at - width + i];
      if (Math.abs(prefix[at + i]) > max) max = Math.abs(prefix[at + i]);
    }
  }
  const y = Math.floor(lo / 12);
  const first = `${y}-${String((lo % 12) + 1).padStart(2, '0')}`;
  // Counts are whole numbers: 4 bytes each while they fit (2^31 - 1), 8 beyond.
  return { rows, cols, first, months, prefix: max <= 0x7fffffff ? Int32Array.from(prefix) : prefix };
}

interface Entry {
  readAt: number;
  generation: number;
  slice: Promise<Slice>;
  bytes: number;
}

/**
 * Slices of `kpi_cell` kept in memory by each API process, so that a breakdown with any month range and filters is
 * summed and protected without reading the database: a slice is read once (one statement, at most groups × columns ×
 * months rows of one subset), then kept until the rollups change (KpiChanges: a `kpi_changed` notice, at most
 * KPI_CACHE_SECONDS behind a steady stream of events, 60 s at most without notice). Memory: a slice takes
 * (months + 1) × rows × columns × 5 × 4 bytes (8 past 2^31 per count; 8 more a count while it is built) — a bound set by
 * the dimensions' codes and the months of the platform, not by the number of learners — and all the slices kept
 * together at most KPI_SLICE_CACHE_MB (least recently used out first; one larger than that is used for its request
 * and not kept). KPI_CACHE_SECONDS 0: nothing kept.
 */
@Injectable()
export class RollupSlices {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  /** Statements run to read slices (for the tests and the bench). */
  reads = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly changes: KpiChanges,
  ) {}

  get keptBytes(): number {
    return this.bytes;
  }

  get(spec: SliceSpec): Promise<Slice> {
    const key = JSON.stringify([spec.row, spec.col ?? null, spec.fixed ?? null]);
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit) {
      this.remove(key);
      if (this.changes.isCurrent(hit.readAt, hit.generation, now)) {
        this.entries.set(key, hit); // most recently used goes last
        this.bytes += hit.bytes;
        return hit.slice;
      }
    }
    if (this.config.KPI_CACHE_SECONDS <= 0) return this.read(spec);
    const entry: Entry = { readAt: now, generation: this.changes.generation, slice: this.read(spec), bytes: 0 };
    this.entries.set(key, entry);
    entry.slice.then(
      (slice) => {
        if (this.entries.get(key) !== entry) return;
        entry.bytes = slice.prefix.byteLength + (slice.rows.length + slice.cols.length) * 64;
        this.bytes += entry.bytes;
        this.evict();
      },
      () => {
        if (this.entries.get(key) === entry) this.remove(key);
      },
    );
    return entry.slice;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  /** Least recently used out until the slices fit the budget (the newest one too, when it alone exceeds it). */
  private evict(): void {
    const budget = this.config.KPI_SLICE_CACHE_MB * 1024 * 1024;
    for (const key of this.entries.keys()) {
      if (this.bytes <= budget) return;
      this.remove(key);
    }
  }

  private async read(spec: SliceSpec): Promise<Slice> {
    this.reads++;
    const dims = [spec.row, ...(spec.col ? [spec.col] : []), ...(spec.fixed ? [spec.fixed[0]] : [])];
    const params: unknown[] = [maskOf(dims)];
    if (spec.fixed) params.push(spec.fixed[1]);
    // One row per cell, its months and measures as one text: a slice of 50 × 18 cells over 25 months is 900 rows to
    // decode instead of 22,500 (the month as its date text: cheaper for PostgreSQL than extracting its parts).
    const rows = (await this.dataSource.query(
      `SELECT ${DIM_COLUMN[spec.row]}::text AS r, ${spec.col ? `${DIM_COLUMN[spec.col]}::text` : `''`} AS c,
              string_agg(concat_ws(' ', month, ${SQL_MEASURES.join(', ')}), ' ') AS series
         FROM kpi_cell
        WHERE dims = $1 ${spec.fixed ? `AND ${DIM_COLUMN[spec.fixed[0]]} = $2` : ''}
        GROUP BY 1, 2`,
      params,
    )) as { r: string; c: string; series: string }[];
    // Every sixth number is a month, `YYYY-MM-DD`: its month number instead.
    return buildSlice(rows.map((x) => ({ r: x.r, c: x.c, series: x.series.split(' ').map((v, i) => (i % STEP === 0 ? monthNumber(v) : Number(v))) })));
  }
}
