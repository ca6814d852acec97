import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import type { InputHTMLAttributes, ReactNode } from 'react';

export interface TextFieldProps {
  /** Id of the `<input>` or `<textarea>`, also the target of the focus when the field is in error. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /** The message shown under the field, tied to it by aria-describedby (DSFR state "error"). */
  error?: string;
  required?: boolean;
  /** A `<textarea>` of this many rows instead of an `<input>`. */
  rows?: number;
  type?: 'text' | 'url' | 'number';
  inputMode?: InputHTMLAttributes<HTMLInputElement>['inputMode'];
  maxLength?: number;
  disabled?: boolean;
  className?: string;
  /** Monospaced text (Markdown, WebVTT). */
  code?: boolean;
  spellCheck?: boolean;
}

/** A DSFR text field whose error message is tied to it (state="error" + stateRelatedMessage). */
export function TextField({
  id,
  label,
  hint,
  value,
  onChange,
  error,
  required = true,
  rows,
  type = 'text',
  inputMode,
  maxLength,
  disabled,
  className,
  code = false,
  spellCheck,
}: TextFieldProps) {
  const common = {
    label,
    hintText: hint,
    disabled,
    className,
    state: error === undefined ? ('default' as const) : ('error' as const),
    stateRelatedMessage: error,
  };
  const style = code ? { fontFamily: 'monospace' } : undefined;
  if (rows !== undefined) {
    return (
      <Input
        {...common}
        textArea
        nativeTextAreaProps={{
          id,
          rows,
          value,
          required,
          maxLength,
          spellCheck,
          style,
          'aria-invalid': error === undefined ? undefined : true,
          onChange: (event) => onChange(event.target.value),
        }}
      />
    );
  }
  return (
    <Input
      {...common}
      nativeInputProps={{
        id,
        type,
        value,
        required,
        inputMode,
        maxLength,
        spellCheck,
        style,
        'aria-invalid': error === undefined ? undefined : true,
        onChange: (event) => onChange(event.target.value),
      }}
    />
  );
}

/** The DSFR note that starts every form whose fields are all required unless marked otherwise. */
export function RequiredFieldsNote() {
  return <p className={fr.cx('fr-text--sm', 'fr-mb-3w')}>Sauf mention contraire, tous les champs sont obligatoires.</p>;
}
