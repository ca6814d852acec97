import { fr } from '@codegouvfr/react-dsfr';
import type { ReactNode } from 'react';

/**
 * A table of a legal page, in the DSFR's simple markup (as react-dsfr's Table draws it, which has no row headers
 * nor merged cells): the newer wrapper makes a scrolling box that a keyboard cannot reach (axe
 * scrollable-region-focusable), for tables that never need to scroll on a computer.
 */
export function LegalTable({ caption, children }: { caption: string; children: ReactNode }) {
  return (
    <div className={fr.cx('fr-table')}>
      <table>
        <caption>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
