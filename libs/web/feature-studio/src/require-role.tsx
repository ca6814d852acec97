import { ROLE_LABELS, type MeResponse, type Role } from '@academie/contracts';
import { RequireSignIn } from '@academie/web-data-access';
import { usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import type { ReactNode } from 'react';

/**
 * Renders `children` for a signed-in person who holds `role` (RequireSignIn: the session restored first, signed out
 * → /connexion and back); without the role, it explains that the space is reserved (the API would answer 403 anyway).
 */
export function RequireRole({ role, children }: { role: Role; children: (user: MeResponse) => ReactNode }) {
  return (
    <RequireSignIn roles={[role]} denied={<Reserved role={role} />}>
      {children}
    </RequireSignIn>
  );
}

function Reserved({ role }: { role: Role }) {
  usePageTitle('Accès réservé');
  return (
    <div className={fr.cx('fr-container', 'fr-py-6w', 'fr-mb-6w')}>
      <h1>Accès réservé</h1>
      <p className={fr.cx('fr-text--lead')}>
        Cet espace est réservé aux personnes ayant le rôle « {ROLE_LABELS[role]} ». Si vous pensez devoir y accéder,
        contactez l'équipe de l'Académie de l'IA.
      </p>
      <Button linkProps={{ to: '/catalogue' }}>Parcourir le catalogue</Button>
    </div>
  );
}
