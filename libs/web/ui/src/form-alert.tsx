import { fr } from '@codegouvfr/react-dsfr';
import { Alert, type AlertProps } from '@codegouvfr/react-dsfr/Alert';
import type { ReactNode } from 'react';

export interface FormAlertProps {
  /** Id of the focusable wrapper, to move the focus to the alert after a submit. */
  id: string;
  severity: AlertProps.Severity;
  title: string;
  description?: NonNullable<ReactNode>;
  /** Heading level of the alert's title (default h2). */
  as?: AlertProps['as'];
}

/** A DSFR alert that can take the focus (after a submit, the person lands on the explanation). */
export function FormAlert({ id, severity, title, description, as = 'h2' }: FormAlertProps) {
  return (
    <div id={id} tabIndex={-1} className={fr.cx('fr-mb-4w')}>
      {description === undefined ? (
        <Alert severity={severity} as={as} title={title} />
      ) : (
        <Alert severity={severity} as={as} title={title} description={description} />
      )}
    </div>
  );
}
