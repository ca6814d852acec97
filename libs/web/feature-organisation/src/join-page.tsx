import { acceptInvitation, RequireSignIn, toErrorBody, useInvitationPreview } from '@academie/web-data-access';
import type { MeResponse, MyOrganisation } from '@academie/contracts';
import { ORGANISATION_KINDS } from '@academie/contracts';
import { usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useFocusAfterRender } from './focus';
import { formatDate } from './labels';

/** /rejoindre?jeton=… (e-mail invitation) or ?code=… (shared link): accepting, with the consent choice. */
export function JoinOrganisationPage() {
  const [params] = useSearchParams();
  const token = params.get('jeton') ?? params.get('code') ?? '';
  if (token === '') return <Unusable title="Rejoindre une organisation" text="Ce lien est incomplet : ouvrez le lien reçu par e-mail tel quel, ou demandez-en un nouveau à votre organisation." />;
  return <RequireSignIn>{(user) => <Join token={token} user={user} />}</RequireSignIn>;
}

function Unusable({ title, text }: { title: string; text: string }) {
  usePageTitle(title);
  return (
    <div className={fr.cx('fr-container', 'fr-py-6w')}>
      <h1>{title}</h1>
      <Alert severity="warning" as="h2" title="Cette invitation ne peut pas être utilisée" description={text} />
    </div>
  );
}

function Join({ token, user }: { token: string; user: MeResponse }) {
  const preview = useInvitationPreview(token);
  const [choice, setChoice] = useState<'oui' | 'non' | ''>('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [joined, setJoined] = useState<MyOrganisation | undefined>(undefined);
  const [sending, setSending] = useState(false);
  const focus = useFocusAfterRender();
  const name = preview.data?.organisationName ?? 'cette organisation';
  usePageTitle(error !== undefined ? `Erreur : rejoindre ${name}` : joined !== undefined ? `Vous avez rejoint ${joined.name}` : `Rejoindre ${name}`);

  if (preview.loading) {
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <p role="status">Chargement de l’invitation…</p>
      </div>
    );
  }
  if (preview.data === undefined) {
    return (
      <Unusable
        title="Rejoindre une organisation"
        text={
          preview.error?.statusCode === 404
            ? 'Elle a expiré, a été annulée ou a déjà servi. Demandez une nouvelle invitation à la personne qui vous l’a envoyée.'
            : (preview.error?.message ?? 'Réessayez dans quelques instants.')
        }
      />
    );
  }
  const invitation = preview.data;

  if (joined !== undefined) {
    return (
      <div className={fr.cx('fr-container', 'fr-py-6w')}>
        <h1 id="rejoint-titre" tabIndex={-1}>
          Vous avez rejoint {joined.name}
        </h1>
        <Alert
          severity="success"
          as="h2"
          title="Bienvenue"
          description={
            joined.progressShared
              ? `${joined.name} peut voir votre progression individuelle. Vous pouvez retirer cet accord à tout moment depuis « Mon organisation ».`
              : `${joined.name} ne voit pas votre progression individuelle. Vous pouvez changer d’avis à tout moment depuis « Mon organisation ».`
          }
        />
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-mt-4w')}>
          <li>
            <Link className={fr.cx('fr-btn')} to="/mon-parcours">
              Voir mes formations
            </Link>
          </li>
          <li>
            <Link className={fr.cx('fr-btn', 'fr-btn--secondary')} to="/mon-organisation">
              Mon organisation
            </Link>
          </li>
        </ul>
      </div>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    if (choice === '') {
      setError('Indiquez si vous acceptez de partager votre progression individuelle.');
      focus('consentement-0');
      return;
    }
    setError(undefined);
    setSending(true);
    try {
      setJoined(await acceptInvitation({ token, shareProgress: choice === 'oui' }));
      focus('rejoint-titre');
    } catch (caught) {
      const body = toErrorBody(caught);
      setFailure(
        body.statusCode === 403
          ? `Cette invitation a été envoyée à ${invitation.email ?? 'une autre adresse'} : connectez-vous avec ce compte pour l’accepter (vous êtes connecté avec ${user.email}).`
          : body.statusCode === 404
            ? 'Cette invitation n’est plus valable : elle a expiré, a été annulée ou a déjà servi.'
            : body.statusCode === 409
              ? `Vous êtes déjà membre de ${invitation.organisationName}.`
              : body.message,
      );
      focus('rejoindre-echec');
    } finally {
      setSending(false);
    }
  };

  return (
    <div className={fr.cx('fr-container', 'fr-py-6w')}>
      <div className={fr.cx('fr-grid-row')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-10', 'fr-col-lg-8')}>
          <h1>Rejoindre {invitation.organisationName}</h1>
          <p className={fr.cx('fr-text--lead')}>
            {invitation.organisationName} ({ORGANISATION_KINDS[invitation.organisationKind].toLowerCase()}) vous invite à suivre des formations à
            l’intelligence artificielle sur l’Académie de l’IA.
          </p>
          <p>
            Vous êtes connecté avec l’adresse {user.email}.{' '}
            {invitation.email !== null && invitation.email.toLowerCase() !== user.email.toLowerCase()
              ? `Cette invitation a été envoyée à ${invitation.email} : connectez-vous avec ce compte pour l’accepter.`
              : `Invitation valable jusqu’au ${formatDate(invitation.expiresAt)}.`}
          </p>
          {failure !== undefined && (
            <div id="rejoindre-echec" tabIndex={-1} className={fr.cx('fr-mb-3w')}>
              <Alert severity="error" as="h2" title="Vous n’avez pas rejoint l’organisation" description={failure} />
            </div>
          )}
          <form onSubmit={submit} noValidate>
            <RadioButtons
              id="consentement"
              legend="Votre progression individuelle"
              hintText={`Quoi qu’il arrive, ${invitation.organisationName} voit seulement des chiffres d’ensemble, et seulement pour des groupes d’au moins 10 personnes. Avec votre accord, elle voit aussi où vous en êtes dans chaque formation qu’elle vous propose.`}
              name="shareProgress"
              state={error === undefined ? 'default' : 'error'}
              stateRelatedMessage={error}
              options={[
                {
                  label: `J’accepte que ${invitation.organisationName} voie ma progression individuelle. Je peux retirer cet accord à tout moment.`,
                  nativeInputProps: { value: 'oui', checked: choice === 'oui', onChange: () => setChoice('oui') },
                },
                {
                  label: `Je refuse : ${invitation.organisationName} ne verra pas ma progression individuelle.`,
                  nativeInputProps: { value: 'non', checked: choice === 'non', onChange: () => setChoice('non') },
                },
              ]}
            />
            <Button type="submit" disabled={sending}>
              {sending ? 'Un instant…' : `Rejoindre ${invitation.organisationName}`}
            </Button>
          </form>
        </div>
      </div>
    </div>
  );
}
