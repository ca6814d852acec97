// Key rotation without downtime (docs/operations.md, « Rotation des clés »): the API is restarted on the same database
// with a new key and the former one listed as previous, as an operator does. Tokens and credentials signed with the
// former key keep verifying; once the former key is removed, its tokens are refused.
import 'reflect-metadata';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { SignJWT, createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { accessTokenKid } from '@academie/server-identity';
import { type TestApi, type TestUser, createTestDatabase, createTestUser, startTestApi } from '@academie/server-testing';
import { createApiApp } from '../bootstrap';
import { Issuer, completionOf, publishedCourses } from '../certification/certification-kit';

type App = Awaited<ReturnType<typeof createApiApp>>;

const secret = () => randomBytes(36).toString('base64url');
const rsaKey = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = (key: ReturnType<typeof rsaKey>) => key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const publicJwks = (...keys: ReturnType<typeof rsaKey>[]) => JSON.stringify({ keys: keys.map((key) => key.publicKey.export({ format: 'jwk' })) });

let databaseUrl: string;
let user: TestUser;
let t: TestApi<App> | undefined;

async function start(overrides: Record<string, string>): Promise<TestApi<App>> {
  await t?.close();
  t = await startTestApi(createApiApp, { databaseUrl, overrides: { RATE_LIMIT_LOGIN_PER_IP: '1000', RATE_LIMIT_LOGIN_PER_ACCOUNT: '1000', ...overrides } });
  return t;
}

const me = (api: TestApi<App>, token: string) => api.api.call({ url: '/api/me', token });

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  const first = await startTestApi(createApiApp, { databaseUrl, seed: true });
  user = await createTestUser(first.db, { firstName: 'Rotation' });
  await first.close();
});

afterAll(async () => {
  await t?.close();
});

describe('access-token key rotation', () => {
  const oldSecret = secret();
  const newSecret = secret();
  let oldToken: string;

  it('signs every token with the kid of its key', async () => {
    const api = await start({ AUTH_JWT_SECRET: oldSecret });
    oldToken = (await api.api.login(user.email, user.password)).accessToken;
    expect(decodeProtectedHeader(oldToken)).toEqual({ alg: 'HS256', typ: 'JWT', kid: accessTokenKid(oldSecret) });
    expect(accessTokenKid(oldSecret)).not.toContain(oldSecret.slice(0, 8));
    expect((await me(api, oldToken)).status).toBe(200);
  });

  it('keeps accepting the former key’s tokens after the restart on the new key, and signs new ones with the new key', async () => {
    const api = await start({ AUTH_JWT_SECRET: newSecret, AUTH_JWT_PREVIOUS_SECRETS: oldSecret });
    expect((await me(api, oldToken)).status).toBe(200);
    const newToken = (await api.api.login(user.email, user.password)).accessToken;
    expect(decodeProtectedHeader(newToken).kid).toBe(accessTokenKid(newSecret));
    expect((await me(api, newToken)).status).toBe(200);
  });

  it('refuses them once the former key is removed, and refuses unknown kids and keyless tokens of a former key', async () => {
    const api = await start({ AUTH_JWT_SECRET: newSecret });
    const refused = await me(api, oldToken);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ statusCode: 401, details: expect.any(Array) });

    const forge = (key: string, kid?: string) =>
      new SignJWT({ sid: '00000000-0000-4000-8000-000000000001' })
        .setProtectedHeader(kid === undefined ? { alg: 'HS256', typ: 'JWT' } : { alg: 'HS256', typ: 'JWT', kid })
        .setSubject(user.id)
        .setIssuer('academie-ia')
        .setAudience('academie-ia-api')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(key));
    // The new key under a kid nobody configured: refused before any signature check.
    expect((await me(api, await forge(newSecret, 'inconnu'))).status).toBe(401);
    // The former key's token with its kid stripped: a keyless token is checked against the current key only.
    expect((await me(api, await forge(oldSecret))).status).toBe(401);
    // The former key claiming the current key's kid: the signature does not match.
    expect((await me(api, await forge(oldSecret, accessTokenKid(newSecret)))).status).toBe(401);
  });
});

describe('credential signing key rotation', () => {
  const oldKey = rsaKey();
  const newKey = rsaKey();
  let oldCode: string;
  let oldCredential: string;

  const credentialOf = async (api: TestApi<App>, code: string) => {
    const response = await api.app.getHttpAdapter().getInstance().inject({ url: `/api/certificates/${code}/credential` });
    expect(response.statusCode).toBe(200);
    return response.body;
  };
  const jwksOf = async (api: TestApi<App>) => (await api.api.call<{ keys: { kid: string }[] }>({ url: '/.well-known/jwks.json' })).body;

  it('keeps verifying a credential signed with the former key through the JWKS, which publishes both keys', async () => {
    let api = await start({ CREDENTIAL_SIGNING_KEY: pem(oldKey), RATE_LIMIT_CERTIFICATE_PER_IP: '1000' });
    const published = await publishedCourses(api.db);
    let issuer = await Issuer.start(api.config);
    const outcome = await issuer.issue(completionOf(user.id, published[0]));
    await issuer.close();
    if (!outcome.issued) throw new Error('not issued');
    oldCode = outcome.code;
    oldCredential = await credentialOf(api, oldCode);
    const oldKid = decodeProtectedHeader(oldCredential).kid;

    // Restart: the new key signs, the former one is published as previous.
    api = await start({ CREDENTIAL_SIGNING_KEY: pem(newKey), CREDENTIAL_PREVIOUS_PUBLIC_KEYS: publicJwks(oldKey), RATE_LIMIT_CERTIFICATE_PER_IP: '1000' });
    const jwks = await jwksOf(api);
    expect(jwks.keys).toHaveLength(2);
    expect(await credentialOf(api, oldCode)).toBe(oldCredential);
    await expect(jwtVerify(oldCredential, createLocalJWKSet(jwks as never), { algorithms: ['RS256'], typ: 'vc+jwt' })).resolves.toBeDefined();

    issuer = await Issuer.start(api.config);
    const other = await createTestUser(api.db, { firstName: 'Nouvelle' });
    const next = await issuer.issue(completionOf(other.id, published[1]));
    await issuer.close();
    if (!next.issued) throw new Error('not issued');
    const newCredential = await credentialOf(api, next.code);
    const newKid = decodeProtectedHeader(newCredential).kid;
    expect(newKid).not.toBe(oldKid);
    expect(jwks.keys.map((key) => key.kid).sort()).toEqual([oldKid, newKid].sort());
    await expect(jwtVerify(newCredential, createLocalJWKSet(jwks as never), { algorithms: ['RS256'] })).resolves.toBeDefined();

    // Once the former key is no longer published, its credentials no longer verify (a deliberate retirement).
    api = await start({ CREDENTIAL_SIGNING_KEY: pem(newKey), RATE_LIMIT_CERTIFICATE_PER_IP: '1000' });
    const retired = await jwksOf(api);
    expect(retired.keys.map((key) => key.kid)).toEqual([newKid]);
    await expect(jwtVerify(oldCredential, createLocalJWKSet(retired as never))).rejects.toThrow();
  });
});
