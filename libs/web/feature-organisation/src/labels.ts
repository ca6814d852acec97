import { useState } from 'react';
import type { OrganisationRole } from '@academie/contracts';

/** Each role in plain French, as the person reads it. */
export const ROLE_LABELS: Record<OrganisationRole, string> = {
  org_admin: 'Administrateur',
  org_manager: 'Responsable',
  member: 'Membre',
};

export const isManager = (role: OrganisationRole): boolean => role === 'org_admin' || role === 'org_manager';

export { formatDate } from '@academie/web-ui';

/** « 1 personne », « 3 personnes ». */
export function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('fr-FR')} ${count > 1 ? many : one}`;
}

/**
 * The last value that was defined: while a list reloads after a change, the screen keeps showing the previous one
 * (and the components in it keep their state, such as the message of what was just done).
 */
export function useLatest<T>(value: T | undefined): T | undefined {
  const [latest, setLatest] = useState<T | undefined>(value);
  if (value !== undefined && value !== latest) setLatest(value);
  return value ?? latest;
}
