import type { SsoProviderInfo } from '@academie/contracts';
import { useSsoProviders } from '@academie/web-data-access';
import { fr } from '@codegouvfr/react-dsfr';
import { FranceConnectButton } from '@codegouvfr/react-dsfr/FranceConnectButton';
import { ProConnectButton } from '@codegouvfr/react-dsfr/ProConnectButton';
import { safeSsoStartUrl, ssoStartUrlWithReturn } from './redirect';

export interface SsoSectionProps {
  /** « Se connecter avec » on the sign-in page, « Se créer un compte avec » on the sign-up page. */
  verb: 'sign-in' | 'create';
  /** The page to come back to once the provider has identified the person. */
  returnPath?: string;
}

/**
 * The FranceConnect and ProConnect buttons, for the providers the API has enabled only
 * (GET /api/auth/sso/providers). Nothing at all while loading, when none is enabled or when the list
 * cannot be read: the e-mail form below always works.
 */
export function SsoSection({ verb, returnPath }: SsoSectionProps) {
  const { data } = useSsoProviders();
  const providers = (data ?? []).flatMap((provider) => {
    const url = safeSsoStartUrl(provider.startUrl);
    return url === undefined || !isKnown(provider.id) ? [] : [{ ...provider, startUrl: ssoStartUrlWithReturn(url, returnPath) }];
  });
  if (providers.length === 0) return null;

  const brands = providers.map((provider) => (provider.id === 'franceconnect' ? 'FranceConnect' : 'ProConnect'));
  const names = brands.join(' ou ');
  const heading = verb === 'sign-in' ? `Se connecter avec ${names}` : `Se créer un compte avec ${names}`;

  return (
    <>
      <section aria-labelledby="sso-titre" className={fr.cx('fr-mb-6v')}>
        <h2 id="sso-titre" className={fr.cx('fr-h4')}>{heading}</h2>
        <p className={fr.cx('fr-text--sm')}>
          {providers.length > 1
            ? `${brands.join(' et ')} sont les solutions proposées par l’État pour sécuriser et simplifier la connexion à vos services en ligne.`
            : `${names} est la solution proposée par l’État pour sécuriser et simplifier la connexion à vos services en ligne.`}
        </p>
        {providers.map((provider) => (
          <SsoButton key={provider.id} provider={provider} />
        ))}
      </section>
      <p className={fr.cx('fr-hr-or')}>ou</p>
    </>
  );
}

function isKnown(id: string): id is SsoProviderInfo['id'] {
  return id === 'franceconnect' || id === 'proconnect';
}

function SsoButton({ provider }: { provider: SsoProviderInfo }) {
  switch (provider.id) {
    case 'franceconnect':
      return <FranceConnectButton url={provider.startUrl} />;
    case 'proconnect':
      return <ProConnectButton url={provider.startUrl} />;
  }
}
