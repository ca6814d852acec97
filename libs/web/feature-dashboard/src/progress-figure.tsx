import { fr } from '@codegouvfr/react-dsfr';
import { formatShare } from './format';

/**
 * A progress bar in the DSFR's colours (the DSFR has none): `progressbar` role with the exact share as its
 * text, and a sliver drawn for any non-zero share so that a start is visible.
 */
export function ProgressFigure({ share, label }: { share: number | null; label: string }) {
  const percent = share === null ? 0 : Math.max(0, Math.min(100, share * 100));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(percent * 100) / 100}
      aria-valuetext={share === null ? 'non publié (secret statistique)' : formatShare(share)}
      style={{
        height: '0.75rem',
        borderRadius: '0.375rem',
        backgroundColor: fr.colors.decisions.background.contrast.grey.default,
        boxShadow: `inset 0 0 0 1px ${fr.colors.decisions.border.default.grey.default}`,
        overflow: 'hidden',
      }}
    >
      <div
        style={{
          width: percent > 0 ? `max(${percent}%, 3px)` : 0,
          height: '100%',
          backgroundColor: fr.colors.decisions.background.flat.blueFrance.default,
        }}
      />
    </div>
  );
}
