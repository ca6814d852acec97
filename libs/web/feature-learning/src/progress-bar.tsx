import { fr } from '@codegouvfr/react-dsfr';

export interface ProgressBarProps {
  /** 0 to 100. */
  percent: number;
  /** What the bar measures, for assistive technologies (`Progression du cours « … »`). */
  label: string;
  /** Shown under the bar, e.g. `3 leçons obligatoires terminées sur 4`. */
  detail?: string;
  small?: boolean;
}

/**
 * A progress bar in the DSFR's colours (the DSFR has no progress component): a `progressbar` role with its
 * value for assistive technologies, the percent written beside it for everyone.
 */
export function ProgressBar({ percent, label, detail, small = false }: ProgressBarProps) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  const done = value === 100;
  return (
    <div className={fr.cx('fr-mb-2w')}>
      <div style={{ display: 'flex', alignItems: 'center', gap: '0.75rem' }}>
        <div
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={value}
          aria-valuetext={`${value} %`}
          style={{
            flex: 1,
            height: small ? '0.5rem' : '0.75rem',
            borderRadius: '0.375rem',
            backgroundColor: fr.colors.decisions.background.contrast.grey.default,
            boxShadow: `inset 0 0 0 1px ${fr.colors.decisions.border.default.grey.default}`,
            overflow: 'hidden',
          }}
        >
          <div
            style={{
              width: `${value}%`,
              height: '100%',
              backgroundColor: done ? fr.colors.decisions.background.flat.success.default : fr.colors.decisions.background.flat.blueFrance.default,
            }}
          />
        </div>
        <span aria-hidden="true" className={fr.cx('fr-text--bold', small ? 'fr-text--sm' : 'fr-text--md', 'fr-mb-0')}>
          {`${value} %`}
        </span>
      </div>
      {detail !== undefined && <p className={fr.cx('fr-text--sm', 'fr-mb-0', 'fr-mt-1v')}>{detail}</p>}
    </div>
  );
}
