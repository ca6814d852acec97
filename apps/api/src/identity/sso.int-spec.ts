// Single sign-on end to end against a real OpenID Connect provider started by the test (oidc-provider):
// accounts created or linked, tampered and expired ID tokens refused, never attached to an unverified account.
import 'reflect-metadata';
import { CSRF_COOKIE, REFRESH_COOKIE, type SessionResponse, type SsoProviderInfo } from '@academie/contracts';
import {
  type TestApi,
  type TestOidcAccount,
  type TestOidcProvider,
  type TokenTampering,
  createTestUser,
  errorFormat,
  startTestApi,
  startTestOidcProvider,
} from '@academie/server-testing';
import { RequestRedis } from '@academie/server-queue';
import { createApiApp } from '../bootstrap';

type App = Awaited<ReturnType<typeof createApiApp>>;
const PUBLIC_BASE_URL = 'http://localhost:8080';
const CALLBACK = `${PUBLIC_BASE_URL}/api/auth/sso/proconnect/callback`;

describe('single sign-on (ProConnect)', () => {
  let provider: TestOidcProvider;
  let t: TestApi<App>;

  beforeAll(async () => {
    provider = await startTestOidcProvider({ redirectUris: [CALLBACK], claims: ['usual_name', 'given_name'] });
    t = await startTestApi(createApiApp, {
      overrides: {
        PUBLIC_BASE_URL,
        PROCONNECT_ISSUER: provider.issuer,
        PROCONNECT_CLIENT_ID: provider.clientId,
        PROCONNECT_CLIENT_SECRET: provider.clientSecret,
        PROCONNECT_SCOPE: 'openid email profile siret',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  /** The browser's journey: our start route, the provider's pages, back to our callback. */
  async function signIn(
    account: TestOidcAccount,
    options: { tamper?: TokenTampering; dropStateCookie?: boolean } = {},
  ): Promise<{ location: URL; session?: SessionResponse }> {
    provider.signInAs(account);
    provider.tamperNextTokenResponse(options.tamper ?? 'none');
    const start = await t.api.call({ url: '/api/auth/sso/proconnect/start?returnTo=%2Fmon-profil' });
    expect(start.status).toBe(302);
    const stateCookie = start.cookies.academie_sso;
    expect(stateCookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });
    let next = String(start.headers.location);
    const jar = new Map<string, string>();
    for (let hop = 0; hop < 10 && !next.startsWith(CALLBACK); hop++) {
      const response = await fetch(next, {
        redirect: 'manual',
        headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const [name, ...value] = pair.split('=');
        jar.set(name, value.join('='));
      }
      const location = response.headers.get('location');
      if (!location) throw new Error(`provider stopped at ${response.status}: ${await response.text()}`);
      next = new URL(location, next).toString();
    }
    const callback = await t.api.call({
      url: next.slice(PUBLIC_BASE_URL.length),
      cookies: options.dropStateCookie ? {} : { academie_sso: stateCookie.value },
    });
    expect(callback.status).toBe(302);
    const location = new URL(String(callback.headers.location));
    if (!callback.cookies[REFRESH_COOKIE]) return { location };
    // The landing page restores the session with the cookies just set.
    const refresh = await t.api.refresh({
      refreshToken: callback.cookies[REFRESH_COOKIE].value,
      csrfToken: callback.cookies[CSRF_COOKIE].value,
    });
    expect(refresh.status).toBe(200);
    return { location, session: refresh.body };
  }

  const person = (overrides: Partial<TestOidcAccount> = {}): TestOidcAccount => {
    const id = Math.random().toString(36).slice(2, 10);
    return {
      sub: `pc-${id}`,
      email: `agent-${id}@entreprise.example.fr`,
      email_verified: true,
      given_name: 'Camille',
      family_name: 'Martin',
      siret: '73282932000074',
      ...overrides,
    };
  };

  it('lists only the enabled providers', async () => {
    const { status, body } = await t.api.call<SsoProviderInfo[]>({ url: '/api/auth/sso/providers' });
    expect(status).toBe(200);
    expect(body).toEqual([{ id: 'proconnect', label: 'ProConnect', startUrl: '/api/auth/sso/proconnect/start' }]);
    const disabled = await t.api.call({ url: '/api/auth/sso/franceconnect/start' });
    expect(disabled.status).toBe(404);
    errorFormat(disabled.body, 404);
    const unknown = await t.api.call({ url: '/api/auth/sso/google/start' });
    expect(unknown.status).toBe(400);
    expect(errorFormat(unknown.body, 400).details).toEqual([{ field: 'provider', reason: expect.any(String) }]);
  });

  it('creates an account from a first sign-in, with the employer from the SIRET claim', async () => {
    const account = person();
    const { location, session } = await signIn(account);
    expect(location.pathname).toBe('/connexion/sso');
    expect(location.searchParams.get('retour')).toBe('/mon-profil');
    expect(session?.user).toMatchObject({ email: account.email, emailVerified: true, firstName: 'Camille', lastName: 'Martin' });
    expect(session?.user.profile.siren).toBe('732829320');
    const links = await t.db.query(`SELECT provider, subject FROM sso_identity WHERE user_id = $1`, [session?.user.id]);
    expect(links.rows).toEqual([{ provider: 'proconnect', subject: account.sub }]);

    // A second sign-in of the same person opens a session on the same account.
    const again = await signIn(account);
    expect(again.session?.user.id).toBe(session?.user.id);
  });

  it('attaches to an existing account whose e-mail is verified', async () => {
    const existing = await createTestUser(t.db, { verified: true });
    const { session } = await signIn(person({ email: existing.email }));
    expect(session?.user.id).toBe(existing.id);
    const audit = await t.db.query(`SELECT action FROM audit_log WHERE target_id = $1 AND action = 'sso.linked'`, [existing.id]);
    expect(audit.rowCount).toBe(1);
  });

  it('never attaches to an account whose e-mail is not verified', async () => {
    const unverified = await createTestUser(t.db, { verified: false });
    const { location, session } = await signIn(person({ email: unverified.email }));
    expect(session).toBeUndefined();
    expect(location.pathname).toBe('/connexion');
    expect(location.searchParams.get('erreur')).toBe('sso-compte-non-verifie');
    const links = await t.db.query(`SELECT 1 FROM sso_identity WHERE user_id = $1`, [unverified.id]);
    expect(links.rowCount).toBe(0);
    const sessions = await t.db.query(`SELECT 1 FROM session_family WHERE user_id = $1`, [unverified.id]);
    expect(sessions.rowCount).toBe(0);
  });

  it.each(['signature', 'expired', 'wrong-audience'] as const)('refuses an ID token with a %s problem', async (tamper) => {
    const account = person();
    const { location, session } = await signIn(account, { tamper });
    expect(session).toBeUndefined();
    expect(location.searchParams.get('erreur')).toBe('sso-echec');
    const created = await t.db.query(`SELECT 1 FROM sso_identity WHERE subject = $1`, [account.sub]);
    expect(created.rowCount).toBe(0);
  });

  it('refuses a callback that does not come back to the browser that started it', async () => {
    const { location, session } = await signIn(person(), { dropStateCookie: true });
    expect(session).toBeUndefined();
    expect(location.searchParams.get('erreur')).toBe('sso-echec');
  });

  it('never redirects outside the site after sign-in', async () => {
    const start = await t.api.call({ url: '/api/auth/sso/proconnect/start?returnTo=%2F%2Fevil.example%2Fx' });
    expect(start.status).toBe(302);
    const state = new URL(String(start.headers.location)).searchParams.get('state');
    const redis = t.app.get(RequestRedis);
    const pending = JSON.parse((await redis.client.get(redis.key('sso', String(state)))) ?? '{}');
    expect(pending.returnTo).toBe('/');
  });
});
