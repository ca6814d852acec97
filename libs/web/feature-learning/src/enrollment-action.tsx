import { type EnrollmentView } from '@academie/contracts';
import { enroll, signInPath, toErrorBody, useAuth, useMyEnrollments } from '@academie/web-data-access';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useId, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { playerPath } from './player-model';

export interface EnrollmentActionProps {
  courseId: string;
  courseSlug: string;
  /** Called with the enrollment once the learner enrolled (default: open the course player). */
  onEnrolled?: (enrollment: EnrollmentView) => void;
}

/**
 * The course's call to action, for the course page and the player: « S'inscrire à ce cours » (sign in first
 * when signed out), « Reprendre le cours » with the percent done, or « Revoir le cours » once completed.
 */
export function EnrollmentAction({ courseId, courseSlug, onEnrolled }: EnrollmentActionProps) {
  const { status } = useAuth();
  const location = useLocation();

  if (status === 'anonymous') {
    return (
      <Button iconId="fr-icon-account-circle-line" linkProps={{ to: signInPath(`${location.pathname}${location.search}`) }}>
        Se connecter pour s’inscrire
      </Button>
    );
  }
  if (status === 'loading') return <Button disabled>S’inscrire à ce cours</Button>;
  return <SignedInAction courseId={courseId} courseSlug={courseSlug} onEnrolled={onEnrolled} />;
}

function SignedInAction({ courseId, courseSlug, onEnrolled }: EnrollmentActionProps) {
  const { data, error: loadError } = useMyEnrollments();
  const navigate = useNavigate();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const errorId = useId();
  const enrollment = data?.items.find((item) => item.courseId === courseId);

  if (enrollment !== undefined && enrollment.status === 'completed') {
    return (
      <div>
        <p className={fr.cx('fr-mb-2w')}>
          <Badge severity="success">Terminé</Badge>
        </p>
        <Button priority="secondary" linkProps={{ to: playerPath(courseSlug) }}>
          Revoir le cours
        </Button>
      </div>
    );
  }
  if (enrollment !== undefined && enrollment.status === 'in_progress') {
    return (
      <div>
        <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>{`Vous avez terminé ${enrollment.progress.percent} % de ce cours.`}</p>
        <Button iconId="fr-icon-play-circle-line" linkProps={{ to: playerPath(courseSlug) }}>
          Reprendre le cours
        </Button>
      </div>
    );
  }

  const withdrawn = enrollment?.status === 'withdrawn';
  const submit = () => {
    setSending(true);
    setError(undefined);
    enroll(courseId).then(
      (created) => {
        setSending(false);
        if (onEnrolled) onEnrolled(created);
        else navigate(playerPath(courseSlug));
      },
      (failure: unknown) => {
        setSending(false);
        const body = toErrorBody(failure);
        setError(
          body.statusCode === 404
            ? 'Ce cours n’est plus proposé : l’inscription est impossible.'
            : body.statusCode === 0
              ? body.message
              : 'L’inscription n’a pas pu être enregistrée. Réessayez dans quelques instants.',
        );
      },
    );
  };

  return (
    <div>
      <Button
        iconId="fr-icon-add-circle-line"
        disabled={sending || (data === undefined && loadError === undefined)}
        onClick={submit}
        nativeButtonProps={{ 'aria-describedby': error === undefined ? undefined : errorId }}
      >
        {withdrawn ? 'Reprendre ce cours' : 'S’inscrire à ce cours'}
      </Button>
      {error !== undefined && (
        <p id={errorId} role="alert" className={fr.cx('fr-message', 'fr-message--error', 'fr-mt-1w')}>
          {error}
        </p>
      )}
    </div>
  );
}
