import { ENROLLMENT_STATUS_LABELS, type EnrollmentView } from '@academie/contracts';
import { RequireSignIn, useMyEnrollments, useProgressQueue, useProgressQueueState } from '@academie/web-data-access';
import { usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect } from 'react';
import { formatDate, plural } from './format';
import { playerPath } from './player-model';
import { ProgressBar } from './progress-bar';

const PAGE_TITLE = 'Mon parcours';

/** /mon-parcours: the courses the learner follows, where they are in each, and the ones completed. */
export function MyLearningPage() {
  usePageTitle(PAGE_TITLE);
  return <RequireSignIn>{() => <MyLearning />}</RequireSignIn>;
}

function MyLearning() {
  const queue = useProgressQueue();
  const queueState = useProgressQueueState(queue);
  const { data, error, loading, refresh } = useMyEnrollments();

  // Progress saved on this device but not sent yet (a lesson closed offline) counts: send it, then show.
  useEffect(() => {
    if (queue === null) return;
    if (queue.getState().pending > 0) void queue.flush();
    return queue.onAcknowledged(refresh);
  }, [queue, refresh]);

  const inProgress = data?.items.filter((item) => item.status === 'in_progress') ?? [];
  const completed = data?.items.filter((item) => item.status === 'completed') ?? [];
  const withdrawn = data?.items.filter((item) => item.status === 'withdrawn') ?? [];

  return (
    <div className={fr.cx('fr-container', 'fr-pb-6w', 'fr-mb-6w')}>
      <Breadcrumb currentPageLabel={PAGE_TITLE} homeLinkProps={{ to: '/' }} segments={[]} />
      <h1>{PAGE_TITLE}</h1>
      <p className={fr.cx('fr-text--lead', 'fr-mb-4w')}>Retrouvez les cours que vous suivez et reprenez là où vous vous êtes arrêté.</p>

      {queueState.pending > 0 && queueState.problem !== null && (
        <Alert
          className={fr.cx('fr-mb-4w')}
          severity="info"
          small
          description={`${plural(queueState.pending, 'étape')} de votre progression ${queueState.pending > 1 ? 'sont gardées' : 'est gardée'} sur cet appareil et ${queueState.pending > 1 ? 'seront envoyées' : 'sera envoyée'} dès le retour de la connexion.`}
        />
      )}

      <div aria-busy={loading}>
        {loading && <p role="status">Chargement de votre parcours…</p>}
        {error !== undefined && data === undefined && (
          <Alert
            severity="error"
            as="h2"
            title="Votre parcours est momentanément indisponible"
            description={
              <>
                <p className={fr.cx('fr-mb-2w')}>{error.statusCode === 0 ? error.message : 'Réessayez dans quelques instants.'}</p>
                <Button priority="secondary" size="small" onClick={refresh}>
                  Réessayer
                </Button>
              </>
            }
          />
        )}
        {data !== undefined && data.items.length === 0 && (
          <div className={fr.cx('fr-p-4w')} style={{ backgroundColor: fr.colors.decisions.background.alt.blueFrance.default }}>
            <h2 className={fr.cx('fr-h4')}>Vous ne suivez aucun cours pour le moment</h2>
            <p>Choisissez une formation courte et concrète dans le catalogue, puis inscrivez-vous : votre progression s’affichera ici.</p>
            <Button linkProps={{ to: '/' }}>Parcourir le catalogue</Button>
          </div>
        )}

        {inProgress.length > 0 && (
          <section aria-labelledby="parcours-en-cours" className={fr.cx('fr-mb-6w')}>
            <h2 id="parcours-en-cours">{`En cours (${inProgress.length})`}</h2>
            <EnrollmentList items={inProgress} />
          </section>
        )}
        {completed.length > 0 && (
          <section aria-labelledby="parcours-termines" className={fr.cx('fr-mb-6w')}>
            <h2 id="parcours-termines">{`Terminés (${completed.length})`}</h2>
            <EnrollmentList items={completed} />
          </section>
        )}
        {withdrawn.length > 0 && (
          <section aria-labelledby="parcours-quittes">
            <h2 id="parcours-quittes">{`Cours quittés (${withdrawn.length})`}</h2>
            <p>Votre progression est gardée : reprenez ces cours quand vous le souhaitez.</p>
            <EnrollmentList items={withdrawn} />
          </section>
        )}
      </div>
    </div>
  );
}

function EnrollmentList({ items }: { items: EnrollmentView[] }) {
  return (
    <ul className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-raw-list')}>
      {items.map((item) => (
        <li key={item.id} className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          <EnrollmentCard enrollment={item} />
        </li>
      ))}
    </ul>
  );
}

const STATUS_SEVERITY = { in_progress: 'info', completed: 'success', withdrawn: undefined } as const;

function EnrollmentCard({ enrollment }: { enrollment: EnrollmentView }) {
  const { progress, status } = enrollment;
  const titleId = `parcours-${enrollment.id}`;
  const started = enrollment.lastActivityAt !== null;
  const severity = STATUS_SEVERITY[status];
  return (
    <article
      aria-labelledby={titleId}
      className={fr.cx('fr-p-3w')}
      style={{ height: '100%', boxShadow: `inset 0 0 0 1px ${fr.colors.decisions.border.default.grey.default}` }}
    >
      <p className={fr.cx('fr-mb-1w')}>
        {severity === undefined ? (
          <Badge small noIcon>
            {ENROLLMENT_STATUS_LABELS[status]}
          </Badge>
        ) : (
          <Badge small severity={severity}>
            {ENROLLMENT_STATUS_LABELS[status]}
          </Badge>
        )}
      </p>
      <h3 id={titleId} className={fr.cx('fr-h5', 'fr-mb-2w')}>
        {enrollment.courseTitle}
      </h3>
      <ProgressBar
        percent={progress.percent}
        label={`Progression du cours « ${enrollment.courseTitle} »`}
        detail={`${progress.completedLessons} ${progress.completedLessons > 1 ? 'leçons obligatoires terminées' : 'leçon obligatoire terminée'} sur ${progress.requiredLessons}`}
      />
      <p className={fr.cx('fr-text--sm', 'fr-mb-2w')}>
        {status === 'completed' && enrollment.completedAt !== null
          ? `Terminé le ${formatDate(enrollment.completedAt)}`
          : enrollment.lastActivityAt !== null
            ? `Dernière activité le ${formatDate(enrollment.lastActivityAt)}`
            : `Inscrit le ${formatDate(enrollment.enrolledAt)}`}
      </p>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.75rem 1rem' }}>
        {status === 'completed' ? (
          <>
            <Button priority="secondary" size="small" linkProps={{ to: playerPath(enrollment.courseSlug), 'aria-label': `Revoir le cours « ${enrollment.courseTitle} »` }}>
              Revoir le cours
            </Button>
            <Button priority="tertiary" size="small" iconId="fr-icon-award-line" linkProps={{ to: '/mes-attestations' }}>
              Mon attestation
            </Button>
          </>
        ) : (
          <Button
            size="small"
            iconId="fr-icon-play-circle-line"
            linkProps={{
              to: playerPath(enrollment.courseSlug),
              'aria-label': `${started ? 'Reprendre' : 'Commencer'} le cours « ${enrollment.courseTitle} »`,
            }}
          >
            {started ? 'Reprendre' : 'Commencer'}
          </Button>
        )}
      </div>
    </article>
  );
}
