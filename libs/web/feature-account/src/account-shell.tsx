import { fr } from '@codegouvfr/react-dsfr';
import type { ReactNode } from 'react';

/**
 * The DSFR layout of the sign-in and sign-up pages: one narrow column on a grey panel, centred.
 * https://www.systeme-de-design.gouv.fr/modeles/connexion
 */
export function AccountShell({ children }: { children: ReactNode }) {
  return (
    <div className={fr.cx('fr-container', 'fr-container--fluid', 'fr-mb-md-14v')}>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--center')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-6')}>
          <div
            className={fr.cx('fr-container', 'fr-px-md-0', 'fr-py-10v', 'fr-py-md-14v')}
            style={{ backgroundColor: fr.colors.decisions.background.alt.grey.default }}
          >
            <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--center')}>
              <div className={fr.cx('fr-col-12', 'fr-col-md-9', 'fr-col-lg-8')}>{children}</div>
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}

/** The DSFR note that starts every form whose fields are all required unless marked otherwise. */
export function RequiredFieldsNote({ id }: { id?: string }) {
  return (
    <p id={id} className={fr.cx('fr-text--sm', 'fr-mb-3w')}>
      Sauf mention contraire, tous les champs sont obligatoires.
    </p>
  );
}
