import type { FailedDelivery, FailedJob } from '@academie/contracts';
import { discardJob, retryJob, useFailedJobs } from '@academie/web-data-access';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { Confirmation, TabHeading, bodyMessage, errorMessage, formatDateTime, useAnnounce, TableFrame } from './admin-kit';

const jobKey = (job: { queue: string; jobId: string }) => `${job.queue}/${job.jobId}`;

/** Jobs that exhausted their retries, with their errors: retry once the cause is fixed, or discard. */
export function JobsPage() {
  const failed = useFailedJobs();
  const announce = useAnnounce();
  const [busy, setBusy] = useState<string | null>(null);
  const [discarding, setDiscarding] = useState<FailedJob | null>(null);

  const retry = async (job: Pick<FailedJob, 'queue' | 'jobId'>) => {
    setBusy(jobKey(job));
    try {
      await retryJob(job.queue, job.jobId);
      announce({ severity: 'success', title: `Tâche ${job.jobId} relancée :`, description: 'elle attend son tour dans la file.' });
    } catch (failure) {
      announce({ severity: 'error', title: `La tâche ${job.jobId} n’a pas été relancée.`, description: errorMessage(failure) });
    } finally {
      setBusy(null);
      failed.refresh();
    }
  };

  const discard = async (job: FailedJob) => {
    setBusy(jobKey(job));
    try {
      const answer = await discardJob(job.queue, job.jobId);
      setDiscarding(null);
      announce({
        severity: 'success',
        title: `Tâche ${job.jobId} abandonnée.`,
        description:
          answer.undeliveredSubscribers.length > 0
            ? `Son événement est clos sans l’effet de : ${answer.undeliveredSubscribers.join(', ')}.`
            : undefined,
      });
    } catch (failure) {
      setDiscarding(null);
      announce({ severity: 'error', title: `La tâche ${job.jobId} n’a pas été abandonnée.`, description: errorMessage(failure) });
    } finally {
      setBusy(null);
      failed.refresh();
    }
  };

  return (
    <>
      <TabHeading
        title="Tâches en échec"
        lead="Les tâches de fond qui ont épuisé leurs tentatives, avec leur erreur. Relancez-en une une fois la cause corrigée ; abandonnez-la si elle ne doit plus avoir lieu."
      />
      <p>
        <Button priority="secondary" size="small" iconId="fr-icon-refresh-line" onClick={failed.refresh}>
          Actualiser la liste
        </Button>
      </p>
      {failed.loading && <p role="status">Chargement des tâches…</p>}
      {failed.error !== undefined && <p className={fr.cx('fr-error-text')}>{bodyMessage(failed.error)}</p>}
      {discarding !== null && (
        <Confirmation
          id="confirmation-abandon"
          question={`Abandonner la tâche ${discarding.jobId} ?`}
          detail={
            discarding.queue === 'outbox'
              ? 'Elle est retirée de la file pour de bon et son événement est clos : les effets qui n’ont pas eu lieu (attestation, e-mail, indicateurs…) n’auront jamais lieu. L’abandon est inscrit au journal d’audit.'
              : 'Elle est retirée de la file pour de bon. L’abandon est inscrit au journal d’audit.'
          }
          confirmLabel="Abandonner la tâche"
          busy={busy === jobKey(discarding)}
          onConfirm={() => void discard(discarding)}
          onCancel={() => setDiscarding(null)}
        />
      )}
      {failed.data !== undefined && (
        <>
          <section aria-labelledby="taches-titre" className={fr.cx('fr-mb-6w')}>
            <h2 id="taches-titre" className={fr.cx('fr-h4')}>
              {failed.data.jobs.length === 0 ? 'Aucune tâche en échec' : `${failed.data.jobs.length} tâche${failed.data.jobs.length > 1 ? 's' : ''} en échec`}
            </h2>
            {failed.data.jobs.map((job) => (
              <article key={jobKey(job)} className={fr.cx('fr-p-3w', 'fr-mb-2w')} style={{ border: '1px solid var(--border-default-grey)' }} aria-labelledby={`tache-${job.queue}-${job.jobId}`}>
                <h3 id={`tache-${job.queue}-${job.jobId}`} className={fr.cx('fr-h6', 'fr-mb-1w')}>
                  {job.name} · {job.jobId}
                </h3>
                <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
                  File « {job.queue} » · {job.attemptsMade} tentative{job.attemptsMade > 1 ? 's' : ''} sur {job.maxAttempts}
                  {job.failedAt !== null && <> · dernier échec le {formatDateTime(job.failedAt)}</>}
                </p>
                <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
                  Erreur : <code style={{ wordBreak: 'break-word' }}>{job.failedReason || 'non renseignée'}</code>
                </p>
                <p className={fr.cx('fr-text--xs', 'fr-mb-2w')}>
                  Données : <code style={{ wordBreak: 'break-all' }}>{JSON.stringify(job.data)}</code>
                </p>
                <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--sm')}>
                  <li>
                    <Button onClick={() => void retry(job)} disabled={busy !== null}>
                      Relancer<span className={fr.cx('fr-sr-only')}> la tâche {job.jobId}</span>
                    </Button>
                  </li>
                  <li>
                    <Button priority="secondary" onClick={() => setDiscarding(job)} disabled={busy !== null}>
                      Abandonner<span className={fr.cx('fr-sr-only')}> la tâche {job.jobId}</span>
                    </Button>
                  </li>
                </ul>
              </article>
            ))}
          </section>
          <DeliveriesSection deliveries={failed.data.deliveries} />
        </>
      )}
    </>
  );
}

function DeliveriesSection({ deliveries }: { deliveries: FailedDelivery[] }) {
  return (
    <section aria-labelledby="livraisons-titre">
      <h2 id="livraisons-titre" className={fr.cx('fr-h4')}>
        Livraisons d’événements en échec
      </h2>
      <p className={fr.cx('fr-text--sm')}>
        Chaque événement est livré à chacun de ses abonnés ; voici ceux dont la dernière tentative a échoué. Ils sont relancés avec la tâche de
        leur événement.
      </p>
      {deliveries.length === 0 ? (
        <p>Aucune livraison en échec.</p>
      ) : (
        <TableFrame caption="Livraisons en échec">
                  <thead>
                    <tr>
                      <th scope="col">Événement</th>
                      <th scope="col">Abonné</th>
                      <th scope="col">Tentatives</th>
                      <th scope="col">Erreur</th>
                      <th scope="col">Tâche</th>
                    </tr>
                  </thead>
                  <tbody>
                    {deliveries.map((delivery) => (
                      <tr key={`${delivery.eventId}-${delivery.subscriber}`}>
                        <td>
                          {delivery.eventType} n° {delivery.eventId}
                          <br />
                          <span className={fr.cx('fr-text--xs')}>créé le {formatDateTime(delivery.eventCreatedAt)}</span>
                        </td>
                        <td>{delivery.subscriber}</td>
                        <td>{delivery.attempts}</td>
                        <td style={{ wordBreak: 'break-word' }}>{delivery.lastError}</td>
                        <td>{delivery.jobId}</td>
                      </tr>
                    ))}
                  </tbody>
                </TableFrame>
      )}
    </section>
  );
}
