import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState, type FormEvent, type ReactNode } from 'react';
import { TextField } from './fields';
import { useFocusAfterRender } from './focus';
import { FormAlert } from './form-alert';
import { emailError } from './form-errors';
import { toErrorBody } from '@academie/web-data-access';
import { unexpectedErrorMessage } from './error-messages';

export interface EmailRequestFormProps {
  /** Prefix of the ids in the form (two such forms never share a page). */
  idPrefix: string;
  submitLabel: string;
  /** Sends the request; the API answers 202 whatever the address (no account enumeration). */
  send: (email: string) => Promise<void>;
  /** Shown once sent: it must not tell whether an account exists for the address. */
  sentTitle: string;
  sentDescription: (email: string) => NonNullable<ReactNode>;
  hint?: string;
}

/** A one-field form that asks for an e-mail address: resend the verification, forgotten password. */
export function EmailRequestForm({ idPrefix, submitLabel, send, sentTitle, sentDescription, hint }: EmailRequestFormProps) {
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [sentTo, setSentTo] = useState<string | undefined>(undefined);
  const [submitting, setSubmitting] = useState(false);
  const focus = useFocusAfterRender();
  const fieldId = `${idPrefix}-email`;
  const alertId = `${idPrefix}-alerte`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const clientError = emailError(email);
    setError(clientError);
    setFailure(undefined);
    if (clientError !== undefined) {
      focus(fieldId);
      return;
    }
    setSubmitting(true);
    try {
      const address = email.trim();
      await send(address);
      setSentTo(address);
      focus(alertId);
    } catch (caught) {
      const body = toErrorBody(caught);
      if (body.statusCode === 400) {
        setError('Saisissez une adresse e-mail valide, au format nom@domaine.fr.');
        focus(fieldId);
      } else {
        setFailure(
          body.statusCode === 429
            ? 'Trop de demandes ont été faites. Patientez quelques minutes avant de réessayer.'
            : unexpectedErrorMessage(body),
        );
        focus(alertId);
      }
    } finally {
      setSubmitting(false);
    }
  }

  if (sentTo !== undefined) {
    return <FormAlert id={alertId} severity="success" title={sentTitle} description={sentDescription(sentTo)} as="h3" />;
  }

  return (
    <form noValidate onSubmit={onSubmit}>
      {failure !== undefined && <FormAlert id={alertId} severity="error" title="La demande n’a pas abouti" description={failure} as="h3" />}
      <TextField
        id={fieldId}
        name="email"
        type="email"
        label="Adresse e-mail"
        hint={hint ?? 'Format attendu : nom@domaine.fr'}
        value={email}
        onChange={setEmail}
        error={error}
        autoComplete="email"
        spellCheck={false}
      />
      <Button type="submit" disabled={submitting} className={fr.cx('fr-mt-1w')}>
        {submitting ? 'Envoi en cours…' : submitLabel}
      </Button>
    </form>
  );
}
