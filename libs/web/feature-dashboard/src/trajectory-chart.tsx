import { fr } from '@codegouvfr/react-dsfr';
import { niceTicks, type TrajectoryRow } from './chart-model';
import { formatAxis } from './format';
import { useElementWidth } from './use-element-width';

export const TRAJECTORY_COLOURS = {
  actual: fr.colors.decisions.artwork.major.blueFrance.default,
  target: fr.colors.decisions.text.mention.grey.default,
  forecast: '#b34000',
} as const;

/** Cumulative trained persons, month by month to December 2030: actual, target and forecast (SVG line chart). */
export function TrajectoryChart({ rows, goal }: { rows: TrajectoryRow[]; goal: number }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const height = Math.max(220, Math.min(360, Math.round(width * 0.45)));
  const margin = { top: 12, right: 16, bottom: 32, left: 56 };
  const plotWidth = Math.max(1, width - margin.left - margin.right);
  const plotHeight = height - margin.top - margin.bottom;

  const maxValue = Math.max(goal, ...rows.map((row) => Math.max(row.actual ?? 0, row.forecast ?? 0)));
  const ticks = niceTicks(maxValue, 3);
  const yMax = ticks.at(-1) ?? maxValue;
  const x = (index: number) => margin.left + (rows.length <= 1 ? 0 : (index / (rows.length - 1)) * plotWidth);
  const y = (value: number) => margin.top + plotHeight - (value / yMax) * plotHeight;

  const path = (pick: (row: TrajectoryRow) => number | null) => {
    let d = '';
    let drawing = false;
    rows.forEach((row, index) => {
      const value = pick(row);
      if (value === null) {
        drawing = false;
        return;
      }
      d += `${drawing ? 'L' : 'M'}${x(index).toFixed(1)},${y(value).toFixed(1)}`;
      drawing = true;
    });
    return d;
  };

  // One label per January, thinned out when the chart is narrow.
  const januaries = rows.map((row, index) => ({ row, index })).filter(({ row }) => row.month.endsWith('-01'));
  const every = Math.max(1, Math.ceil((januaries.length * 44) / plotWidth));
  const labelled = januaries.filter((_, position) => position % every === 0);
  const lastActual = rows.reduce((last, row, index) => (row.actual !== null ? index : last), -1);
  const textColour = fr.colors.decisions.text.default.grey.default;
  const gridColour = fr.colors.decisions.border.default.grey.default;

  return (
    <div ref={ref} style={{ width: '100%' }}>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} style={{ display: 'block', fontSize: 12 }}>
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={margin.left} x2={width - margin.right} y1={y(tick)} y2={y(tick)} stroke={gridColour} strokeWidth={1} />
            <text x={margin.left - 8} y={y(tick)} dy="0.32em" textAnchor="end" fill={textColour}>
              {formatAxis(tick)}
            </text>
          </g>
        ))}
        {labelled.map(({ row, index }) => (
          <g key={row.month}>
            <line x1={x(index)} x2={x(index)} y1={margin.top + plotHeight} y2={margin.top + plotHeight + 4} stroke={textColour} />
            <text x={x(index)} y={margin.top + plotHeight + 18} textAnchor="middle" fill={textColour}>
              {row.month.slice(0, 4)}
            </text>
          </g>
        ))}
        <path d={path((row) => row.target)} fill="none" stroke={TRAJECTORY_COLOURS.target} strokeWidth={2} strokeDasharray="6 4" />
        <path d={path((row) => row.forecast)} fill="none" stroke={TRAJECTORY_COLOURS.forecast} strokeWidth={2} strokeDasharray="2 3" />
        <path d={path((row) => row.actual)} fill="none" stroke={TRAJECTORY_COLOURS.actual} strokeWidth={3} />
        {lastActual >= 0 && (
          <circle cx={x(lastActual)} cy={y(rows[lastActual]?.actual ?? 0)} r={4} fill={TRAJECTORY_COLOURS.actual} />
        )}
      </svg>
    </div>
  );
}

/** The legend of the trajectory, in HTML (read as text, not as part of the drawing). */
export function TrajectoryLegend() {
  const item = (colour: string, dash: string | undefined, label: string) => (
    <li style={{ display: 'flex', alignItems: 'center', gap: '0.5rem' }}>
      <svg width="32" height="10" aria-hidden="true" focusable="false">
        <line x1="0" x2="32" y1="5" y2="5" stroke={colour} strokeWidth={3} strokeDasharray={dash} />
      </svg>
      {label}
    </li>
  );
  return (
    <ul
      className={fr.cx('fr-text--sm', 'fr-mt-1w', 'fr-mb-0')}
      style={{ listStyle: 'none', paddingLeft: 0, display: 'flex', flexWrap: 'wrap', gap: '0.5rem 1.5rem' }}
    >
      {item(TRAJECTORY_COLOURS.actual, undefined, 'Réel (cumul publié)')}
      {item(TRAJECTORY_COLOURS.target, '6 4', 'Trajectoire cible')}
      {item(TRAJECTORY_COLOURS.forecast, '2 3', 'Projection au rythme actuel')}
    </ul>
  );
}
