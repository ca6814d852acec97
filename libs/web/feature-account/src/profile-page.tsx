import { AUDIENCES, type MeResponse } from '@academie/contracts';
import { RequireSignIn, resendVerificationEmail, useAuth } from '@academie/web-data-access';
import { usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useState } from 'react';
import { ChangePasswordForm } from './change-password-form';
import { PersonalDataSection } from './personal-data-section';
import { ProfileForm } from './profile-form';
import { isProfileIncomplete } from './redirect';

/** /mon-profil: who the person is for the platform, and what they can do with their account. */
export function ProfilePage() {
  const [deleted, setDeleted] = useState(false);
  usePageTitle(deleted ? 'Compte supprimé' : 'Mon profil');

  if (deleted) return <AccountDeleted />;
  return <RequireSignIn>{(user) => <Profile user={user} onDeleted={() => setDeleted(true)} />}</RequireSignIn>;
}

function Profile({ user, onDeleted }: { user: MeResponse; onDeleted: () => void }) {
  const { setUser } = useAuth();
  const incomplete = isProfileIncomplete(user);

  return (
    <div className={fr.cx('fr-container', 'fr-pb-6w', 'fr-mb-6w')}>
      <Breadcrumb currentPageLabel="Mon profil" homeLinkProps={{ to: '/' }} segments={[]} />
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-8')}>
          <h1>Mon profil</h1>
          {incomplete && (
            <Alert
              className={fr.cx('fr-mb-4w')}
              severity="info"
              as="h2"
              title="Complétez votre profil"
              description="Dites-nous en quelques clics qui vous êtes : nous vous proposerons les formations faites pour votre situation."
            />
          )}

          <section aria-labelledby="identite-titre" className={fr.cx('fr-mb-6w')}>
            <h2 id="identite-titre">Mes informations</h2>
            <Identity user={user} />
          </section>

          <section aria-labelledby="situation-titre" className={fr.cx('fr-mb-6w')}>
            <h2 id="situation-titre">Ma situation</h2>
            <ProfileForm user={user} onSaved={setUser} />
          </section>

          <section aria-labelledby="mot-de-passe-titre" className={fr.cx('fr-mb-6w')}>
            <h2 id="mot-de-passe-titre">Mot de passe</h2>
            <ChangePasswordForm />
          </section>

          <section aria-labelledby="donnees-titre">
            <h2 id="donnees-titre">Mes données personnelles</h2>
            <PersonalDataSection onDeleted={onDeleted} />
          </section>
        </div>
      </div>
    </div>
  );
}

function Identity({ user }: { user: MeResponse }) {
  return (
    <div className={fr.cx('fr-p-3w')} style={{ backgroundColor: fr.colors.decisions.background.alt.blueFrance.default }}>
      <dl className={fr.cx('fr-mb-0')}>
        <dt className={fr.cx('fr-text--bold', 'fr-mb-0')}>Prénom et nom</dt>
        <dd className={fr.cx('fr-ml-0', 'fr-mb-2w')}>
          {user.firstName} {user.lastName}
        </dd>
        <dt className={fr.cx('fr-text--bold', 'fr-mb-0')}>Adresse e-mail</dt>
        <dd className={fr.cx('fr-ml-0', 'fr-mb-2w')}>
          <span className={fr.cx('fr-mr-1w')}>{user.email}</span>
          {user.emailVerified ? (
            <Badge small severity="success">
              Vérifiée
            </Badge>
          ) : (
            <Badge small severity="warning">
              Non vérifiée
            </Badge>
          )}
          {!user.emailVerified && <ResendVerification email={user.email} />}
        </dd>
        <dt className={fr.cx('fr-text--bold', 'fr-mb-0')}>Public des formations proposées</dt>
        <dd className={fr.cx('fr-ml-0', 'fr-mb-0')}>
          {user.audience === null ? 'Pas encore déterminé : indiquez votre situation ci-dessous.' : AUDIENCES[user.audience]}
        </dd>
      </dl>
    </div>
  );
}

function ResendVerification({ email }: { email: string }) {
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'failed'>('idle');
  return (
    <div className={fr.cx('fr-mt-1w')}>
      <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
        Ouvrez le lien de l’e-mail que nous vous avons envoyé pour vérifier votre adresse.
      </p>
      {state === 'sent' ? (
        <p className={fr.cx('fr-message', 'fr-message--valid')} role="status">
          Un nouvel e-mail vient de vous être envoyé.
        </p>
      ) : (
        <>
          <Button
            size="small"
            priority="tertiary"
            disabled={state === 'sending'}
            onClick={() => {
              setState('sending');
              resendVerificationEmail(email).then(
                () => setState('sent'),
                () => setState('failed'),
              );
            }}
          >
            Renvoyer l’e-mail de vérification
          </Button>
          {state === 'failed' && (
            <p className={fr.cx('fr-message', 'fr-message--error')} role="alert">
              L’e-mail n’a pas pu être renvoyé. Réessayez dans quelques instants.
            </p>
          )}
        </>
      )}
    </div>
  );
}

function AccountDeleted() {
  return (
    <div className={fr.cx('fr-container', 'fr-py-6w', 'fr-mb-6w')}>
      <div className={fr.cx('fr-grid-row')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-8')}>
          <h1>Votre compte est supprimé</h1>
          <p className={fr.cx('fr-text--lead')}>
            Vos informations personnelles ont été effacées et vous avez été déconnecté de tous vos appareils.
          </p>
          <p>Merci d’avoir utilisé l’Académie de l’IA. Vous pouvez créer un nouveau compte à tout moment.</p>
          <Button linkProps={{ to: '/' }}>Revenir à l’accueil</Button>
        </div>
      </div>
    </div>
  );
}
