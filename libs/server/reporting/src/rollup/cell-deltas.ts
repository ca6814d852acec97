import { type KpiDimension, KPI_DIMENSIONS } from '@academie/contracts';
import { CELL_MASKS, type CellCoordinates, coordinate } from '../dims';

/** What one fact adds to (or, moved by a profile change, removes from) the counters. */
export interface CellDelta extends CellCoordinates {
  trained?: number;
  certificates?: number;
  enrollments?: number;
  completions?: number;
  newLearners?: number;
}

const MEASURES = ['trained', 'certificates', 'enrollments', 'completions', 'newLearners'] as const;

interface Row {
  key: string;
  values: string[];
  sums: number[];
}

/** Spreads deltas over the 26 rows of each fact, summed per row, in key order (so that concurrent writers lock alike). */
export function expandDeltas(deltas: CellDelta[]): Row[] {
  const rows = new Map<string, Row>();
  for (const delta of deltas) {
    const amounts = MEASURES.map((m) => delta[m] ?? 0);
    if (amounts.every((a) => a === 0)) continue;
    for (const mask of CELL_MASKS) {
      const values = [String(mask), delta.month, ...KPI_DIMENSIONS.map((dim: KpiDimension) => coordinate(delta, dim, mask))];
      const key = values.join('|');
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { key, values, sums: [0, 0, 0, 0, 0] }));
      amounts.forEach((a, i) => (row.sums[i] += a));
    }
  }
  return [...rows.values()].filter((r) => r.sums.some((s) => s !== 0)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Adds the deltas to `kpi_cell` in one statement. */
export async function applyCellDeltas(db: SqlRunner, deltas: CellDelta[]): Promise<number> {
  const rows = expandDeltas(deltas);
  if (rows.length === 0) return 0;
  const column = (i: number) => rows.map((r) => r.values[i]);
  const sum = (i: number) => rows.map((r) => r.sums[i]);
  await db.query(
    `INSERT INTO kpi_cell AS c (dims, month, audience, region, sector, company_size, course_id,
                                trained, certificates, enrollments, completions, new_learners)
     SELECT * FROM unnest($1::smallint[], $2::date[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::uuid[],
                          $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[])
     ON CONFLICT ON CONSTRAINT pk_kpi_cell DO UPDATE SET
       trained = c.trained + EXCLUDED.trained,
       certificates = c.certificates + EXCLUDED.certificates,
       enrollments = c.enrollments + EXCLUDED.enrollments,
       completions = c.completions + EXCLUDED.completions,
       new_learners = c.new_learners + EXCLUDED.new_learners`,
    [
      column(0).map(Number),
      column(1),
      column(2),
      column(3),
      column(4),
      column(5),
      column(6),
      sum(0),
      sum(1),
      sum(2),
      sum(3),
      sum(4),
    ],
  );
  return rows.length;
}
