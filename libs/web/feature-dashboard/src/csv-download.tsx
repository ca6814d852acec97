import { downloadKpiCsv, toErrorBody } from '@academie/web-data-access';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { formatMonth } from './format';

/** The CSV export of the chosen months (every breakdown, no filter), fetched with the session's token. */
export function CsvDownload({ from, to }: { from?: string; to?: string }) {
  const [state, setState] = useState<{ kind: 'idle' | 'busy' | 'done' } | { kind: 'failed'; message: string }>({ kind: 'idle' });
  const months = from !== undefined || to !== undefined
    ? `de ${from === undefined ? 'l’ouverture' : formatMonth(from)} à ${to === undefined ? 'ce mois-ci' : formatMonth(to)}`
    : 'de toute la période';
  return (
    <section aria-labelledby="export-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="export-titre">Télécharger les données</h2>
      <p className={fr.cx('fr-text--sm')}>
        Fichier CSV {months} : le total et chaque ventilation (public, région, secteur, taille d’entreprise, cours), sans
        filtre, cellules sous secret statistique laissées vides. Données publiées sous{' '}
        <a href="https://www.etalab.gouv.fr/licence-ouverte-open-licence/" target="_blank" rel="noopener noreferrer" title="Licence Ouverte 2.0 - nouvelle fenêtre">
          Licence Ouverte 2.0
        </a>
        .
      </p>
      <Button
        iconId="fr-icon-download-line"
        disabled={state.kind === 'busy'}
        onClick={() => {
          setState({ kind: 'busy' });
          downloadKpiCsv({ from, to }).then(
            () => setState({ kind: 'done' }),
            (error: unknown) => setState({ kind: 'failed', message: toErrorBody(error).message }),
          );
        }}
      >
        Télécharger les indicateurs (CSV)
      </Button>
      <div aria-live="polite" className={fr.cx('fr-mt-1w')}>
        {state.kind === 'busy' && <p className={fr.cx('fr-text--sm')}>Préparation du fichier…</p>}
        {state.kind === 'done' && <p className={fr.cx('fr-message', 'fr-message--valid')}>Fichier academie-ia-indicateurs.csv téléchargé.</p>}
        {state.kind === 'failed' && <p className={fr.cx('fr-message', 'fr-message--error')}>{state.message}</p>}
      </div>
    </section>
  );
}
