import type { MeResponse, Role } from '@academie/contracts';
import { fr } from '@codegouvfr/react-dsfr';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from './auth-context';
import { signInPath } from './return-path';

export interface RequireSignInProps {
  children: (user: MeResponse) => ReactNode;
  /** When given, the person must also hold one of these roles (as the API checks it: it would answer 403). */
  roles?: readonly Role[];
  /** Shown to a signed-in person without any of `roles`: the feature's own « Accès réservé » page. */
  denied?: ReactNode;
}

/**
 * Renders `children` for a signed-in person only (holding one of `roles` when given): while the session is being
 * restored it says so; signed out, it sends the person to /connexion?retour=<this page, query included>, which
 * brings them back once signed in or signed up (an invitation's token travels in that query); without the role,
 * it shows `denied`.
 */
export function RequireSignIn({ children, roles, denied = null }: RequireSignInProps) {
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
  if (roles && !user.roles.some((role) => roles.includes(role))) return <>{denied}</>;
  return <>{children(user)}</>;
}
