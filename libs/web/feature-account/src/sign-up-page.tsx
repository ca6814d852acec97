import type { RegisterRequest } from '@academie/contracts';
import { register, resendVerificationEmail, toErrorBody, useAuth } from '@academie/web-data-access';
import { usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState, type FormEvent } from 'react';
import { Navigate } from 'react-router';
import { AccountShell, RequiredFieldsNote } from './account-shell';
import { titleWithErrors, unexpectedErrorMessage } from './error-messages';
import { PasswordField, TextField } from './fields';
import { useFocusAfterRender } from './focus';
import { FormAlert } from './form-alert';
import {
  emailError,
  fieldErrorsFromApi,
  firstFieldInError,
  hasErrors,
  MESSAGES,
  newPasswordError,
  passwordRefusalMessage,
  requiredError,
  type FieldErrors,
  type FieldMessage,
} from './form-errors';
import { SsoSection } from './sso-section';

type Field = keyof RegisterRequest;
const FIELD_ORDER: readonly Field[] = ['firstName', 'lastName', 'email', 'password'];
const FIELD_ID: Record<Field, string> = {
  firstName: 'inscription-prenom',
  lastName: 'inscription-nom',
  email: 'inscription-email',
  password: 'inscription-mot-de-passe',
};
/** The message of each field when the API refuses it. */
const API_MESSAGES: Record<Field, FieldMessage> = {
  firstName: 'Saisissez votre prénom (100 caractères au plus).',
  lastName: 'Saisissez votre nom (100 caractères au plus).',
  email: MESSAGES.emailInvalid,
  password: passwordRefusalMessage,
};
const ALERT_ID = 'inscription-alerte';

function validate(values: RegisterRequest): FieldErrors<Field> {
  return {
    firstName: requiredError(values.firstName, MESSAGES.firstNameMissing),
    lastName: requiredError(values.lastName, MESSAGES.lastNameMissing),
    email: emailError(values.email),
    password: newPasswordError(values.password),
  };
}

