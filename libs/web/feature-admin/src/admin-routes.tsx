import { RequireSignIn } from '@academie/web-data-access';
import { usePageTitle } from '@academie/web-ui';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { SideMenu } from '@codegouvfr/react-dsfr/SideMenu';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { NoticeProvider } from './admin-kit';
import { AuditPage } from './audit-page';
import { CataloguePage } from './catalogue-page';
import { CertificatesPage } from './certificates-page';
import { CoursesPage } from './courses-page';
import { JobsPage } from './jobs-page';
import { OutboxPage } from './outbox-page';
import { UsersPage } from './users-page';

/** The console's tabs, in the order of the menu. */
export const ADMIN_TABS = [
  { path: 'utilisateurs', label: 'Utilisateurs' },
  { path: 'journal', label: 'Journal d’audit' },
  { path: 'taches', label: 'Tâches en échec' },
  { path: 'evenements', label: 'File d’événements' },
  { path: 'attestations', label: 'Attestations' },
  { path: 'catalogue', label: 'Solutions et synonymes' },
  { path: 'cours', label: 'Cours' },
] as const;

/** /administration/*, for administrators: signed out → /connexion (and back), other roles → « Accès réservé ». */
export function AdminRoutes() {
  return (
    <RequireSignIn roles={['admin']} denied={<Reserved />}>
      {() => <AdminConsole />}
    </RequireSignIn>
  );
}

function AdminConsole() {
  return (
    <Routes>
      <Route element={<AdminLayout />}>
        <Route index element={<Navigate to="utilisateurs" replace />} />
        <Route path="utilisateurs" element={<UsersPage />} />
        <Route path="journal" element={<AuditPage />} />
        <Route path="taches" element={<JobsPage />} />
        <Route path="evenements" element={<OutboxPage />} />
        <Route path="attestations" element={<CertificatesPage />} />
        <Route path="catalogue" element={<CataloguePage />} />
        <Route path="cours" element={<CoursesPage />} />
        <Route path="*" element={<Navigate to="utilisateurs" replace />} />
      </Route>
    </Routes>
  );
}

function AdminLayout() {
  const { pathname } = useLocation();
  const tab = pathname.replace(/^\/administration\/?/, '').split('/')[0] ?? '';
  return (
    <div className={fr.cx('fr-container', 'fr-pt-4w', 'fr-pb-6w', 'fr-mb-6w')}>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-3')}>
          <SideMenu
            id="menu-administration"
            title="Administration"
            burgerMenuButtonText="Menu de l’administration"
            items={ADMIN_TABS.map((item) => ({
              text: item.label,
              isActive: tab === item.path,
              linkProps: { to: `/administration/${item.path}` },
            }))}
          />
        </div>
        {/* min-width 0: a grid column is a flex item, which a wide table would otherwise stretch past the screen. */}
        <div className={fr.cx('fr-col-12', 'fr-col-md-9')} style={{ minWidth: 0 }}>
          <NoticeProvider resetKey={tab}>
            <Outlet />
          </NoticeProvider>
        </div>
      </div>
    </div>
  );
}

function Reserved() {
  usePageTitle('Accès réservé');
  return (
    <div className={fr.cx('fr-container', 'fr-py-6w', 'fr-mb-6w')}>
      <h1>Accès réservé</h1>
      <p className={fr.cx('fr-text--sm', 'fr-mb-3w')}>Erreur 403</p>
      <p className={fr.cx('fr-text--lead')}>
        La console d’administration est réservée aux personnes ayant le rôle « Administrateur ». Si vous pensez devoir y accéder,
        contactez l’équipe de l’Académie de l’IA.
      </p>
      <Button linkProps={{ to: '/catalogue' }}>Parcourir le catalogue</Button>
    </div>
  );
}
