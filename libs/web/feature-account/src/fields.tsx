import { PASSWORD_MIN_LENGTH } from '@academie/contracts';
import { fr } from '@codegouvfr/react-dsfr';
import { PasswordInput, type PasswordInputProps } from '@codegouvfr/react-dsfr/blocks/PasswordInput';
import { Input } from '@codegouvfr/react-dsfr/Input';
import type { HTMLInputAutoCompleteAttribute, InputHTMLAttributes, ReactNode } from 'react';
import { passwordLength } from './form-errors';

export interface TextFieldProps {
  /** Id of the `<input>`, also the target of the focus when the field is in error. */
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** The message shown under the field, tied to it by aria-describedby (DSFR state "error"). */
  error?: string;
  type?: 'text' | 'email';
  autoComplete?: HTMLAutoFill;
  inputMode?: InputHTMLAttributes<HTMLInputElement>['inputMode'];
  required?: boolean;
  spellCheck?: boolean;
}

type HTMLAutoFill = HTMLInputAutoCompleteAttribute;

/** A DSFR text input whose error message is tied to the field (state="error" + stateRelatedMessage). */
export function TextField({
  id,
  name,
  label,
  hint,
  value,
  onChange,
  error,
  type = 'text',
  autoComplete,
  inputMode,
  required = true,
  spellCheck,
}: TextFieldProps) {
  return (
    <Input
      label={label}
      hintText={hint}
      state={error === undefined ? 'default' : 'error'}
      stateRelatedMessage={error}
      nativeInputProps={{
        id,
        name,
        type,
        value,
        autoComplete,
        inputMode,
        required,
        spellCheck,
        'aria-invalid': error === undefined ? undefined : true,
        onChange: (event) => onChange(event.target.value),
      }}
    />
  );
}

export interface PasswordFieldProps {
  id: string;
  name: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  autoComplete: 'new-password' | 'current-password';
  /** Shows the rule « 12 caractères minimum » and its state as the person types (new passwords). */
  showRule?: boolean;
}

/**
 * The DSFR password field (with its « Afficher » toggle). For a new password it lists the rule, in
 * grey, then green once met, or red after a submit that failed on it.
 */
export function PasswordField({ id, name, label, value, onChange, error, autoComplete, showRule = false }: PasswordFieldProps) {
  const long = passwordLength(value) >= PASSWORD_MIN_LENGTH;
  const messages: NonNullable<PasswordInputProps['messages']> = [];
  if (showRule) {
    const severity: PasswordInputProps.Severity = long ? 'valid' : error !== undefined ? 'error' : 'info';
    if (error !== undefined && long) messages.push({ severity: 'error', message: error });
    messages.push({ severity, message: `${PASSWORD_MIN_LENGTH} caractères minimum` });
  } else if (error !== undefined) {
    messages.push({ severity: 'error', message: error });
  }
  return (
    <PasswordInput
      className={fr.cx('fr-mb-5v')}
      label={label}
      hintText={showRule ? 'Une phrase de plusieurs mots est facile à retenir et difficile à deviner.' : undefined}
      messagesHint={showRule ? 'Votre mot de passe doit contenir :' : ''}
      messages={messages}
      nativeInputProps={{
        id,
        name,
        value,
        autoComplete,
        required: true,
        'aria-invalid': error === undefined ? undefined : true,
        onChange: (event) => onChange(event.target.value),
      }}
    />
  );
}
