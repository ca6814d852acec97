import { requestPasswordReset } from '@academie/web-data-access';
import { usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Link } from 'react-router';
import { AccountShell } from './account-shell';
import { EmailRequestForm } from './email-request-form';

/** /mot-de-passe-oublie: sends a reset link; the answer never says whether the account exists. */
export function ForgotPasswordPage() {
  usePageTitle('Mot de passe oublié');

  return (
    <AccountShell>
      <h1>Mot de passe oublié</h1>
      <p>
        Saisissez l’adresse e-mail de votre compte. Nous vous enverrons un lien pour choisir un nouveau mot de
        passe ; il est valable une heure.
      </p>
      <EmailRequestForm
        idPrefix="oubli"
        submitLabel="Recevoir le lien"
        send={requestPasswordReset}
        sentTitle="Vérifiez votre boîte mail"
        sentDescription={(email) =>
          `Si un compte existe pour ${email}, vous allez recevoir un e-mail avec un lien pour choisir un nouveau mot de passe. Pensez à regarder dans vos courriers indésirables.`
        }
      />
      <p className={fr.cx('fr-mt-4w')}>
        <Link className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')} to="/connexion">
          Retour à la connexion
        </Link>
      </p>
    </AccountShell>
  );
}
