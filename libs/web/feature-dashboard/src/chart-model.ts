// Pure computations behind the SVG charts: scales, ticks and the forecast at the current run-rate.
import type { KpiTrajectoryPoint } from '@academie/contracts';

/** Round tick values from 0 to at least `max` (1, 2, 2.5 or 5 × 10^n steps), `count` steps or so. */
export function niceTicks(max: number, count = 4): number[] {
  if (!Number.isFinite(max) || max <= 0) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) ?? 10 * power;
  const ticks: number[] = [];
  for (let value = 0; value < max + step / 2; value += step) ticks.push(Math.round(value * 1e6) / 1e6);
  if ((ticks.at(-1) ?? 0) < max) ticks.push((ticks.at(-1) ?? 0) + step);
  return ticks;
}

/** `2026-03` plus `n` months. */
export function addMonths(month: string, n: number): string {
  const [year, monthNumber] = month.split('-').map(Number);
  const index = (year ?? 0) * 12 + ((monthNumber ?? 1) - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export interface TrajectoryRow {
  month: string;
  target: number;
  /** Published cumulative count; null when still to come or hidden. */
  actual: number | null;
  /** True when the month is past but its cumulative count is hidden (statistical secret). */
  suppressed: boolean;
  /** Cumulative count forecast at the run-rate, from the last published month; null before it. */
  forecast: number | null;
}

/**
 * The trajectory as rows for the chart and its table: the target line, the published cumulative counts,
 * and from the last published month on, that count plus `monthlyRate` a month (capped at the goal).
 */
export function trajectoryRows(points: KpiTrajectoryPoint[], monthlyRate: number | null, goal: number): TrajectoryRow[] {
  let lastIndex = -1;
  points.forEach((point, index) => {
    if (point.actual?.value !== null && point.actual?.value !== undefined) lastIndex = index;
  });
  const lastValue = lastIndex >= 0 ? (points[lastIndex]?.actual?.value ?? 0) : 0;
  return points.map((point, index) => {
    const actual = point.actual?.value ?? null;
    const suppressed = point.actual !== null && (point.actual.suppressed || point.actual.value === null);
    const forecast =
      monthlyRate !== null && monthlyRate > 0 && lastIndex >= 0 && index >= lastIndex
        ? Math.min(goal, lastValue + monthlyRate * (index - lastIndex))
        : null;
    return { month: point.month, target: point.target, actual, suppressed, forecast };
  });
}

/** Rows worth a line in the table view: every month with a published count, then each December. */
export function trajectoryTableRows(rows: TrajectoryRow[]): TrajectoryRow[] {
  return rows.filter((row, index) => row.actual !== null || row.suppressed || row.month.endsWith('-12') || index === rows.length - 1);
}
