import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { SignJWT, decodeJwt, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { freePort } from './own-servers';

export interface TestOidcAccount {
  sub: string;
  email: string;
  email_verified: boolean;
  given_name: string;
  family_name: string;
  /** ProConnect's claim: the SIRET of the person's organisation. */
  siret?: string;
}

/** How the next token response is altered, to prove the client refuses it. */
export type TokenTampering = 'none' | 'signature' | 'expired' | 'wrong-audience';

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The account the next sign-in logs in as (the provider's login screen is skipped). */
  signInAs(account: TestOidcAccount): void;
  tamperNextTokenResponse(mode: TokenTampering): void;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on a free port, for tests of single sign-on.
 * It logs in, without a screen, as the account given to `signInAs`, and can alter its next token response
 * (bad signature, expired or foreign ID token) re-signed with its own key where that matters.
 */
export async function startTestOidcProvider(options: {
  clientId?: string;
  clientSecret?: string;
  redirectUris: string[];
  claims?: string[];
}): Promise<TestOidcProvider> {
  const clientId = options.clientId ?? 'academie-test';
  const clientSecret = options.clientSecret ?? 'test-client-secret-of-some-length';
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const privateJwk: JWK = { ...(await exportJWK(privateKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
  const accounts = new Map<string, TestOidcAccount>();
  let current: TestOidcAccount | undefined;
  let tampering: TokenTampering = 'none';

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [privateJwk] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['given_name', 'family_name'],
      siret: ['siret'],
      ...(options.claims ? Object.fromEntries(options.claims.map((c) => [c, [c]])) : {}),
    },
    scopes: ['openid', 'email', 'profile', 'siret'],
    conformIdTokenClaims: false, // put the requested claims into the ID token itself
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    findAccount: async (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ ...account }) };
    },
    // Consent is implied: the grant holds every scope the client asked for.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const grant = new ctx.oidc.provider.Grant({ accountId: ctx.oidc.session?.accountId, clientId: ctx.oidc.client?.clientId });
      grant.addOIDCScope(String(ctx.oidc.params?.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
    ttl: { AccessToken: 300, AuthorizationCode: 60, IdToken: 300, Interaction: 300, Session: 300, Grant: 300 },
  } satisfies Configuration);
  const callback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!current) throw new Error('test OIDC provider: call signInAs() before starting a sign-in');
    accounts.set(current.sub, current);
    await provider.interactionFinished(req, res, { login: { accountId: current.sub } }, { mergeWithLastSubmission: false });
  }

  async function tamperedToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Let the provider answer into a buffer, then alter the ID token.
    const chunks: Buffer[] = [];
    const capture = new Proxy(res, {
      get(target, prop) {
        if (prop === 'write') return (chunk: Buffer | string) => (chunks.push(Buffer.from(chunk)), true);
        if (prop === 'end')
          return (chunk?: Buffer | string) => {
            if (chunk) chunks.push(Buffer.from(chunk));
            void finish();
            return target;
          };
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const finish = async () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id_token?: string };
      const mode = tampering;
      tampering = 'none';
      if (body.id_token) body.id_token = await tamper(body.id_token, mode);
      const text = JSON.stringify(body);
      res.removeHeader('content-length');
      res.setHeader('content-length', Buffer.byteLength(text));
      res.end(text);
    };
    callback(req, capture as ServerResponse);
  }

  async function tamper(idToken: string, mode: TokenTampering): Promise<string> {
    if (mode === 'signature') {
      const [header, payload, signature] = idToken.split('.');
      const flipped = signature[0] === 'A' ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
      return `${header}.${payload}.${flipped}`;
    }
    const claims = decodeJwt(idToken);
    const now = Math.floor(Date.now() / 1000);
    const altered =
      mode === 'expired' ? { ...claims, iat: now - 7200, exp: now - 3600 } : { ...claims, aud: 'someone-else' };
    const key = await importJWK(privateJwk, 'RS256');
    return new SignJWT(altered).setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid, typ: 'JWT' }).sign(key);
  }

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path.startsWith('/interaction/')) {
      interaction(req, res).catch((error: Error) => {
        res.statusCode = 500;
        res.end(error.message);
      });
    } else if (path === '/token' && tampering !== 'none') {
      void tamperedToken(req, res);
    } else {
      callback(req, res);
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    issuer: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    clientId,
    clientSecret,
    signInAs(account) {
      current = account;
      accounts.set(account.sub, account);
    },
    tamperNextTokenResponse(mode) {
      tampering = mode;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
