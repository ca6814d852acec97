import type { MyOrganisation, OrganisationView } from '@academie/contracts';
import { RequireSignIn, useMyOrganisations, useOrganisation, useOrganisationMembers } from '@academie/web-data-access';
import { usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { CreateOrganisationForm } from './create-organisation-form';
import { useFocusAfterRender } from './focus';
import { InvitationsSection } from './invitations-section';
import { ORGANISATION_KINDS } from '@academie/contracts';
import { ROLE_LABELS, isManager, useLatest } from './labels';
import { MyMemberships } from './my-memberships';
import { CohortsSection, MembersSection, ProgressSection } from './team-sections';

/** /mon-organisation: create an organisation; manage it (admins, managers); one's own memberships. */
export function OrganisationPage() {
  return <RequireSignIn>{() => <OrganisationHome />}</RequireSignIn>;
}

function OrganisationHome() {
  const query = useMyOrganisations();
  const memberships = { ...query, data: useLatest(query.data) };
  const [params, setParams] = useSearchParams();
  const focus = useFocusAfterRender();
  const managed = (memberships.data ?? []).filter((m) => isManager(m.role));
  const chosen = managed.find((m) => m.id === params.get('organisation')) ?? managed[0];
  usePageTitle(chosen === undefined ? 'Mon organisation' : `Mon organisation : ${chosen.name}`);

  const created = (organisation: OrganisationView) => {
    setParams({ organisation: organisation.id }, { replace: true });
    memberships.reload();
  };
  useEffect(() => {
    if (params.get('organisation') !== null && chosen?.id === params.get('organisation')) focus('organisation-titre');
  }, [chosen?.id, params, focus]);

  return (
    <div className={fr.cx('fr-container', 'fr-py-6w')}>
      <h1 id="organisation-titre" tabIndex={-1}>
        {chosen === undefined ? 'Mon organisation' : chosen.name}
      </h1>
      {memberships.error !== undefined && (
        <Alert severity="error" as="h2" title="Vos organisations n’ont pas pu être chargées" description={memberships.error.message} />
      )}
      {memberships.data === undefined && memberships.loading && <p role="status">Chargement de vos organisations…</p>}
      {memberships.data !== undefined && (
        <>
          {managed.length > 1 && (
            <Select
              label="Organisation affichée"
              nativeSelectProps={{
                id: 'organisation-choisie',
                value: chosen?.id ?? '',
                onChange: (e) => setParams({ organisation: e.target.value }),
              }}
            >
              {managed.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </Select>
          )}
          {chosen !== undefined && <ManagedOrganisation key={chosen.id} membership={chosen} />}
          {memberships.data.length > 0 && <MyMemberships memberships={memberships.data} onChange={memberships.reload} />}
          {managed.length === 0 ? (
            <>
              <p className={fr.cx('fr-text--lead')}>
                Entreprise, centre de formation, agence pour l’emploi ou administration : invitez vos équipes, assignez-leur des formations et
                suivez leur progression, avec leur accord.
              </p>
              <CreateOrganisationForm onCreated={created} />
            </>
          ) : (
            <Accordion label="Créer une autre organisation">
              <CreateOrganisationForm onCreated={created} />
            </Accordion>
          )}
        </>
      )}
    </div>
  );
}

function ManagedOrganisation({ membership }: { membership: MyOrganisation }) {
  const organisation = useOrganisation(membership.id);
  const memberQuery = useOrganisationMembers(membership.id);
  const members = { ...memberQuery, data: useLatest(memberQuery.data) };
  const refresh = () => {
    organisation.reload();
    members.reload();
  };
  return (
    <>
      <p className={fr.cx('fr-text--lead')}>
        {ORGANISATION_KINDS[membership.kind]} · {organisation.data === undefined ? '…' : `${organisation.data.memberCount} membre${organisation.data.memberCount > 1 ? 's' : ''}`} · votre
        rôle : {ROLE_LABELS[membership.role]}
      </p>
      <nav className={fr.cx('fr-summary', 'fr-mb-4w')} aria-labelledby="sommaire-titre">
        <h2 id="sommaire-titre" className={fr.cx('fr-summary__title')}>
          Sommaire
        </h2>
        <ol>
          {[
            ['#membres-titre', 'Membres'],
            ['#inviter-titre', 'Inviter des personnes'],
            ['#equipes-titre', 'Équipes et formations assignées'],
            ['#progression-titre', 'Progression'],
            ['#mes-organisations-titre', 'Mes organisations'],
          ].map(([href, text]) => (
            <li key={href}>
              <a className={fr.cx('fr-summary__link')} href={href}>
                {text}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <MembersSection members={members.data} />
      <InvitationsSection orgId={membership.id} onChange={refresh} />
      <CohortsSection orgId={membership.id} members={members.data ?? []} onChange={refresh} />
      <ProgressSection orgId={membership.id} />
    </>
  );
}
