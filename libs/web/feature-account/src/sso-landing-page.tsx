import { toErrorBody, useAuth } from '@academie/web-data-access';
import { usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { AccountShell } from './account-shell';
import { unexpectedErrorMessage } from './error-messages';
import { destinationAfterSignIn } from './redirect';
import { forgetSsoReturn, peekSsoReturn } from './sso-return';

type Landing = { state: 'pending' } | { state: 'failed'; message: string };

/**
 * /connexion/sso: where the API's SSO callback sends the browser, the session cookies set. The page
 * exchanges them for an access token (refresh), then goes on to the page the person came from.
 */
export function SsoLandingPage() {
  const { refresh, status, user } = useAuth();
  const [searchParams] = useSearchParams();
  const providerError = searchParams.get('erreur') ?? searchParams.get('error');
  const [landing, setLanding] = useState<Landing>(
    providerError === null ? { state: 'pending' } : { state: 'failed', message: 'La connexion a été annulée ou refusée par le service d’identification.' },
  );
  const [returnPath] = useState(peekSsoReturn);
  useEffect(forgetSsoReturn, []);

  usePageTitle(landing.state === 'failed' ? 'Erreur : connexion' : 'Connexion en cours');

  useEffect(() => {
    if (providerError !== null) return;
    let current = true;
    refresh().then(
      (me) => {
        if (current && me === null) {
          setLanding({ state: 'failed', message: 'Votre session n’a pas pu être ouverte : le délai est peut-être dépassé.' });
        }
      },
      (error: unknown) => {
        if (current) setLanding({ state: 'failed', message: unexpectedErrorMessage(toErrorBody(error)) });
      },
    );
    return () => {
      current = false;
    };
  }, [providerError, refresh]);

  if (landing.state === 'pending' && status === 'authenticated' && user !== null) {
    return <Navigate to={destinationAfterSignIn(user, returnPath)} replace />;
  }

  return (
    <AccountShell>
      <h1>Connexion</h1>
      {landing.state === 'pending' ? (
        <p role="status">Connexion en cours…</p>
      ) : (
        <>
          <Alert className={fr.cx('fr-mb-4w')} severity="error" as="h2" title="La connexion n’a pas abouti" description={`${landing.message} Réessayez.`} />
          <Button linkProps={{ to: '/connexion' }}>Revenir à la page de connexion</Button>
        </>
      )}
    </AccountShell>
  );
}
