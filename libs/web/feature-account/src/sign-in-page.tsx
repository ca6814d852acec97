import type { ErrorBody, LoginRequest } from '@academie/contracts';
import { ApiError, toErrorBody, useAuth } from '@academie/web-data-access';
import { usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { AccountShell, RequiredFieldsNote } from './account-shell';
import { titleWithErrors, unexpectedErrorMessage } from './error-messages';
import { PasswordField, TextField } from './fields';
import { useFocusAfterRender } from './focus';
import { FormAlert } from './form-alert';
import { emailError, firstFieldInError, hasErrors, MESSAGES, requiredError, type FieldErrors } from './form-errors';
import { destinationAfterSignIn, RETURN_PARAM, safeReturnPath, ssoFailureMessage } from './redirect';
import { SsoSection } from './sso-section';
import { formatWait } from './wait-time';

type Field = keyof LoginRequest;
const FIELD_ORDER: readonly Field[] = ['email', 'password'];
const FIELD_ID: Record<Field, string> = { email: 'connexion-email', password: 'connexion-mot-de-passe' };
const ALERT_ID = 'connexion-alerte';

interface SignInFailure {
  title: string;
  description: NonNullable<ReactNode>;
}

/** What a refused sign-in means for the person: wrong credentials, suspended account, too many tries. */
export function signInFailure(error: unknown): SignInFailure {
  const body: ErrorBody = toErrorBody(error);
  switch (body.statusCode) {
    case 400:
    case 401:
      return {
        title: 'Adresse e-mail ou mot de passe incorrect',
        description: 'Vérifiez votre adresse e-mail et votre mot de passe, puis réessayez. Les majuscules comptent.',
      };
    case 403:
      return {
        title: 'Votre compte est suspendu',
        description:
          'Vous ne pouvez plus vous connecter avec ce compte pour le moment. Pour en connaître la raison, écrivez à l’équipe de l’Académie de l’IA.',
      };
    case 429: {
      const seconds = error instanceof ApiError ? error.retryAfterSeconds : undefined;
      return {
        title: 'Trop de tentatives de connexion',
        description:
          seconds === undefined
            ? 'Pour protéger votre compte, les connexions sont bloquées quelques minutes. Patientez avant de réessayer.'
            : `Pour protéger votre compte, les connexions sont bloquées pendant ${formatWait(seconds)}. Patientez avant de réessayer.`,
      };
    }
    default:
      return { title: 'La connexion n’a pas abouti', description: unexpectedErrorMessage(body) };
  }
}

/** /connexion: e-mail and password, or an SSO provider; then back where the person came from. */
export function SignInPage() {
  const { status, user, login } = useAuth();
  const [searchParams] = useSearchParams();
  const returnPath = safeReturnPath(searchParams.get(RETURN_PARAM));
  // The API's SSO callback comes back here with the reason when it could not open a session.
  const ssoError = searchParams.get('erreur');
  const [values, setValues] = useState<LoginRequest>({ email: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [failure, setFailure] = useState<SignInFailure | undefined>(undefined);
  const [submitting, setSubmitting] = useState(false);
  const focus = useFocusAfterRender();

  usePageTitle(titleWithErrors('Connexion', hasErrors(errors) || failure !== undefined || ssoError !== null));

  // Signed in (by this form, or already when arriving here): on to the next page.
  if (status === 'authenticated' && user !== null) {
    return <Navigate to={destinationAfterSignIn(user, returnPath)} replace />;
  }

  const set = (field: Field) => (value: string) => setValues((previous) => ({ ...previous, [field]: value }));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const clientErrors: FieldErrors<Field> = {
      email: emailError(values.email),
      password: requiredError(values.password, MESSAGES.passwordMissing),
    };
    setFailure(undefined);
    setErrors(clientErrors);
    const first = firstFieldInError(FIELD_ORDER, clientErrors);
    if (first !== undefined) {
      focus(FIELD_ID[first]);
      return;
    }
    setSubmitting(true);
    try {
      await login({ email: values.email.trim(), password: values.password });
      // The session is open: this page re-renders and redirects (above).
    } catch (error) {
      setFailure(signInFailure(error));
      setValues((previous) => ({ ...previous, password: '' }));
      focus(ALERT_ID);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <AccountShell>
      <h1>Connexion à l’Académie de l’IA</h1>
      {ssoError !== null && failure === undefined && <FormAlert id="connexion-sso-alerte" severity="error" {...ssoFailureMessage(ssoError)} />}
      <SsoSection verb="sign-in" returnPath={returnPath} />
      <form noValidate onSubmit={onSubmit}>
        <fieldset className={fr.cx('fr-fieldset')} aria-labelledby="connexion-titre connexion-mentions">
          <legend className={fr.cx('fr-fieldset__legend')} id="connexion-titre">
            <h2 className={fr.cx('fr-h4')}>Se connecter avec son compte</h2>
          </legend>
          <div className={fr.cx('fr-fieldset__element')}>
            <RequiredFieldsNote id="connexion-mentions" />
            {failure !== undefined && (
              <FormAlert id={ALERT_ID} severity="error" title={failure.title} description={failure.description} as="h3" />
            )}
          </div>
          <div className={fr.cx('fr-fieldset__element')}>
            <TextField
              id={FIELD_ID.email}
              name="email"
              type="email"
              label="Adresse e-mail"
              hint="Format attendu : nom@domaine.fr"
              value={values.email}
              onChange={set('email')}
              error={errors.email}
              autoComplete="email"
              spellCheck={false}
            />
          </div>
          <div className={fr.cx('fr-fieldset__element')}>
            <PasswordField
              id={FIELD_ID.password}
              name="password"
              label="Mot de passe"
              value={values.password}
              onChange={set('password')}
              error={errors.password}
              autoComplete="current-password"
            />
            <p className={fr.cx('fr-mt-n2v', 'fr-mb-4v')}>
              <Link className={fr.cx('fr-link')} to="/mot-de-passe-oublie">
                Mot de passe oublié ?
              </Link>
            </p>
          </div>
        </fieldset>
        <Button type="submit" disabled={submitting}>
          {submitting ? 'Connexion…' : 'Se connecter'}
        </Button>
      </form>
      <hr className={fr.cx('fr-mt-6w')} />
      <h2 className={fr.cx('fr-h4')}>Vous n’avez pas de compte ?</h2>
      <Button priority="secondary" linkProps={{ to: '/inscription' }}>
        Créer un compte
      </Button>
    </AccountShell>
  );
}
