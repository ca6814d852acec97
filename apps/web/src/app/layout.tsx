import { signInPath, useAuth } from '@academie/web-data-access';
import { CertificateNotice, useUnreadCertificates } from '@academie/web-feature-certificates';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Display, headerFooterDisplayItem } from '@codegouvfr/react-dsfr/Display';
import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { Header, type HeaderProps } from '@codegouvfr/react-dsfr/Header';
import type { MainNavigationProps } from '@codegouvfr/react-dsfr/MainNavigation';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { Suspense, useEffect, useRef } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';

const brandTop = (
  <>
    République
    <br />
    Française
  </>
);

const homeLinkProps = { to: '/', title: "Accueil - Académie de l'IA" };

function useAccountItems(): HeaderProps.QuickAccessItem[] {
  const { status, logout } = useAuth();
  const { pathname, search } = useLocation();
  const navigate = useNavigate();

  if (status === 'loading') return [];
  if (status === 'authenticated') {
    return [
      { iconId: 'fr-icon-account-circle-line', text: 'Mon profil', linkProps: { to: '/mon-profil' } },
      {
        iconId: 'fr-icon-logout-box-r-line',
        text: 'Se déconnecter',
        buttonProps: {
          onClick: () => {
            logout()
              .catch(() => undefined)
              .finally(() => navigate('/'));
          },
        },
      },
    ];
  }
  return [
    // Back to this page after signing in (signInPath drops the account pages themselves).
    { iconId: 'fr-icon-account-circle-line', text: 'Se connecter', linkProps: { to: signInPath(`${pathname}${search}`) } },
    { iconId: 'fr-icon-add-circle-line', text: 'Créer un compte', linkProps: { to: '/inscription' } },
  ];
}

/**
 * After a navigation inside the app, the focus goes to the main content, as after a page load: a
 * keyboard or screen reader user starts reading the new page instead of staying on the link they
 * followed (RGAA 12.x, single-page applications). An address with a `#fragment` naming an element
 * already in the page goes to that element instead (a page that arrives later does it itself).
 */
function useFocusMainOnNavigation(): void {
  const { pathname, hash } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const target = hash.length > 1 ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    if (target !== null) {
      target.scrollIntoView();
      target.focus({ preventScroll: true });
      return;
    }
    window.scrollTo(0, 0);
    document.getElementById('contenu')?.focus({ preventScroll: true });
  }, [pathname, hash]);
}

/** The main menu: the catalogue and the solutions for everyone, the studio, the review, the dashboard and the console for their roles. */
function useNavigationItems(): MainNavigationProps.Item[] {
  const { pathname } = useLocation();
  const { user } = useAuth();
  const roles = user?.roles ?? [];
  const under = (prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);
  const items: MainNavigationProps.Item[] = [
    {
      text: 'Catalogue des formations',
      linkProps: { to: '/catalogue' },
      isActive: under('/catalogue') || under('/cours'),
    },
    { text: 'Solutions clés en main', linkProps: { to: '/solutions' }, isActive: under('/solutions') },
  ];
  if (roles.includes('trainer')) items.push({ text: 'Studio', linkProps: { to: '/studio' }, isActive: under('/studio') });
  if (roles.includes('reviewer')) items.push({ text: 'Relecture', linkProps: { to: '/relecture' }, isActive: under('/relecture') });
  if (roles.includes('ministry') || roles.includes('admin')) {
    items.push({ text: 'Tableau de bord', linkProps: { to: '/tableau-de-bord' }, isActive: under('/tableau-de-bord') });
  }
  if (roles.includes('admin')) items.push({ text: 'Administration', linkProps: { to: '/administration' }, isActive: under('/administration') });
  return items;
}

/** The learner's own pages, once signed in; « Mes attestations » says how many certificates are new. */
function useLearnerNavigationItems(): MainNavigationProps.Item[] {
  const { pathname } = useLocation();
  const { status } = useAuth();
  const unread = useUnreadCertificates();
  if (status !== 'authenticated') return [];
  return [
    { text: 'Mon parcours', linkProps: { to: '/mon-parcours' }, isActive: pathname === '/mon-parcours' || pathname.startsWith('/apprendre/') },
    {
      text: (
        <>
          Mes attestations
          {unread > 0 && (
            <Badge small severity="new" className={fr.cx('fr-ml-1w')}>
              {unread > 1 ? `${unread} nouvelles` : 'Nouvelle'}
            </Badge>
          )}
        </>
      ),
      linkProps: { to: '/mes-attestations' },
      isActive: pathname === '/mes-attestations',
    },
    { text: 'Mon organisation', linkProps: { to: '/mon-organisation' }, isActive: pathname === '/mon-organisation' || pathname === '/rejoindre' },
  ];
}

export function Layout() {
  const accountItems = useAccountItems();
  const navigation = useNavigationItems();
  const learnerNavigation = useLearnerNavigationItems();
  useFocusMainOnNavigation();

  return (
    <>
      <SkipLinks
        links={[
          { label: 'Contenu', anchor: '#contenu' },
          { label: 'Menu', anchor: '#fr-header-main-navigation' },
          { label: 'Pied de page', anchor: '#pied-de-page' },
        ]}
      />
      <Header
        brandTop={brandTop}
        homeLinkProps={homeLinkProps}
        serviceTitle="Académie de l'IA"
        serviceTagline="Se former à l'intelligence artificielle avec le plan « Osez l'IA »"
        quickAccessItems={[...accountItems, headerFooterDisplayItem]}
        navigation={[...navigation, ...learnerNavigation]}
      />
      <main id="contenu" role="main" tabIndex={-1}>
        <CertificateNotice />
        <Suspense
          fallback={
            <div className={fr.cx('fr-container', 'fr-py-6w')}>
              <p role="status">Chargement de la page…</p>
            </div>
          }
        >
          <Outlet />
        </Suspense>
      </main>
      <Footer
        id="pied-de-page"
        brandTop={brandTop}
        homeLinkProps={homeLinkProps}
        accessibility="non compliant"
        accessibilityLinkProps={{ to: '/accessibilite' }}
        termsLinkProps={{ to: '/mentions-legales' }}
        contentDescription="L'Académie de l'IA rassemble les formations du plan « Osez l'IA » : des parcours courts et concrets pour découvrir l'intelligence artificielle et l'utiliser dans son travail."
        // This version of the DSFR footer has no props of its own for these two mandatory links.
        bottomItems={[
          { text: 'Données personnelles', linkProps: { to: '/donnees-personnelles' } },
          { text: 'Gestion des cookies', linkProps: { to: '/donnees-personnelles#cookies' } },
          headerFooterDisplayItem,
        ]}
      />
      <Display />
    </>
  );
}
