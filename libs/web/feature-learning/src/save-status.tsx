import type { ProgressQueueState } from '@academie/web-data-access';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { formatWait, plural } from './format';

export interface SaveStatusProps {
  state: ProgressQueueState;
  now: number;
  onRetry: () => void;
  signInPath: string;
}

/**
 * Whether the learner's progress is saved. The sentence changes only when something goes wrong or comes
 * right again, so that the live region does not speak at every save.
 */
export function SaveStatus({ state, now, onRetry, signInPath }: SaveStatusProps) {
  const waiting = state.pending > 0 && state.problem !== null;
  const pending = plural(state.pending, 'étape');
  const retryIn = state.retryAt === null ? null : Math.max(0, Math.ceil((state.retryAt - now) / 1000));

  let message: string;
  if (!waiting) message = 'Votre progression est enregistrée au fur et à mesure.';
  else if (state.problem === 'offline') message = `Connexion perdue : ${pending} de votre progression ${state.pending > 1 ? 'sont gardées' : 'est gardée'} sur cet appareil et ${state.pending > 1 ? 'seront envoyées' : 'sera envoyée'} dès le retour de la connexion.`;
  else if (state.problem === 'session') message = `Votre session a expiré : reconnectez-vous pour enregistrer ${pending} de votre progression, gardées sur cet appareil.`;
  else message = `Le service ne répond pas : ${pending} de votre progression ${state.pending > 1 ? 'sont gardées' : 'est gardée'} sur cet appareil.`;

  return (
    <div
      className={fr.cx('fr-mb-3w', 'fr-p-2w')}
      style={{
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        gap: '0.5rem 1rem',
        backgroundColor: waiting ? fr.colors.decisions.background.contrast.warning.default : fr.colors.decisions.background.alt.grey.default,
      }}
    >
      <p role="status" className={fr.cx('fr-text--sm', 'fr-mb-0')} style={{ flex: '1 1 16rem' }}>
        <span
          className={fr.cx(waiting ? 'fr-icon-signal-wifi-error-line' : 'fr-icon-checkbox-circle-line', 'fr-icon--sm', 'fr-mr-1w')}
          aria-hidden="true"
        />
        {message}
      </p>
      {waiting && state.problem !== 'session' && (
        <>
          {retryIn !== null && retryIn > 0 && !state.sending && (
            <span className={fr.cx('fr-text--xs', 'fr-mb-0')}>{`Nouvel essai dans ${formatWait(retryIn)}.`}</span>
          )}
          <Button size="small" priority="secondary" onClick={onRetry}>
            Réessayer maintenant
          </Button>
        </>
      )}
      {waiting && state.problem === 'session' && (
        <Button size="small" priority="secondary" linkProps={{ to: signInPath }}>
          Se reconnecter
        </Button>
      )}
    </div>
  );
}
