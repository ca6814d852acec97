import { resetPassword, toErrorBody } from '@academie/web-data-access';
import { usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { AccountShell } from './account-shell';
import { titleWithErrors, unexpectedErrorMessage } from './error-messages';
import { PasswordField } from './fields';
import { useFocusAfterRender } from './focus';
import { FormAlert } from './form-alert';
import { fieldErrorsFromApi, newPasswordError, passwordRefusalMessage } from './form-errors';

const FIELD_ID = 'reinitialisation-mot-de-passe';
const ALERT_ID = 'reinitialisation-alerte';

type Outcome = { state: 'form' } | { state: 'done' } | { state: 'invalid-link' } | { state: 'failed'; message: string };

/** /reinitialiser-mot-de-passe?token=…: chooses a new password from the link of the e-mail. */
export function ResetPasswordPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [outcome, setOutcome] = useState<Outcome>(token === '' ? { state: 'invalid-link' } : { state: 'form' });
  const [submitting, setSubmitting] = useState(false);
  const focus = useFocusAfterRender();

  usePageTitle(
    outcome.state === 'done'
      ? 'Mot de passe modifié'
      : titleWithErrors('Nouveau mot de passe', error !== undefined || outcome.state !== 'form'),
  );

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const clientError = newPasswordError(password);
    setError(clientError);
    if (clientError !== undefined) {
      focus(FIELD_ID);
      return;
    }
    setSubmitting(true);
    try {
      await resetPassword({ token, password });
      setOutcome({ state: 'done' });
      focus(ALERT_ID);
    } catch (caught) {
      const body = toErrorBody(caught);
      const { fieldErrors } = fieldErrorsFromApi(body, { password: passwordRefusalMessage });
      if (body.statusCode === 400 && fieldErrors.password !== undefined) {
        setError(fieldErrors.password);
        focus(FIELD_ID);
      } else if (body.statusCode === 400 || body.statusCode === 404) {
        setOutcome({ state: 'invalid-link' });
        focus(ALERT_ID);
      } else {
        setOutcome({ state: 'failed', message: unexpectedErrorMessage(body) });
        focus(ALERT_ID);
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <AccountShell>
      <h1>Choisir un nouveau mot de passe</h1>
      {outcome.state === 'done' && (
        <>
          <FormAlert
            id={ALERT_ID}
            severity="success"
            title="Votre mot de passe est modifié"
            description="Par sécurité, vous avez été déconnecté de tous vos appareils. Connectez-vous avec votre nouveau mot de passe."
          />
          <Button linkProps={{ to: '/connexion' }}>Se connecter</Button>
        </>
      )}
      {outcome.state === 'invalid-link' && (
        <>
          <FormAlert
            id={ALERT_ID}
            severity="error"
            title="Ce lien n’est plus valable"
            description="Un lien de réinitialisation sert une seule fois et expire au bout d’une heure. Demandez-en un nouveau."
          />
          <Button linkProps={{ to: '/mot-de-passe-oublie' }}>Demander un nouveau lien</Button>
        </>
      )}
      {(outcome.state === 'form' || outcome.state === 'failed') && (
        <form noValidate onSubmit={onSubmit}>
          {outcome.state === 'failed' && (
            <FormAlert id={ALERT_ID} severity="error" title="Le mot de passe n’a pas pu être modifié" description={outcome.message} />
          )}
          <PasswordField
            id={FIELD_ID}
            name="password"
            label="Nouveau mot de passe"
            value={password}
            onChange={setPassword}
            error={error}
            autoComplete="new-password"
            showRule
          />
          <Button type="submit" disabled={submitting}>
            {submitting ? 'Enregistrement…' : 'Enregistrer le nouveau mot de passe'}
          </Button>
          <p className={fr.cx('fr-mt-4w')}>
            <Link className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')} to="/connexion">
              Retour à la connexion
            </Link>
          </p>
        </form>
      )}
    </AccountShell>
  );
}
