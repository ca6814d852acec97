import { signInPath, useAuth } from '@academie/web-data-access';
import type { MeResponse } from '@academie/contracts';
import { fr } from '@codegouvfr/react-dsfr';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';

/**
 * Renders `children` for a signed-in person; signed out, sends them to /connexion?retour=<this page>, which
 * brings them back (the invitation's token included) once signed in or signed up.
 */
export function RequireSignIn({ children }: { children: (user: MeResponse) => ReactNode }) {
  const { status, user } = useAuth();
  const location = useLocation();
  if (status === 'loading') {
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <p role="status">Chargement de votre session…</p>
      </div>
    );
  }
  if (status === 'anonymous' || user === null) {
    return <Navigate to={signInPath(`${location.pathname}${location.search}`)} replace />;
  }
  return <>{children(user)}</>;
}
