// Sign-up, sign-in, refresh with rotation, reuse detection, CSRF, sign-out, access tokens and suspension,
// through the real API on a database of its own.
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import {
  CSRF_COOKIE,
  CSRF_HEADER,
  type ErrorBody,
  type MeResponse,
  REFRESH_COOKIE,
  type SessionResponse,
} from '@academie/contracts';
import {
  TEST_JWT_SECRET,
  type TestApi,
  type TestSession,
  createTestUser,
  errorFormat,
  startTestApi,
  testPassword,
} from '@academie/server-testing';
import { createApiApp } from '../bootstrap';

let t: TestApi<Awaited<ReturnType<typeof createApiApp>>>;

beforeAll(async () => {
  // Generous limits: this file is about sessions (rate-limit.int-spec.ts is about limits).
  t = await startTestApi(createApiApp, {
    overrides: { RATE_LIMIT_LOGIN_PER_IP: '1000', RATE_LIMIT_REGISTER_PER_IP: '1000', RATE_LIMIT_LOGIN_PER_ACCOUNT: '1000' },
  });
});
afterAll(async () => {
  await t?.close();
});

const me = (token: string) => t.api.call<MeResponse & ErrorBody>({ url: '/api/me', token });
const register = (payload: Record<string, unknown>) =>
  t.api.call<MeResponse & ErrorBody>({ method: 'POST', url: '/api/auth/register', payload });
const sha256 = (value: string) => createHash('sha256').update(value).digest();

