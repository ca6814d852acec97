import { Display, headerFooterDisplayItem } from '@codegouvfr/react-dsfr/Display';
import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { Header } from '@codegouvfr/react-dsfr/Header';
import { SkipLinks } from '@codegouvfr/react-dsfr/SkipLinks';
import { Outlet, useLocation } from 'react-router';

const brandTop = (
  <>
    République
    <br />
    Française
  </>
);

const homeLinkProps = { to: '/', title: "Accueil - Académie de l'IA" };

export function Layout() {
  const { pathname } = useLocation();

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
        quickAccessItems={[headerFooterDisplayItem]}
        navigation={[
          {
            text: 'Catalogue des formations',
            linkProps: { to: '/' },
            isActive: pathname === '/',
          },
        ]}
      />
      <main id="contenu" role="main" tabIndex={-1}>
        <Outlet />
      </main>
      <Footer
        id="pied-de-page"
        brandTop={brandTop}
        homeLinkProps={homeLinkProps}
        accessibility="non compliant"
        accessibilityLinkProps={{ to: '/accessibilite' }}
        contentDescription="L'Académie de l'IA rassemble les formations du plan « Osez l'IA » : des parcours courts et concrets pour découvrir l'intelligence artificielle et l'utiliser dans son travail."
        bottomItems={[headerFooterDisplayItem]}
      />
      <Display />
    </>
  );
}
