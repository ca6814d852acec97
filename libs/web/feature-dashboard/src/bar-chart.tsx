import type { KpiCount } from '@academie/contracts';
import { fr } from '@codegouvfr/react-dsfr';
import { useId } from 'react';
import { formatCount } from './format';

export interface BarDatum {
  key: string;
  label: string;
  count: KpiCount;
}

/**
 * Horizontal bars, one row per group: the label above, the bar (inline SVG) and its value beside it, so
 * that long labels (NAF sections) wrap instead of being cut. A hidden count is a hatched stub « < 10 ».
 */
export function BarChart({ data }: { data: BarDatum[] }) {
  const hatchId = `hachures-${useId().replace(/[^\w-]/g, '')}`;
  const max = Math.max(1, ...data.map((datum) => datum.count.value ?? 0));
  const barColour = fr.colors.decisions.artwork.major.blueFrance.default;
  const trackColour = fr.colors.decisions.background.contrast.grey.default;
  const hatchColour = fr.colors.decisions.text.mention.grey.default;
  return (
    <div>
      <svg width="0" height="0" style={{ position: 'absolute' }} focusable="false">
        <defs>
          <pattern id={hatchId} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill={trackColour} />
            <line x1="0" y1="0" x2="0" y2="6" stroke={hatchColour} strokeWidth="3" />
          </pattern>
        </defs>
      </svg>
      {data.map((datum) => {
        const hidden = datum.count.suppressed || datum.count.value === null;
        const share = hidden ? 0.03 : (datum.count.value ?? 0) / max;
        return (
          <div key={datum.key} className={fr.cx('fr-mb-1w')}>
            <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>{datum.label}</p>
            <div style={{ display: 'flex', alignItems: 'center', gap: '0.5rem' }}>
              <svg width="100%" height="16" viewBox="0 0 1000 16" preserveAspectRatio="none" style={{ flex: 1, display: 'block' }}>
                <rect x="0" y="0" width="1000" height="16" fill={trackColour} />
                <rect
                  x="0"
                  y="0"
                  width={Math.max(hidden ? 30 : datum.count.value ? 4 : 0, share * 1000)}
                  height="16"
                  fill={hidden ? `url(#${hatchId})` : barColour}
                />
              </svg>
              <span className={fr.cx('fr-text--sm', 'fr-text--bold', 'fr-mb-0')} style={{ minWidth: '5rem', textAlign: 'right' }}>
                {formatCount(datum.count)}
              </span>
            </div>
          </div>
        );
      })}
    </div>
  );
}
