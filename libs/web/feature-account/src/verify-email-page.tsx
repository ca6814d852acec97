import { resendVerificationEmail, toErrorBody, useAuth, verifyEmail } from '@academie/web-data-access';
import { usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { AccountShell } from './account-shell';
import { EmailRequestForm } from './email-request-form';
import { unexpectedErrorMessage } from './error-messages';

type Verification =
  | { state: 'verifying' }
  | { state: 'verified' }
  | { state: 'invalid' }
  | { state: 'failed'; message: string };

/** /verifier-email?token=…: verifies the address as soon as the page opens (the link of the e-mail). */
export function VerifyEmailPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const [verification, setVerification] = useState<Verification>(token === '' ? { state: 'invalid' } : { state: 'verifying' });
  const { status, user, refresh } = useAuth();

  usePageTitle(
    verification.state === 'verified'
      ? 'Adresse e-mail vérifiée'
      : verification.state === 'verifying'
        ? 'Vérification de l’adresse e-mail'
        : 'Erreur : vérification de l’adresse e-mail',
  );

  useEffect(() => {
    if (token === '') return;
    let current = true;
    verifyEmail(token).then(
      () => {
        if (current) setVerification({ state: 'verified' });
      },
      (error: unknown) => {
        if (!current) return;
        const body = toErrorBody(error);
        setVerification(body.statusCode === 400 || body.statusCode === 404 ? { state: 'invalid' } : { state: 'failed', message: unexpectedErrorMessage(body) });
      },
    );
    return () => {
      current = false;
    };
  }, [token]);

  // A person already signed in in this browser sees the verified address at once.
  useEffect(() => {
    if (verification.state === 'verified' && status === 'authenticated' && user?.emailVerified === false) {
      refresh().catch(() => undefined);
    }
  }, [verification.state, status, user, refresh]);

  return (
    <AccountShell>
      <h1>Vérification de votre adresse e-mail</h1>
      {verification.state === 'verifying' && (
        <p role="status" aria-live="polite">
          Vérification en cours…
        </p>
      )}
      {verification.state === 'verified' && (
        <>
          <Alert
            className={fr.cx('fr-mb-4w')}
            severity="success"
            as="h2"
            title="Votre adresse e-mail est vérifiée"
            description="Votre compte est activé : vous pouvez vous connecter et commencer à vous former."
          />
          {status === 'authenticated' ? (
            <Button linkProps={{ to: '/mon-profil' }}>Aller à mon profil</Button>
          ) : (
            <Button linkProps={{ to: '/connexion' }}>Se connecter</Button>
          )}
        </>
      )}
      {verification.state === 'failed' && (
        <Alert
          className={fr.cx('fr-mb-4w')}
          severity="error"
          as="h2"
          title="La vérification n’a pas pu aboutir"
          description={`${verification.message} Vous pouvez aussi rouvrir le lien de l’e-mail plus tard.`}
        />
      )}
      {verification.state === 'invalid' && (
        <>
          <Alert
            className={fr.cx('fr-mb-4w')}
            severity="error"
            as="h2"
            title="Ce lien de vérification n’est plus valable"
            description="Le lien a peut-être expiré, ou il a déjà servi. Si votre adresse est déjà vérifiée, connectez-vous simplement ; sinon, demandez un nouvel e-mail ci-dessous."
          />
          <h2 className={fr.cx('fr-h4')}>Renvoyer l’e-mail de vérification</h2>
          <EmailRequestForm
            idPrefix="renvoi"
            submitLabel="Renvoyer l’e-mail"
            hint="L’adresse avec laquelle vous avez créé votre compte. Format attendu : nom@domaine.fr"
            send={resendVerificationEmail}
            sentTitle="Demande enregistrée"
            sentDescription={(email) =>
              `Si un compte en attente de vérification existe pour ${email}, un nouvel e-mail vient de lui être envoyé. Pensez à regarder dans vos courriers indésirables.`
            }
          />
          <p className={fr.cx('fr-mt-4w')}>
            <Button priority="secondary" linkProps={{ to: '/connexion' }}>
              Se connecter
            </Button>
          </p>
        </>
      )}
    </AccountShell>
  );
}
