import type { AppConfig } from '@academie/server-core';

export type SsoProviderId = 'proconnect' | 'franceconnect';

export interface SsoProviderSettings {
  id: SsoProviderId;
  label: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  acrValues?: string;
  /** Fetch the userinfo endpoint for the claims (both providers serve names and SIRET there). */
  useUserInfo: boolean;
  /** ProConnect only hands out addresses it verified; FranceConnect addresses come from the identity provider. */
  emailsAreVerified: boolean;
}

/**
 * The providers enabled by configuration: each one needs its issuer, client id and client secret.
 * ProConnect is for professionals (its `siret` claim fills the employer); FranceConnect for citizens
 * (jobseekers, apprentices).
 */
export function ssoProviders(config: AppConfig): SsoProviderSettings[] {
  const providers: SsoProviderSettings[] = [];
  if (config.PROCONNECT_ISSUER && config.PROCONNECT_CLIENT_ID && config.PROCONNECT_CLIENT_SECRET) {
    providers.push({
      id: 'proconnect',
      label: 'ProConnect',
      issuer: config.PROCONNECT_ISSUER,
      clientId: config.PROCONNECT_CLIENT_ID,
      clientSecret: config.PROCONNECT_CLIENT_SECRET,
      scope: config.PROCONNECT_SCOPE,
      useUserInfo: true,
      emailsAreVerified: true,
    });
  }
  if (config.FRANCECONNECT_ISSUER && config.FRANCECONNECT_CLIENT_ID && config.FRANCECONNECT_CLIENT_SECRET) {
    providers.push({
      id: 'franceconnect',
      label: 'FranceConnect',
      issuer: config.FRANCECONNECT_ISSUER,
      clientId: config.FRANCECONNECT_CLIENT_ID,
      clientSecret: config.FRANCECONNECT_CLIENT_SECRET,
      scope: config.FRANCECONNECT_SCOPE,
      acrValues: 'eidas1',
      useUserInfo: true,
      emailsAreVerified: false,
    });
  }
  return providers;
}
