import { RETURN_PARAM, safeReturnPath, toErrorBody, useAuth } from '@academie/web-data-access';
import { usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { AccountShell } from './account-shell';
import { unexpectedErrorMessage } from './error-messages';
import { destinationAfterSignIn } from './redirect';

type Landing = { state: 'pending' } | { state: 'failed'; message: string };

/**
 * /connexion/sso?retour=…: where the API's SSO callback sends the browser, the session cookies set. The
 * page exchanges them for an access token (refresh), then goes on to the page the person came from
 * (the API kept it through the provider's round trip; `/` when there was none).
 */
export function SsoLandingPage() {
  const { refresh, status, user } = useAuth();
  const [searchParams] = useSearchParams();
  const retour = safeReturnPath(searchParams.get(RETURN_PARAM));
  const returnPath = retour === '/' ? undefined : retour;
  const [landing, setLanding] = useState<Landing>({ state: 'pending' });

  usePageTitle(landing.state === 'failed' ? 'Erreur : connexion' : 'Connexion en cours');

  useEffect(() => {
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
  }, [refresh]);

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