describe('sign-up', () => {
  it('creates an unverified learner with a normalized e-mail, an argon2id hash and a queued verification e-mail', async () => {
    const password = testPassword();
    const response = await register({ email: '  Camille.Martin@Example.FR ', password, firstName: ' Camille ', lastName: 'Martin' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      email: 'camille.martin@example.fr',
      emailVerified: false,
      firstName: 'Camille',
      lastName: 'Martin',
      roles: ['learner'],
      profile: { status: null, staffBand: null, region: null, sector: null, siren: null },
      audience: null,
    });
    const { rows } = await t.db.query(`SELECT id, email, password_hash, email_verified_at FROM app_user WHERE id = $1`, [response.body.id]);
    expect(rows[0]).toMatchObject({ email: 'camille.martin@example.fr', email_verified_at: null });
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(rows[0].password_hash).not.toContain(password);

    const mails = await t.db.query(`SELECT id, to_address, template, params FROM mail_message WHERE user_id = $1`, [response.body.id]);
    expect(mails.rows).toEqual([
      expect.objectContaining({ to_address: 'camille.martin@example.fr', template: 'verify-email', params: expect.objectContaining({ firstName: 'Camille' }) }),
    ]);
    const events = await t.db.query(`SELECT type, payload FROM outbox_event WHERE type = 'mail.send' AND payload->>'mailMessageId' = $1`, [
      mails.rows[0].id,
    ]);
    expect(events.rows).toHaveLength(1);
    // Only the SHA-256 of the e-mailed token is stored.
    const tokens = await t.db.query(`SELECT token_hash, purpose, expires_at > now() + interval '47 hours' AS long_enough FROM user_token WHERE user_id = $1`, [
      response.body.id,
    ]);
    expect(tokens.rows).toEqual([{ token_hash: sha256(mails.rows[0].params.token), purpose: 'verify_email', long_enough: true }]);
  });

  it('answers a taken address exactly as a new one, creates nothing, and tells its owner by e-mail', async () => {
    const owner = await createTestUser(t.db, { firstName: 'Alix' });
    const before = await t.db.query(`SELECT count(*)::int AS n FROM app_user`);
    const response = await register({ email: owner.email.toUpperCase(), password: testPassword(), firstName: 'Intrus', lastName: 'Inconnu' });
    expect(response.status).toBe(201);
    expect(Object.keys(response.body).sort()).toEqual(
      ['audience', 'createdAt', 'email', 'emailVerified', 'firstName', 'id', 'lastName', 'profile', 'roles'].sort(),
    );
    expect(response.body).toMatchObject({ email: owner.email, emailVerified: false, roles: ['learner'] });
    expect(response.body.id).not.toBe(owner.id);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM app_user`)).rows[0].n).toBe(before.rows[0].n);
    expect((await t.db.query(`SELECT 1 FROM app_user WHERE id = $1`, [response.body.id])).rows).toHaveLength(0);
    const mails = await t.db.query(`SELECT template, params FROM mail_message WHERE user_id = $1`, [owner.id]);
    expect(mails.rows).toEqual([{ template: 'account-exists', params: { firstName: 'Alix' } }]);
  });

  it('keeps one account per e-mail under concurrent sign-ups (unique index on the normalized e-mail)', async () => {
    const email = `concurrent-${Date.now()}@example.fr`;
    const answers = await Promise.all(
      Array.from({ length: 4 }, (_, i) => register({ email: i % 2 ? email.toUpperCase() : email, password: testPassword(), firstName: 'A', lastName: 'B' })),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM app_user WHERE email = $1`, [email])).rows[0].n).toBe(1);
    await expect(t.db.query(`INSERT INTO app_user (email, last_name) VALUES ($1, 'x')`, [email])).rejects.toThrow(/uq_app_user_email/);
    await expect(t.db.query(`INSERT INTO app_user (email, last_name) VALUES ($1, 'x')`, ['Pas.Normalise@example.fr'])).rejects.toThrow(
      /ck_app_user_email_normalized/,
    );
  });

  it.each([
    [{ password: 'motdepasse123' }, 'password', /too common/],
    [{ password: 'azertyuiop12' }, 'password', /too common/],
    [{ password: 'court' }, 'password', /at least 12 characters/],
    [{ email: 'pas-une-adresse' }, 'email', /e-mail address/],
    [{ firstName: '' }, 'firstName', /must not be empty/],
    [{ lastName: 42 }, 'lastName', /string/],
    [{ role: 'admin' }, 'role', /should not exist/],
  ])('refuses %j with a 400 naming the field', async (change, field, reason) => {
    const response = await register({ email: 'valide@example.fr', password: testPassword(), firstName: 'A', lastName: 'B', ...change });
    expect(response.status).toBe(400);
    const body = errorFormat(response.body, 400);
    expect(body.details).toEqual([{ field, reason: expect.stringMatching(reason) }]);
  });

  it.each([['[]'], ['"texte"'], ['null'], ['42']])('answers a body of %s with a 400, never a 500', async (payload) => {
    const response = await t.api.call({ method: 'POST', url: '/api/auth/register', payload, headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    errorFormat(response.body, 400);
  });
});

