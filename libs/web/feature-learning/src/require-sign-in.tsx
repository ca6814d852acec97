import type { MeResponse } from '@academie/contracts';
import { signInPath, useAuth } from '@academie/web-data-access';
import { fr } from '@codegouvfr/react-dsfr';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';

/**
 * Renders `children` for a signed-in person only: while the session is being restored it says so; signed out,
 * it sends the person to /connexion, which brings them back here afterwards.
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
