import { useReviewQueue } from '@academie/web-data-access';
import { FormAlert, formatDate, useFocusAfterRender, usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import { unexpectedErrorMessage } from './api-errors';
import { RequireRole } from './require-role';

const FLASH_ID = 'relecture-message';

/** /relecture: the versions submitted for review, oldest first (the reviewer's own courses are not listed). */
export function ReviewQueuePage() {
  return <RequireRole role="reviewer">{() => <ReviewQueue />}</RequireRole>;
}

function ReviewQueue() {
  usePageTitle('Relecture des formations');
  const queue = useReviewQueue();
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  const focus = useFocusAfterRender();
  useEffect(() => {
    if (flash !== undefined) focus(FLASH_ID);
  }, [flash, focus]);
  const items = queue.data?.items ?? [];

  return (
    <div className={fr.cx('fr-container', 'fr-pb-6w', 'fr-mb-6w')}>
      <Breadcrumb currentPageLabel="Relecture" homeLinkProps={{ to: '/' }} segments={[]} />
      <h1>Relecture des formations</h1>
      <p className={fr.cx('fr-text--lead')}>
        Les formations soumises par leurs auteurs, les plus anciennes d'abord. Relisez-les en entier, réponses comprises,
        puis publiez-les ou renvoyez-les avec vos remarques.
      </p>
      {flash !== undefined && <FormAlert id={FLASH_ID} severity="success" title={flash} />}

      <section aria-labelledby="relecture-liste" aria-busy={queue.loading}>
        <h2 id="relecture-liste">À relire</h2>
        {queue.loading && <p role="status">Chargement des formations à relire…</p>}
        {queue.error !== undefined && (
          <Alert
            severity="error"
            as="h3"
            title="La liste ne peut pas être affichée"
            description={
              <>
                <p className={fr.cx('fr-mb-2w')}>{unexpectedErrorMessage(queue.error)}</p>
                <Button priority="secondary" size="small" onClick={queue.reload}>
                  Réessayer
                </Button>
              </>
            }
          />
        )}
        {queue.data !== undefined && items.length === 0 && <p>Aucune formation n'attend de relecture. Merci !</p>}
        {items.length > 0 && (
          <div className={fr.cx('fr-table', 'fr-table--no-caption')}>
            <div className={fr.cx('fr-table__wrapper')}>
              <div className={fr.cx('fr-table__container')}>
                <div className={fr.cx('fr-table__content')}>
                  <table>
                    <caption>Formations soumises à la relecture</caption>
                    <thead>
                      <tr>
                        <th scope="col">Formation</th>
                        <th scope="col">Version</th>
                        <th scope="col">Soumise le</th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((item, index) => (
                        <tr key={item.versionId} id={`relecture-${index}`} tabIndex={-1}>
                          <td>
                            <Link to={`/relecture/${item.versionId}`} state={{ slug: item.slug }}>
                              {item.title}
                            </Link>
                          </td>
                          <td>{item.number}</td>
                          <td>{formatDate(item.submittedAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            </div>
          </div>
        )}
        {queue.data?.nextCursor != null && (
          <Button priority="secondary" disabled={queue.loadingMore} onClick={queue.loadMore}>
            {queue.loadingMore ? 'Chargement…' : 'Afficher plus de formations à relire'}
          </Button>
        )}
      </section>
    </div>
  );
}