describe('sign-in', () => {
  it('answers a session and sets the refresh cookie (httpOnly, Secure, Strict, /api/auth) and the CSRF cookie', async () => {
    const user = await createTestUser(t.db);
    const response = await t.api.call<SessionResponse>({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: ` ${user.email.toUpperCase()} `, password: user.password },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ accessToken: expect.any(String), expiresIn: 900, user: { id: user.id, email: user.email } });
    expect(response.cookies[REFRESH_COOKIE]).toMatchObject({
      value: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      path: '/api/auth',
      maxAge: 30 * 86400,
    });
    expect(response.cookies[CSRF_COOKIE]).toMatchObject({ value: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), secure: true, sameSite: 'Strict', path: '/' });
    expect(response.cookies[CSRF_COOKIE].httpOnly).toBeFalsy();
    // The refresh token is stored as its SHA-256 only.
    const stored = await t.db.query(`SELECT token_hash FROM refresh_token`);
    expect(stored.rows.map((r) => (r.token_hash as Buffer).toString('hex'))).toContain(sha256(response.cookies[REFRESH_COOKIE].value).toString('hex'));
    expect(JSON.stringify(stored.rows)).not.toContain(response.cookies[REFRESH_COOKIE].value);
  });

  it('answers a wrong password and an unknown e-mail the same way, both after a real hash', async () => {
    const user = await createTestUser(t.db);
    const timed = async (email: string) => {
      const started = performance.now();
      const response = await t.api.call<ErrorBody>({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'Mauvais-Mot-De-Passe-1' } });
      return { response, ms: performance.now() - started };
    };
    const wrong = [await timed(user.email), await timed(user.email), await timed(user.email)];
    const unknown = [await timed('personne@example.fr'), await timed('personne2@example.fr'), await timed('personne3@example.fr')];
    for (const { response } of [...wrong, ...unknown]) {
      expect(response.status).toBe(401);
      expect(response.body).toEqual(wrong[0].response.body);
    }
    errorFormat(wrong[0].response.body, 401);
    const median = (xs: { ms: number }[]) => xs.map((x) => x.ms).sort((a, b) => a - b)[1];
    // Without the dummy hash, an unknown e-mail would answer in a millisecond or two.
    expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.5);
  });

  it('refuses a suspended account with 403 only after the right password', async () => {
    const user = await createTestUser(t.db, { suspended: true });
    const wrong = await t.api.call<ErrorBody>({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: 'Mauvais-Mot-De-Passe-1' } });
    expect(wrong.status).toBe(401);
    const right = await t.api.call<ErrorBody>({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password } });
    expect(right.status).toBe(403);
    expect(errorFormat(right.body, 403).message).toContain('suspendu');
  });
});

