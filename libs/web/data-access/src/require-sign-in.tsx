import type { MeResponse } from '@academie/contracts';
import { fr } from '@codegouvfr/react-dsfr';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from './auth-context';
import { signInPath } from './return-path';

/**
 * Renders `children` for a signed-in person only: while the session is being restored it says so; signed out,
 * it sends the person to /connexion?retour=<this page, query included>, which brings them back once signed in
 * or signed up (an invitation's token travels in that query).
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
