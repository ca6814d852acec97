import { fr } from '@codegouvfr/react-dsfr';
import { useEffect, useId, useRef, useState } from 'react';

export interface CopyLinkProps {
  url: string;
  /** Label of the field, e.g. « Lien de vérification à partager ». */
  label: string;
  /** Names the certificate for assistive technologies (« … de l’attestation « Cours » »). */
  context: string;
}

/**
 * A link to share: shown in a read-only field (anyone can select it) with a « Copier » button that confirms
 * « Copié » for a few seconds, also to screen readers.
 */
export function CopyLink({ url, label, context }: CopyLinkProps) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 4000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = () => {
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
    if (clipboard === undefined) {
      setState('failed');
      input.current?.select();
      return;
    }
    clipboard.writeText(url).then(
      () => setState('copied'),
      () => {
        setState('failed');
        input.current?.select();
      },
    );
  };

  return (
    <div className={fr.cx('fr-input-group', 'fr-mb-2w')}>
      <label className={fr.cx('fr-label')} htmlFor={`${id}-lien`}>
        {label}
        <span className={fr.cx('fr-hint-text')}>Toute personne qui a ce lien peut vérifier l’attestation.</span>
      </label>
      <div className={fr.cx('fr-input-wrap', 'fr-input-wrap--addon')}>
        <input
          ref={input}
          id={`${id}-lien`}
          className={fr.cx('fr-input')}
          type="url"
          readOnly
          value={url}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button
          type="button"
          className={fr.cx('fr-btn', 'fr-btn--secondary', state === 'copied' ? 'fr-icon-check-line' : 'fr-icon-clipboard-line', 'fr-btn--icon-left')}
          onClick={copy}
          aria-describedby={`${id}-etat`}
        >
          {state === 'copied' ? 'Copié' : 'Copier'}
          {state !== 'copied' && <span className={fr.cx('fr-sr-only')}>{` le ${context}`}</span>}
        </button>
      </div>
      <p id={`${id}-etat`} role="status" className={fr.cx('fr-message', state === 'failed' ? 'fr-message--error' : 'fr-sr-only', 'fr-mt-1w')}>
        {state === 'copied' ? 'Lien copié dans le presse-papiers.' : state === 'failed' ? 'La copie automatique est impossible : le lien est sélectionné, copiez-le avec Ctrl+C.' : ''}
      </p>
    </div>
  );
}
