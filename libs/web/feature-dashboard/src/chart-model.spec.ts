import { describe, expect, it } from '@jest/globals';
import { addMonths, niceTicks, trajectoryRows, trajectoryTableRows } from './chart-model';

describe('chart model', () => {
  it('makes round ticks covering the maximum', () => {
    expect(niceTicks(15_000_000)).toEqual([0, 5_000_000, 10_000_000, 15_000_000]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it('adds months across years', () => {
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
  });

  it('forecasts from the last published month at the run-rate, capped at the goal', () => {
    const rows = trajectoryRows(
      [
        { month: '2026-01', target: 10, actual: { value: 5, suppressed: false } },
        { month: '2026-02', target: 20, actual: { value: null, suppressed: true } },
        { month: '2026-03', target: 30, actual: null },
        { month: '2026-04', target: 40, actual: null },
      ],
      20,
      40,
    );
    expect(rows.map((row) => [row.actual, row.suppressed, row.forecast])).toEqual([
      [5, false, 5],
      [null, true, 25],
      [null, false, 40],
      [null, false, 40],
    ]);
    expect(trajectoryTableRows(rows).map((row) => row.month)).toEqual(['2026-01', '2026-02', '2026-04']);
  });

  it('forecasts nothing without a rate', () => {
    const rows = trajectoryRows([{ month: '2026-01', target: 10, actual: { value: 0, suppressed: false } }], null, 10);
    expect(rows[0]?.forecast).toBeNull();
  });
});
