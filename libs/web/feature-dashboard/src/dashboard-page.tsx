import { RequireSignIn, useKpiOverview } from '@academie/web-data-access';
import { usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { BreakdownChart, RegionsTable } from './breakdown-section';
import { CompaniesSection } from './companies-section';
import { CsvDownload } from './csv-download';
import { dashboardSearchParams, parseDashboardView, type DashboardView } from './dashboard-query';
import { DefinitionsSection, SecretNotice } from './definitions-section';
import { FiltersForm } from './filters-form';
import { formatDay } from './format';
import { OverviewSection } from './overview-section';
import { PeriodSection } from './period-section';

const PAGE_TITLE = 'Tableau de bord des indicateurs';

/** Roles that may read the KPIs (as the API: ministry staff and administrators). */
const ALLOWED_ROLES = ['ministry', 'admin'] as const;

/** /tableau-de-bord: the plan's indicators for the ministry. Signed out → /connexion; other roles → 403. */
export function DashboardPage() {
  return (
    <RequireSignIn roles={ALLOWED_ROLES} denied={<Forbidden />}>
      {() => <Dashboard />}
    </RequireSignIn>
  );
}

function Forbidden() {
  usePageTitle('Accès refusé');
  return (
    <div className={fr.cx('fr-container', 'fr-py-6w', 'fr-mb-6w')}>
      <div className={fr.cx('fr-grid-row')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
          <h1>Accès refusé</h1>
          <p className={fr.cx('fr-text--sm', 'fr-mb-3w')}>Erreur 403</p>
          <p className={fr.cx('fr-text--lead', 'fr-mb-3w')}>
            Le tableau de bord des indicateurs est réservé aux agents du ministère chargés du suivi du plan « Osez l’IA ».
          </p>
          <p className={fr.cx('fr-mb-5w')}>
            Votre compte n’a pas ce rôle. Si vous pensez devoir y accéder, demandez-le à l’équipe de l’Académie de l’IA. Les
            indicateurs nationaux sont aussi publiés en données ouvertes.
          </p>
          <Button linkProps={{ to: '/mon-parcours' }}>Retourner à mon parcours</Button>
        </div>
      </div>
    </div>
  );
}

function Dashboard() {
  usePageTitle(PAGE_TITLE);
  const [searchParams, setSearchParams] = useSearchParams();
  const view = useMemo(() => parseDashboardView(searchParams), [searchParams]);
  const overview = useKpiOverview();
  const months = useMemo(
    () => (overview.data?.trajectory ?? []).filter((point) => point.actual !== null).map((point) => point.month),
    [overview.data],
  );
  const setView = (next: DashboardView) => setSearchParams(dashboardSearchParams(next), { preventScrollReset: true });

  return (
    <div className={fr.cx('fr-container', 'fr-pb-6w', 'fr-mb-6w')}>
      <Breadcrumb currentPageLabel={PAGE_TITLE} homeLinkProps={{ to: '/' }} segments={[]} />
      <h1>{PAGE_TITLE}</h1>
      <p className={fr.cx('fr-text--lead')}>
        Le suivi du plan « Osez l’IA » : 15 millions de personnes formées à l’intelligence artificielle d’ici 2030.
        {overview.data !== undefined && (
          <span className={fr.cx('fr-text--sm')} style={{ display: 'block' }}>
            Données du {formatDay(overview.data.generatedAt.slice(0, 10))}, à{' '}
            {new Date(overview.data.generatedAt).toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' })}.
          </span>
        )}
      </p>
      <SecretNotice />

      {overview.error !== undefined && (
        <Alert
          className={fr.cx('fr-mb-4w')}
          severity="error"
          title="Les indicateurs n’ont pas pu être chargés"
          description={
            <>
              {overview.error.message}{' '}
              <button type="button" className={fr.cx('fr-link')} onClick={overview.reload}>
                Réessayer
              </button>
            </>
          }
        />
      )}
      {overview.loading && <p role="status">Chargement des indicateurs…</p>}
      {overview.data !== undefined && (
        <>
          <OverviewSection overview={overview.data} />
          <CompaniesSection companies={overview.data.companies} />
        </>
      )}

      <FiltersForm view={view} months={months} onChange={setView} />
      <PeriodSection view={view} />
      <section aria-labelledby="ventilations-titre" className={fr.cx('fr-mb-4w')}>
        <h2 id="ventilations-titre">Ventilations</h2>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          <div className={fr.cx('fr-col-12', 'fr-col-lg-6')}>
            <BreakdownChart by="audience" view={view} />
            <BreakdownChart by="companySize" view={view} />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-lg-6')}>
            <RegionsTable view={view} />
          </div>
        </div>
        <BreakdownChart by="sector" view={view} />
      </section>
      <CsvDownload from={view.from} to={view.to} />
      <DefinitionsSection />
    </div>
  );
}