describe('refresh', () => {
  const refreshWith = (cookies: Record<string, string>, headers: Record<string, string> = {}) =>
    t.api.call<SessionResponse & ErrorBody>({ method: 'POST', url: '/api/auth/refresh', cookies, headers });

  it('rotates the refresh token: a new access token and new cookies, the old token marked rotated', async () => {
    const user = await createTestUser(t.db);
    const session = await t.api.login(user.email, user.password);
    const response = await t.api.refresh(session);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ accessToken: expect.any(String), expiresIn: 900, user: { id: user.id } });
    expect(response.cookies[REFRESH_COOKIE].value).not.toBe(session.refreshToken);
    expect(response.cookies[CSRF_COOKIE].value).not.toBe(session.csrfToken);
    const old = await t.db.query(`SELECT rotated_at FROM refresh_token WHERE token_hash = $1`, [sha256(session.refreshToken)]);
    expect(old.rows[0].rotated_at).toBeInstanceOf(Date);
    expect((await me(response.body.accessToken)).body.id).toBe(user.id);
  });

  it.each([
    ['no CSRF header', (s: TestSession) => [{ [REFRESH_COOKIE]: s.refreshToken, [CSRF_COOKIE]: s.csrfToken }, {}]],
    ['a CSRF header different from the cookie', (s: TestSession) => [{ [REFRESH_COOKIE]: s.refreshToken, [CSRF_COOKIE]: s.csrfToken }, { [CSRF_HEADER]: 'A'.repeat(43) }]],
    ['no CSRF cookie', (s: TestSession) => [{ [REFRESH_COOKIE]: s.refreshToken }, { [CSRF_HEADER]: s.csrfToken }]],
  ] as const)('refuses %s with 403, and consumes nothing', async (_label, build) => {
    const user = await createTestUser(t.db);
    const session = await t.api.login(user.email, user.password);
    const [cookies, headers] = build(session) as [Record<string, string>, Record<string, string>];
    const response = await refreshWith(cookies, headers);
    expect(response.status).toBe(403);
    expect(errorFormat(response.body, 403).message).toContain('CSRF');
    expect((await t.api.refresh(session)).status).toBe(200); // the refresh token is still unused
  });

  it('revokes the whole family when a rotated token is presented again', async () => {
    const user = await createTestUser(t.db);
    const first = await t.api.login(user.email, user.password);
    const second = await t.api.refresh(first);
    expect(second.status).toBe(200);
    const next = { refreshToken: second.cookies[REFRESH_COOKIE].value, csrfToken: second.cookies[CSRF_COOKIE].value };

    const replay = await t.api.refresh(first); // the stolen, already rotated token
    expect(replay.status).toBe(401);
    errorFormat(replay.body, 401);
    // Every token and every access token of the family are dead now, the legitimate ones included.
    expect((await t.api.refresh(next)).status).toBe(401);
    expect((await me(second.body.accessToken)).status).toBe(401);
    expect((await me(first.accessToken)).status).toBe(401);
    const { rows } = await t.db.query(`SELECT revoked_reason FROM session_family WHERE user_id = $1`, [user.id]);
    expect(rows).toEqual([{ revoked_reason: 'reuse' }]);
    const audit = await t.db.query(`SELECT action, target_id FROM audit_log WHERE action = 'session.reuse_detected' AND target_id = $1`, [user.id]);
    expect(audit.rows).toHaveLength(1);
    // Another session of the same person is not affected.
    const other = await t.api.login(user.email, user.password);
    expect((await me(other.accessToken)).status).toBe(200);
  });

  it('lets only one of two concurrent refreshes with the same token win', async () => {
    const user = await createTestUser(t.db);
    const session = await t.api.login(user.email, user.password);
    const answers = await Promise.all([t.api.refresh(session), t.api.refresh(session)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
  });

  it.each([
    ['no refresh cookie', {}],
    ['a malformed refresh cookie', { [REFRESH_COOKIE]: 'x' }],
    ['an unknown refresh token', { [REFRESH_COOKIE]: 'B'.repeat(43) }],
  ])('answers %s with 401', async (_label, extra) => {
    const csrf = 'C'.repeat(43);
    const response = await refreshWith({ [CSRF_COOKIE]: csrf, ...extra }, { [CSRF_HEADER]: csrf });
    expect(response.status).toBe(401);
    errorFormat(response.body, 401);
  });

  it('refuses an expired refresh token', async () => {
    const user = await createTestUser(t.db);
    const session = await t.api.login(user.email, user.password);
    await t.db.query(`UPDATE refresh_token SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [sha256(session.refreshToken)]);
    expect((await t.api.refresh(session)).status).toBe(401);
  });
});

describe('logout', () => {
  const logout = (session: Pick<TestSession, 'refreshToken' | 'csrfToken'>, csrfHeader = session.csrfToken) =>
    t.api.call<ErrorBody>({
      method: 'POST',
      url: '/api/auth/logout',
      cookies: { [REFRESH_COOKIE]: session.refreshToken, [CSRF_COOKIE]: session.csrfToken },
      headers: { [CSRF_HEADER]: csrfHeader },
    });

  it('ends the session: 204, cookies cleared, refresh and access tokens refused; other sessions live on', async () => {
    const user = await createTestUser(t.db);
    const session = await t.api.login(user.email, user.password);
    const other = await t.api.login(user.email, user.password);
    const response = await logout(session);
    expect(response.status).toBe(204);
    expect(response.cookies[REFRESH_COOKIE]).toMatchObject({ value: '', path: '/api/auth' });
    expect(response.cookies[CSRF_COOKIE]).toMatchObject({ value: '', path: '/' });
    expect((await t.api.refresh(session)).status).toBe(401);
    expect((await me(session.accessToken)).status).toBe(401);
    expect((await me(other.accessToken)).status).toBe(200);
  });

  it('refuses a logout without the matching CSRF header (403) and keeps the session', async () => {
    const user = await createTestUser(t.db);
    const session = await t.api.login(user.email, user.password);
    const response = await logout(session, 'D'.repeat(43));
    expect(response.status).toBe(403);
    errorFormat(response.body, 403);
    expect((await me(session.accessToken)).status).toBe(200);
  });
});

describe('access tokens', () => {
  const key = new TextEncoder().encode(TEST_JWT_SECRET);
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  let alice: TestSession;
  let bob: TestSession;

  beforeAll(async () => {
    const [a, b] = await Promise.all([createTestUser(t.db, { firstName: 'Alice' }), createTestUser(t.db, { firstName: 'Bob' })]);
    alice = await t.api.login(a.email, a.password);
    bob = await t.api.login(b.email, b.password);
  });

  const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
  const forge = (claims: Record<string, unknown>, secret = key) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secret);

  it('always answers /api/me with the token owner', async () => {
    expect((await me(alice.accessToken)).body).toMatchObject({ id: alice.user.id, firstName: 'Alice' });
    expect((await me(bob.accessToken)).body).toMatchObject({ id: bob.user.id, firstName: 'Bob' });
  });

  it('accepts a token signed with the key (the control of the tampering cases below)', async () => {
    const token = await forge({ ...claimsOf(alice.accessToken) });
    expect((await me(token)).status).toBe(200);
  });

  it.each([
    ['an unsigned token (alg none)', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claimsOf(alice.accessToken))}.`],
    ['a token signed with another key', async () => forge(claimsOf(alice.accessToken), new TextEncoder().encode('une-autre-cle-secrete-de-32-caracteres!'))],
    ['an expired token', async () => forge({ ...claimsOf(alice.accessToken), iat: Math.floor(Date.now() / 1000) - 3600, exp: Math.floor(Date.now() / 1000) - 60 })],
    ['another user id under the original signature', async () => {
      const [header, , signature] = alice.accessToken.split('.');
      return `${header}.${b64({ ...claimsOf(alice.accessToken), sub: bob.user.id })}.${signature}`;
    }],
    ['a token for another audience', async () => forge({ ...claimsOf(alice.accessToken), aud: 'autre-service' })],
    ['a token without session id', async () => {
      const { sid: _sid, ...claims } = claimsOf(alice.accessToken);
      return forge(claims);
    }],
    ['a token naming a session of someone else', async () => forge({ ...claimsOf(alice.accessToken), sid: claimsOf(bob.accessToken).sid })],
    ['a non-UUID subject', async () => forge({ ...claimsOf(alice.accessToken), sub: "1' OR '1'='1" })],
    ['garbage', async () => 'pas.un.jeton'],
  ])('refuses %s with 401 in the error format', async (_label, make) => {
    const response = await me(await make());
    expect(response.status).toBe(401);
    expect(errorFormat(response.body, 401).message).toMatch(/Session invalide/);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('answers a missing or non-Bearer Authorization header with 401', async () => {
    const none = await t.api.call<ErrorBody>({ url: '/api/me' });
    expect(none.status).toBe(401);
    expect(errorFormat(none.body, 401).message).toBe('Authentification requise.');
    const basic = await t.api.call<ErrorBody>({ url: '/api/me', headers: { authorization: 'Basic YTpi' } });
    expect(basic.status).toBe(401);
  });
});

describe('suspension', () => {
  it('ends every session of the person at once, refuses their sign-in, and reactivation lets them back', async () => {
    const admin = await createTestUser(t.db, { roles: ['admin'] });
    const user = await createTestUser(t.db);
    const adminSession = await t.api.login(admin.email, admin.password);
    const session = await t.api.login(user.email, user.password);
    expect((await me(session.accessToken)).status).toBe(200);

    const suspended = await t.api.call({ method: 'POST', url: `/api/admin/users/${user.id}/suspend`, token: adminSession.accessToken });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ id: user.id, suspended: true });

    expect((await me(session.accessToken)).status).toBe(401); // the 15-minute token dies now, not in 15 minutes
    expect((await t.api.refresh(session)).status).toBe(401);
    const login = await t.api.call({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password } });
    expect(login.status).toBe(403);

    const reactivated = await t.api.call({ method: 'POST', url: `/api/admin/users/${user.id}/reactivate`, token: adminSession.accessToken });
    expect(reactivated.body).toMatchObject({ suspended: false });
    expect((await me(session.accessToken)).status).toBe(401); // old sessions stay closed
    const again = await t.api.login(user.email, user.password);
    expect((await me(again.accessToken)).status).toBe(200);
  });
});
