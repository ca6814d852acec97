// Security suite (docs/security.md lists what each file covers): forged and tampered access tokens on a sample of
// protected routes, one per role and a write, each checked against a control token that the same routes accept;
// and the CSRF boundary: only the two cookie routes (refresh, logout) read the session cookies, behind the
// double-submit check, while every other route ignores cookies entirely, so a cross-site request carrying them
// gets nothing. Refresh-token rotation and reuse, and the CSRF refusals of refresh and logout, are in
// identity/sessions.int-spec.ts.
import 'reflect-metadata';
import { SignJWT } from 'jose';
import { CSRF_COOKIE, CSRF_HEADER, REFRESH_COOKIE } from '@academie/contracts';
import { SEED_COURSES } from '@academie/server-database';
import { accessTokenKid } from '@academie/server-identity';
import { TEST_JWT_SECRET, type TestApi, type TestSession, createTestUser, errorFormat, startTestApi } from '@academie/server-testing';
import { createApiApp } from './bootstrap';

type App = Awaited<ReturnType<typeof createApiApp>>;
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

let t: TestApi<App>;
/** Holds every role: the control token reaches every route of the sample. */
let admin: TestSession;
/** The attacker: an ordinary learner who tries to pass as the administrator. */
let learner: TestSession;
let courseId: string;

beforeAll(async () => {
  t = await startTestApi(createApiApp, { seed: true, overrides: { RATE_LIMIT_LOGIN_PER_IP: '1000' } });
  const a = await createTestUser(t.db, { roles: ['trainer', 'reviewer', 'ministry', 'admin'] });
  const l = await createTestUser(t.db);
  admin = await t.api.login(a.email, a.password);
  learner = await t.api.login(l.email, l.password);
  const { rows } = await t.db.query<{ id: string }>(`SELECT id FROM course WHERE slug = $1`, [SEED_COURSES[0].slug]);
  courseId = rows[0].id;
});
afterAll(async () => {
  await t?.close();
});

/** The sample: one route per role, and writes. `ok` is what the control token gets. */
const ROUTES: { method: Method; url: string; payload?: () => unknown; ok: number }[] = [
  { method: 'GET', url: '/api/me', ok: 200 },
  { method: 'GET', url: '/api/admin/users', ok: 200 },
  { method: 'GET', url: '/api/kpi/overview', ok: 200 },
  { method: 'GET', url: '/api/studio/courses', ok: 200 },
  { method: 'GET', url: '/api/review/submissions', ok: 200 },
  { method: 'GET', url: '/api/xapi/statements', ok: 200 },
  { method: 'PATCH', url: '/api/me/profile', payload: () => ({ region: '53' }), ok: 200 },
  { method: 'POST', url: '/api/enrollments', payload: () => ({ courseId }), ok: 201 },
];

const key = new TextEncoder().encode(TEST_JWT_SECRET);
const attackerKey = new TextEncoder().encode('cle-de-l-attaquant-assez-longue-pour-hs256!');
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
const headerOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as Record<string, unknown>;
const now = () => Math.floor(Date.now() / 1000);

function sign(claims: Record<string, unknown>, header: Record<string, unknown> = {}, secret = key, alg = 'HS256') {
  return new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT', kid: accessTokenKid(TEST_JWT_SECRET), ...header }).sign(secret);
}

/** The administrator's claims as the learner would have to forge them: the admin's id on the learner's session or the admin's. */
const asAdmin = () => ({ ...claimsOf(learner.accessToken), sub: admin.user.id });

