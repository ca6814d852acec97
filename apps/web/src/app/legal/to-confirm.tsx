import { fr } from '@codegouvfr/react-dsfr';
import { Notice } from '@codegouvfr/react-dsfr/Notice';
import type { ReactNode } from 'react';

/**
 * A value the publisher must still give (name of the publication director, host, contact addresses): shown as
 * such, in words, so that no one takes a placeholder for an official value.
 */
export function ToConfirm({ children }: { children: ReactNode }) {
  return (
    <span className={fr.cx('fr-text--bold')}>
      {children} <span className={fr.cx('fr-badge', 'fr-badge--sm', 'fr-badge--warning', 'fr-ml-1v')}>à confirmer</span>
    </span>
  );
}

/** The notice at the top of a legal page whose values are not all official yet. */
export function ProvisionalNotice() {
  return (
    <Notice
      className={fr.cx('fr-mb-4w')}
      title="Version provisoire : les informations marquées « à confirmer » seront remplacées par les valeurs officielles avant l’ouverture du service au public."
    />
  );
}
