import { useOutboxLag } from '@academie/web-data-access';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Link } from 'react-router';
import { TabHeading, bodyMessage, formatAge, formatDateTime, TableFrame } from './admin-kit';

const QUEUE_LABELS: Record<string, string> = {
  outbox: 'Livraison des événements',
  reporting: 'Indicateurs',
  scheduled: 'Tâches planifiées',
};

/** How far the background work is behind: open events, the oldest one's age, failed deliveries, queue depths. Read every 5 s. */
export function OutboxPage() {
  const lag = useOutboxLag();
  const data = lag.data;
  return (
    <>
      <TabHeading
        title="File d’événements"
        lead="Chaque changement qui a des suites (attestation, e-mail, indicateurs) passe par la file d’événements. Un événement reste ouvert tant que tous ses abonnés ne l’ont pas traité."
      />
      <p>
        <Button priority="secondary" size="small" iconId="fr-icon-refresh-line" onClick={lag.refresh}>
          Actualiser
        </Button>
        {data !== undefined && <span className={fr.cx('fr-text--sm', 'fr-ml-2w')}>Mesuré le {formatDateTime(data.measuredAt)}, actualisé toutes les 5 secondes.</span>}
      </p>
      {lag.loading && <p role="status">Chargement des mesures…</p>}
      {lag.error !== undefined && <p className={fr.cx('fr-error-text')}>{bodyMessage(lag.error)}</p>}
      {data !== undefined && (
        <>
          <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-mb-4w')}>
            <Figure label="Événements ouverts" value={data.openEvents.toLocaleString('fr-FR')} />
            <Figure
              label="Âge du plus ancien"
              value={data.oldestOpenEventAt === null ? 'aucun' : formatAge(data.oldestOpenAgeSeconds)}
              detail={data.oldestOpenEventAt === null ? undefined : `créé le ${formatDateTime(data.oldestOpenEventAt)}`}
            />
            <Figure label="Livraisons en échec" value={data.bySubscriber.reduce((sum, row) => sum + row.failedDeliveries, 0).toLocaleString('fr-FR')} />
          </div>

          <section aria-labelledby="par-type" className={fr.cx('fr-mb-4w')}>
            <h2 id="par-type" className={fr.cx('fr-h5')}>
              Événements ouverts par type
            </h2>
            {data.byType.length === 0 ? (
              <p>Aucun événement ouvert : tout a été traité.</p>
            ) : (
              <SimpleTable
                caption="Événements ouverts par type"
                headers={['Type', 'Ouverts', 'Le plus ancien']}
                rows={data.byType.map((row) => [row.type, row.openEvents.toLocaleString('fr-FR'), formatDateTime(row.oldestOpenEventAt)])}
              />
            )}
          </section>

          <section aria-labelledby="par-abonne" className={fr.cx('fr-mb-4w')}>
            <h2 id="par-abonne" className={fr.cx('fr-h5')}>
              Livraisons en échec par abonné
            </h2>
            {data.bySubscriber.length === 0 ? (
              <p>Aucune livraison en échec.</p>
            ) : (
              <>
                <SimpleTable
                  caption="Livraisons en échec par abonné"
                  headers={['Abonné', 'En échec', 'Événement le plus ancien']}
                  rows={data.bySubscriber.map((row) => [row.subscriber, row.failedDeliveries.toLocaleString('fr-FR'), formatDateTime(row.oldestFailedEventAt)])}
                />
                <p>
                  <Link className={fr.cx('fr-link')} to="/administration/taches">
                    Voir les erreurs et relancer les tâches
                  </Link>
                </p>
              </>
            )}
          </section>

          <section aria-labelledby="files">
            <h2 id="files" className={fr.cx('fr-h5')}>
              Files de tâches
            </h2>
            {data.queues === null ? (
              <p>Les files ne répondent pas pour le moment (Redis injoignable) : les chiffres ci-dessus restent exacts.</p>
            ) : (
              <SimpleTable
                caption="Files de tâches"
                headers={['File', 'En attente', 'En cours', 'Différées', 'En échec']}
                rows={data.queues.map((queue) => [
                  QUEUE_LABELS[queue.queue] ?? queue.queue,
                  queue.waiting.toLocaleString('fr-FR'),
                  queue.active.toLocaleString('fr-FR'),
                  queue.delayed.toLocaleString('fr-FR'),
                  queue.failed.toLocaleString('fr-FR'),
                ])}
              />
            )}
          </section>
        </>
      )}
    </>
  );
}

function Figure({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
      <div className={fr.cx('fr-p-3w')} style={{ background: 'var(--background-alt-blue-france)', height: '100%' }}>
        <p className={fr.cx('fr-text--sm', 'fr-mb-1v')}>{label}</p>
        <p className={fr.cx('fr-h3', 'fr-mb-0')}>{value}</p>
        {detail !== undefined && <p className={fr.cx('fr-text--xs', 'fr-mb-0', 'fr-mt-1v')}>{detail}</p>}
      </div>
    </div>
  );
}

export function SimpleTable({ caption, headers, rows }: { caption: string; headers: string[]; rows: string[][] }) {
  return (
    <TableFrame caption={caption}>
              <thead>
                <tr>
                  {headers.map((header) => (
                    <th key={header} scope="col">
                      {header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => (
                  <tr key={`${row[0]}-${index}`}>
                    {row.map((cell, column) => (
                      <td key={column}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </TableFrame>
  );
}
