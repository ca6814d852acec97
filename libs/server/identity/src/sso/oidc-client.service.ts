import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import { AppConfig, JsonLogger } from '@academie/server-core';
import type { SsoProviderId } from './sso-providers';
import { type SsoProviderSettings, ssoProviders } from './sso-providers';

/** What a provider vouches for, once its ID token has been verified (signature, issuer, audience, expiry, nonce). */
export interface VerifiedSsoClaims {
  provider: SsoProviderId;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  givenName: string | null;
  familyName: string | null;
  /** ProConnect: the SIRET of the person's organisation. */
  siret: string | null;
}

/** The one-use state of a sign-in in progress, kept server-side between the redirect and the callback. */
export interface PendingSsoSignIn {
  provider: SsoProviderId;
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

/**
 * OpenID Connect relying party for ProConnect and FranceConnect (openid-client): discovery (cached),
 * authorization code flow with PKCE, state and nonce, and ID token signatures checked against the
 * provider's keys even on the back channel (non-repudiation checks).
 */
@Injectable()
export class OidcClientService {
  private readonly configurations = new Map<SsoProviderId, Promise<oidc.Configuration>>();

  constructor(
    private readonly config: AppConfig,
    private readonly logger: JsonLogger,
  ) {}

  enabled(): SsoProviderSettings[] {
    return ssoProviders(this.config);
  }

  settings(provider: string): SsoProviderSettings | undefined {
    return this.enabled().find((p) => p.id === provider);
  }

  redirectUri(provider: SsoProviderId): string {
    return new URL(`/api/auth/sso/${provider}/callback`, this.config.PUBLIC_BASE_URL).toString();
  }

  /** Starts a sign-in: the URL to send the browser to, and the state to keep until the callback. */
  async start(provider: SsoProviderSettings, returnTo: string): Promise<{ url: string; pending: PendingSsoSignIn }> {
    const configuration = await this.configuration(provider);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const pending: PendingSsoSignIn = {
      provider: provider.id,
      state: randomBytes(24).toString('base64url'),
      nonce: randomBytes(24).toString('base64url'),
      codeVerifier,
      returnTo,
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri(provider.id),
      scope: provider.scope,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      ...(provider.acrValues ? { acr_values: provider.acrValues } : {}),
    });
    return { url: url.toString(), pending };
  }

  /** Completes a sign-in from the callback URL; throws when anything about the answer is wrong. */
  async complete(provider: SsoProviderSettings, callbackUrl: URL, pending: PendingSsoSignIn): Promise<VerifiedSsoClaims> {
    const configuration = await this.configuration(provider);
    const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('no ID token claims');
    // Claims beyond the ID token (FranceConnect and ProConnect put them in the userinfo answer).
    let info: Record<string, unknown> = { ...claims };
    if (provider.useUserInfo) {
      const userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      info = { ...info, ...userInfo };
    }
    const text = (key: string): string | null => (typeof info[key] === 'string' && info[key] ? String(info[key]) : null);
    return {
      provider: provider.id,
      subject: claims.sub,
      email: text('email')?.trim().toLowerCase() ?? null,
      emailVerified: info.email_verified === true || provider.emailsAreVerified,
      givenName: text('given_name'),
      familyName: text('usual_name') ?? text('family_name'),
      siret: text('siret'),
    };
  }

  private configuration(provider: SsoProviderSettings): Promise<oidc.Configuration> {
    let pending = this.configurations.get(provider.id);
    if (!pending) {
      pending = (async () => {
        const insecure = new URL(provider.issuer).protocol === 'http:';
        const configuration = await oidc.discovery(
          new URL(provider.issuer),
          provider.clientId,
          provider.clientSecret,
          undefined,
          insecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
        );
        oidc.enableNonRepudiationChecks(configuration);
        return configuration;
      })();
      // A failed discovery is retried at the next sign-in rather than cached.
      pending.catch((error: Error) => {
        this.configurations.delete(provider.id);
        this.logger.event('warn', 'sso discovery failed', { provider: provider.id, errorMessage: error.message }, 'sso');
      });
      this.configurations.set(provider.id, pending);
    }
    return pending;
  }
}