const TAMPERED: [string, () => Promise<string>][] = [
  ['alg none', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claimsOf(admin.accessToken))}.`],
  ['alg NONE with the original signature', async () => `${b64({ alg: 'NONE', typ: 'JWT' })}.${b64(claimsOf(admin.accessToken))}.${admin.accessToken.split('.')[2]}`],
  ['the right claims signed with another key', async () => sign(claimsOf(admin.accessToken), {}, attackerKey)],
  ['another user id re-signed with another key', async () => sign(asAdmin(), {}, attackerKey)],
  ['another user id re-signed with another key under the key id of the platform', async () => sign({ ...claimsOf(admin.accessToken), sub: admin.user.id }, { kid: headerOf(admin.accessToken).kid }, attackerKey)],
  [
    'another user id under the original signature',
    async () => {
      const [header, , signature] = learner.accessToken.split('.');
      return `${header}.${b64(asAdmin())}.${signature}`;
    },
  ],
  ['an expired token', async () => sign({ ...claimsOf(admin.accessToken), iat: now() - 7200, exp: now() - 60 })],
  ['an unknown key id (kid)', async () => sign(claimsOf(admin.accessToken), { kid: 'cle-retiree-0000' })],
  ['a kid that tries a path', async () => sign(claimsOf(admin.accessToken), { kid: '../../../../dev/null' })],
  ['HS512 with the platform key (algorithm not accepted)', async () => sign(claimsOf(admin.accessToken), {}, key, 'HS512')],
  ['an RS256 header on an HS256 signature', async () => {
    const [, payload, signature] = admin.accessToken.split('.');
    return `${b64({ ...headerOf(admin.accessToken), alg: 'RS256' })}.${payload}.${signature}`;
  }],
  ['another audience', async () => sign({ ...claimsOf(admin.accessToken), aud: 'academie-ia-admin' })],
  ['another issuer', async () => sign({ ...claimsOf(admin.accessToken), iss: 'https://attaquant.example' })],
  ['a session id that does not exist', async () => sign({ ...claimsOf(admin.accessToken), sid: '00000000-0000-4000-8000-000000000001' })],
  ['the administrator id on the learner session', async () => sign(asAdmin())],
  ['garbage', async () => 'pas.un.jeton'],
  ['a truncated token', async () => admin.accessToken.slice(0, -10)],
  ['an empty signature', async () => `${admin.accessToken.split('.').slice(0, 2).join('.')}.`],
];

async function call(route: (typeof ROUTES)[number], token: string) {
  return t.api.call({ method: route.method, url: route.url, payload: route.payload?.(), token });
}

describe('access tokens on a sample of protected routes', () => {
  it('accepts a token the platform signed itself on every route of the sample (the control of the cases below)', async () => {
    const control = await sign(claimsOf(admin.accessToken));
    for (const route of ROUTES) expect([route.url, (await call(route, control)).status]).toEqual([route.url, route.ok]);
    // And the roles come from the account, not the token: the learner's own valid token does not reach admin routes.
    expect((await call(ROUTES[1], learner.accessToken)).status).toBe(403);
  });

  it.each(TAMPERED)('refuses %s with 401 in the error format, on every route, and writes nothing', async (_label, make) => {
    const token = await make();
    const before = await t.db.query(`SELECT (SELECT count(*) FROM enrollment) AS enrollments, (SELECT count(*) FROM audit_log) AS audit`);
    for (const route of ROUTES) {
      const response = await call(route, token);
      expect([route.method, route.url, response.status]).toEqual([route.method, route.url, 401]);
      errorFormat(response.body, 401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    const after = await t.db.query(`SELECT (SELECT count(*) FROM enrollment) AS enrollments, (SELECT count(*) FROM audit_log) AS audit`);
    expect(after.rows).toEqual(before.rows);
  });
});

describe('CSRF: cookies authenticate nothing outside the two cookie routes', () => {
  const sessionCookies = (s: TestSession) => ({ [REFRESH_COOKIE]: s.refreshToken, [CSRF_COOKIE]: s.csrfToken });

  it.each([
    ['PATCH', '/api/me/profile', { region: '11' }],
    ['POST', '/api/enrollments', undefined],
    ['DELETE', '/api/me', undefined],
    ['POST', '/api/admin/users/00000000-0000-4000-8000-000000000001/suspend', undefined],
    ['GET', '/api/me/export', undefined],
  ] as const)('%s %s with the session cookies (and even the CSRF header) but no bearer token: 401', async (method, url, payload) => {
    const response = await t.api.call({
      method,
      url,
      payload: method === 'POST' && url === '/api/enrollments' ? { courseId } : payload,
      cookies: sessionCookies(admin),
      headers: { [CSRF_HEADER]: admin.csrfToken, origin: 'https://site-malveillant.example' },
    });
    expect(response.status).toBe(401);
    errorFormat(response.body, 401);
    expect((await t.api.call({ url: '/api/me', token: admin.accessToken })).status).toBe(200); // the account is untouched
  });

  it("refuses a refresh with another session's CSRF pair (cookie and header from the attacker's own session)", async () => {
    const response = await t.api.call({
      method: 'POST',
      url: '/api/auth/refresh',
      cookies: { [REFRESH_COOKIE]: admin.refreshToken, [CSRF_COOKIE]: admin.csrfToken },
      headers: { [CSRF_HEADER]: learner.csrfToken },
    });
    expect(response.status).toBe(403);
    errorFormat(response.body, 403);
  });
});
