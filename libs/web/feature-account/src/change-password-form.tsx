import type { ChangePasswordRequest } from '@academie/contracts';
import { changePassword, toErrorBody } from '@academie/web-data-access';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { fr } from '@codegouvfr/react-dsfr';
import { useState, type FormEvent } from 'react';
import { unexpectedErrorMessage } from './error-messages';
import { PasswordField } from './fields';
import { useFocusAfterRender } from './focus';
import { FormAlert } from './form-alert';
import {
  fieldErrorsFromApi,
  firstFieldInError,
  newPasswordError,
  passwordRefusalMessage,
  requiredError,
  type FieldErrors,
  type FieldMessage,
} from './form-errors';

type Field = keyof ChangePasswordRequest;
const FIELD_ORDER: readonly Field[] = ['currentPassword', 'newPassword'];
const FIELD_ID: Record<Field, string> = { currentPassword: 'mdp-actuel', newPassword: 'mdp-nouveau' };
const ALERT_ID = 'mdp-alerte';
const WRONG_CURRENT = 'Le mot de passe actuel est incorrect.';
const API_MESSAGES: Record<Field, FieldMessage> = { currentPassword: WRONG_CURRENT, newPassword: passwordRefusalMessage };

type Outcome = { state: 'idle' } | { state: 'changed' } | { state: 'failed'; message: string };

/** POST /api/me/password: the current password, then the new one. */
export function ChangePasswordForm() {
  const [values, setValues] = useState<ChangePasswordRequest>({ currentPassword: '', newPassword: '' });
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const [submitting, setSubmitting] = useState(false);
  const focus = useFocusAfterRender();

  const set = (field: Field) => (value: string) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    setOutcome((previous) => (previous.state === 'changed' ? { state: 'idle' } : previous));
  };

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const clientErrors: FieldErrors<Field> = {
      currentPassword: requiredError(values.currentPassword, 'Saisissez votre mot de passe actuel.'),
      newPassword: newPasswordError(values.newPassword),
    };
    setErrors(clientErrors);
    setOutcome({ state: 'idle' });
    const first = firstFieldInError(FIELD_ORDER, clientErrors);
    if (first !== undefined) {
      focus(FIELD_ID[first]);
      return;
    }
    setSubmitting(true);
    try {
      await changePassword(values);
      setValues({ currentPassword: '', newPassword: '' });
      setOutcome({ state: 'changed' });
      focus(ALERT_ID);
    } catch (error) {
      const body = toErrorBody(error);
      let fieldErrors: FieldErrors<Field> = {};
      if (body.statusCode === 400) fieldErrors = fieldErrorsFromApi(body, API_MESSAGES).fieldErrors;
      // A wrong current password may also be answered 401 or 403, without details.
      if ((body.statusCode === 401 || body.statusCode === 403) && body.details.length === 0) fieldErrors = { currentPassword: WRONG_CURRENT };
      const firstServerField = firstFieldInError(FIELD_ORDER, fieldErrors);
      setErrors(fieldErrors);
      if (firstServerField !== undefined) {
        focus(FIELD_ID[firstServerField]);
      } else {
        setOutcome({ state: 'failed', message: unexpectedErrorMessage(body) });
        focus(ALERT_ID);
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="mot-de-passe-titre">
      {outcome.state === 'changed' && (
        <FormAlert
          id={ALERT_ID}
          severity="success"
          as="h3"
          title="Votre mot de passe est modifié"
          description="Un e-mail de confirmation vous a été envoyé."
        />
      )}
      {outcome.state === 'failed' && (
        <FormAlert id={ALERT_ID} severity="error" as="h3" title="Le mot de passe n’a pas été modifié" description={outcome.message} />
      )}
      <PasswordField
        id={FIELD_ID.currentPassword}
        name="currentPassword"
        label="Mot de passe actuel"
        value={values.currentPassword}
        onChange={set('currentPassword')}
        error={errors.currentPassword}
        autoComplete="current-password"
      />
      <PasswordField
        id={FIELD_ID.newPassword}
        name="newPassword"
        label="Nouveau mot de passe"
        value={values.newPassword}
        onChange={set('newPassword')}
        error={errors.newPassword}
        autoComplete="new-password"
        showRule
      />
      <Button type="submit" priority="secondary" disabled={submitting} className={fr.cx('fr-mt-1w')}>
        {submitting ? 'Modification…' : 'Modifier mon mot de passe'}
      </Button>
    </form>
  );
}
