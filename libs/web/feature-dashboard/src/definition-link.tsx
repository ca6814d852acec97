import { fr } from '@codegouvfr/react-dsfr';
import type { ReactNode } from 'react';

export const DEFINITIONS_ANCHOR = 'definitions';
export const SECRET_ANCHOR = 'secret-statistique';

/** The one-sentence definition under a figure, with a link to the full definitions at the bottom of the page. */
export function Definition({ children, anchor = DEFINITIONS_ANCHOR }: { children: ReactNode; anchor?: string }) {
  return (
    <p className={fr.cx('fr-text--xs', 'fr-mb-0')} style={{ color: fr.colors.decisions.text.mention.grey.default }}>
      {children}{' '}
      <a href={`#${anchor}`} className={fr.cx('fr-link', 'fr-text--xs')}>
        Définition
      </a>
    </p>
  );
}