/** /inscription: creates an account, then asks the person to open the e-mail that verifies it. */
export function SignUpPage() {
  const [values, setValues] = useState<RegisterRequest>({ firstName: '', lastName: '', email: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string | undefined>(undefined);
  const [submitting, setSubmitting] = useState(false);
  const [registeredEmail, setRegisteredEmail] = useState<string | undefined>(undefined);
  const focus = useFocusAfterRender();

  const failed = hasErrors(errors) || formError !== undefined;
  usePageTitle(registeredEmail === undefined ? titleWithErrors('Création de compte', failed) : 'Vérifiez votre boîte mail');

  const { status } = useAuth();
  // Already signed in: there is no account to create, the profile is where to go.
  if (status === 'authenticated' && registeredEmail === undefined) return <Navigate to="/mon-profil" replace />;

  const set = (field: Field) => (value: string) => setValues((previous) => ({ ...previous, [field]: value }));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const clientErrors = validate(values);
    setFormError(undefined);
    setErrors(clientErrors);
    const first = firstFieldInError(FIELD_ORDER, clientErrors);
    if (first !== undefined) {
      focus(FIELD_ID[first]);
      return;
    }
    setSubmitting(true);
    try {
      const email = values.email.trim();
      await register({ firstName: values.firstName.trim(), lastName: values.lastName.trim(), email, password: values.password });
      setRegisteredEmail(email);
      focus('inscription-verifiez');
    } catch (error) {
      const body = toErrorBody(error);
      const { fieldErrors } = body.statusCode === 400 ? fieldErrorsFromApi(body, API_MESSAGES) : { fieldErrors: {} };
      const firstServerField = firstFieldInError(FIELD_ORDER, fieldErrors);
      setErrors(fieldErrors);
      if (firstServerField !== undefined) {
        focus(FIELD_ID[firstServerField]);
      } else {
        setFormError(
          body.statusCode === 429 ? 'Trop de demandes ont été faites depuis votre connexion. Réessayez dans quelques minutes.' : unexpectedErrorMessage(body),
        );
        focus(ALERT_ID);
      }
    } finally {
      setSubmitting(false);
    }
  }

  if (registeredEmail !== undefined) {
    return (
      <AccountShell>
        <CheckYourMailbox
          email={registeredEmail}
          onChangeAddress={() => {
            setRegisteredEmail(undefined);
            setValues((previous) => ({ ...previous, password: '' }));
            focus(FIELD_ID.email);
          }}
        />
      </AccountShell>
    );
  }

  return (
    <AccountShell>
      <h1>Création de compte sur l’Académie de l’IA</h1>
      <SsoSection verb="create" />
      <form noValidate onSubmit={onSubmit}>
        <fieldset className={fr.cx('fr-fieldset')} aria-labelledby="inscription-titre inscription-mentions">
          <legend className={fr.cx('fr-fieldset__legend')} id="inscription-titre">
            <h2 className={fr.cx('fr-h4')}>Se créer un compte avec son adresse e-mail</h2>
          </legend>
          <div className={fr.cx('fr-fieldset__element')}>
            <RequiredFieldsNote id="inscription-mentions" />
            {formError !== undefined && (
              <FormAlert id={ALERT_ID} severity="error" title="Votre compte n’a pas pu être créé" description={formError} as="h3" />
            )}
          </div>
          <div className={fr.cx('fr-fieldset__element')}>
            <TextField
              id={FIELD_ID.firstName}
              name="firstName"
              label="Prénom"
              value={values.firstName}
              onChange={set('firstName')}
              error={errors.firstName}
              autoComplete="given-name"
            />
          </div>
          <div className={fr.cx('fr-fieldset__element')}>
            <TextField
              id={FIELD_ID.lastName}
              name="lastName"
              label="Nom"
              value={values.lastName}
              onChange={set('lastName')}
              error={errors.lastName}
              autoComplete="family-name"
            />
          </div>
          <div className={fr.cx('fr-fieldset__element')}>
            <TextField
              id={FIELD_ID.email}
              name="email"
              type="email"
              label="Adresse e-mail"
              hint="Format attendu : nom@domaine.fr. Nous y enverrons un lien pour confirmer votre adresse."
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
              autoComplete="new-password"
              showRule
            />
          </div>
        </fieldset>
        <p className={fr.cx('fr-text--sm')}>
          Vos données servent à vous donner accès aux formations et à établir vos attestations. Vous pouvez les
          télécharger ou supprimer votre compte à tout moment depuis votre profil.
        </p>
        <Button type="submit" disabled={submitting}>
          {submitting ? 'Création du compte…' : 'Créer mon compte'}
        </Button>
      </form>
      <hr className={fr.cx('fr-mt-6w')} />
      <h2 className={fr.cx('fr-h4')}>Vous avez déjà un compte ?</h2>
      <Button priority="secondary" linkProps={{ to: '/connexion' }}>
        Se connecter
      </Button>
    </AccountShell>
  );
}

type ResendState = 'idle' | 'sending' | 'sent' | 'failed';

/** The step after sign-up: the verification e-mail is on its way; the person may ask for it again. */
function CheckYourMailbox({ email, onChangeAddress }: { email: string; onChangeAddress: () => void }) {
  const [resend, setResend] = useState<ResendState>('idle');

  async function onResend() {
    setResend('sending');
    try {
      await resendVerificationEmail(email);
      setResend('sent');
    } catch {
      setResend('failed');
    }
  }

  return (
    <>
      <h1 id="inscription-verifiez" tabIndex={-1}>
        Vérifiez votre boîte mail
      </h1>
      <p className={fr.cx('fr-text--lead')}>
        Nous avons envoyé un e-mail à <strong>{email}</strong>.
      </p>
      <p>
        Cliquez sur le lien qu’il contient pour confirmer votre adresse et activer votre compte. Le lien est
        valable pendant une durée limitée.
      </p>
      <p className={fr.cx('fr-text--sm')}>
        Vous ne le trouvez pas ? Regardez dans vos courriers indésirables (spam). Si votre adresse avait déjà
        servi à créer un compte, l’e-mail vous l’indique.
      </p>
      <div aria-live="polite">
        {resend === 'sent' && (
          <p className={fr.cx('fr-message', 'fr-message--valid', 'fr-mb-2w')}>Un nouvel e-mail vient de vous être envoyé.</p>
        )}
        {resend === 'failed' && (
          <p className={fr.cx('fr-message', 'fr-message--error', 'fr-mb-2w')}>
            L’e-mail n’a pas pu être renvoyé. Réessayez dans quelques instants.
          </p>
        )}
      </div>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
        <li>
          <Button priority="secondary" onClick={onResend} disabled={resend === 'sending'}>
            {resend === 'sending' ? 'Envoi en cours…' : 'Renvoyer l’e-mail'}
          </Button>
        </li>
        <li>
          <Button priority="tertiary" linkProps={{ to: '/connexion' }}>
            Aller à la page de connexion
          </Button>
        </li>
      </ul>
      <p className={fr.cx('fr-text--sm', 'fr-mt-3w')}>
        Ce n’est pas la bonne adresse ?{' '}
        <button type="button" className={fr.cx('fr-link', 'fr-text--sm')} onClick={onChangeAddress}>
          Corriger mon adresse e-mail
        </button>
      </p>
    </>
  );
}
