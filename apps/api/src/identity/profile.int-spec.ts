// The person's own account: profile (validated against the reference lists, audience derived and stored),
// password change, personal data export and erasure.
import 'reflect-metadata';
import {
  CSRF_COOKIE,
  type ErrorBody,
  LEARNER_STATUSES,
  type MeResponse,
  NAF_SECTION_CODES,
  type PersonalDataExport,
  REFRESH_COOKIE,
  REGION_CODES,
  STAFF_BAND_CODES,
} from '@academie/contracts';
import { type TestApi, type TestSession, createTestUser, errorFormat, startTestApi, testPassword } from '@academie/server-testing';
import { createApiApp } from '../bootstrap';

let t: TestApi<Awaited<ReturnType<typeof createApiApp>>>;

beforeAll(async () => {
  t = await startTestApi(createApiApp, { overrides: { RATE_LIMIT_LOGIN_PER_IP: '1000', RATE_LIMIT_TOKEN_PER_IP: '1000' } });
});
afterAll(async () => {
  await t?.close();
});

async function signedIn(options: Parameters<typeof createTestUser>[1] = {}): Promise<TestSession & { password: string }> {
  const user = await createTestUser(t.db, options);
  return { ...(await t.api.login(user.email, user.password)), password: user.password };
}

const patch = (session: TestSession, payload: unknown) =>
  t.api.call<MeResponse & ErrorBody>({ method: 'PATCH', url: '/api/me/profile', payload, token: session.accessToken });

describe('profile', () => {
  it('stores each field, derives the audience and stores it too', async () => {
    const session = await signedIn();
    const response = await patch(session, { status: 'salarie', staffBand: '32', region: '84', sector: 'C', siren: '552100554' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: session.user.id,
      profile: { status: 'salarie', staffBand: '32', region: '84', sector: 'C', siren: '552100554' },
      audience: 'eti',
    });
    const { rows } = await t.db.query(`SELECT status, staff_band, region, sector, siren, audience FROM app_user WHERE id = $1`, [session.user.id]);
    expect(rows[0]).toEqual({ status: 'salarie', staff_band: '32', region: '84', sector: 'C', siren: '552100554', audience: 'eti' });
    expect((await t.api.call<MeResponse>({ url: '/api/me', token: session.accessToken })).body.audience).toBe('eti');
  });

  it('changes only the fields sent, clears those sent as null, and recomputes the audience', async () => {
    const session = await signedIn();
    await patch(session, { status: 'dirigeant', staffBand: '11', region: '11' });
    const apprentice = await patch(session, { status: 'apprenti' });
    expect(apprentice.body).toMatchObject({ profile: { status: 'apprenti', staffBand: '11', region: '11' }, audience: 'apprenti' });
    const cleared = await patch(session, { status: null, staffBand: null });
    expect(cleared.body).toMatchObject({ profile: { status: null, staffBand: null, region: '11', sector: null, siren: null }, audience: null });
  });

  it.each([
    ['status', 'chomeur'],
    ['status', 42],
    ['staffBand', '99'],
    ['staffBand', 11],
    ['region', '75000'],
    ['region', 'IDF'],
    ['sector', 'Z'],
    ['sector', 'c'],
    ['siren', '552100555'],
    ['siren', '12345678'],
    ['siren', 552100554],
    ['siren', '55210055a'],
  ])('refuses %s = %j with a 400 naming the field, and changes nothing', async (field, value) => {
    const session = await signedIn();
    await patch(session, { region: '53' });
    const response = await patch(session, { region: '11', [field]: value });
    expect(response.status).toBe(400);
    expect(errorFormat(response.body, 400).details).toEqual([{ field, reason: expect.any(String) }]);
    const { rows } = await t.db.query(`SELECT region FROM app_user WHERE id = $1`, [session.user.id]);
    expect(rows[0].region).toBe('53');
  });

  it('names the allowed codes in the reason', async () => {
    const session = await signedIn();
    const response = await patch(session, { sector: 'Z' });
    expect(response.body.details[0].reason).toBe(`must be one of: ${NAF_SECTION_CODES.join(', ')}`);
    const siren = await patch(session, { siren: '552100555' });
    expect(siren.body.details[0].reason).toMatch(/Luhn/);
  });

  it('accepts every code of the reference lists', async () => {
    const session = await signedIn();
    for (const status of LEARNER_STATUSES) expect((await patch(session, { status })).status).toBe(200);
    for (const staffBand of STAFF_BAND_CODES) expect((await patch(session, { staffBand })).status).toBe(200);
    for (const region of REGION_CODES) expect((await patch(session, { region })).status).toBe(200);
    for (const sector of NAF_SECTION_CODES) expect((await patch(session, { sector })).status).toBe(200);
  });

  it.each([['{"unknown":1}'], ['[]'], ['"x"'], ['{"userId":"00000000-0000-4000-8000-000000000000"}']])(
    'answers %s with a 400, never a 500',
    async (payload) => {
      const session = await signedIn();
      const response = await t.api.call({
        method: 'PATCH',
        url: '/api/me/profile',
        payload,
        headers: { 'content-type': 'application/json' },
        token: session.accessToken,
      });
      expect(response.status).toBe(400);
      errorFormat(response.body, 400);
    },
  );

  it('answers 401 without a token', async () => {
    const response = await t.api.call({ method: 'PATCH', url: '/api/me/profile', payload: { region: '11' } });
    expect(response.status).toBe(401);
  });
});

describe('password change', () => {
  const change = (session: TestSession, payload: Record<string, string>) =>
    t.api.call<ErrorBody>({ method: 'POST', url: '/api/me/password', payload, token: session.accessToken });

  it('checks the current password, keeps this session, ends the others and sends a notice', async () => {
    const user = await createTestUser(t.db);
    const session = await t.api.login(user.email, user.password);
    const other = await t.api.login(user.email, user.password);
    const newPassword = testPassword();

    const wrong = await change(session, { currentPassword: 'Pas-Le-Bon-Mot-De-Passe', newPassword });
    expect(wrong.status).toBe(400);
    expect(errorFormat(wrong.body, 400).details).toEqual([{ field: 'currentPassword', reason: 'is incorrect' }]);
    const weak = await change(session, { currentPassword: user.password, newPassword: 'motdepasse123' });
    expect(weak.body.details).toEqual([{ field: 'newPassword', reason: expect.stringMatching(/too common/) }]);

    expect((await change(session, { currentPassword: user.password, newPassword })).status).toBe(204);
    expect((await t.api.call({ url: '/api/me', token: session.accessToken })).status).toBe(200);
    expect((await t.api.call({ url: '/api/me', token: other.accessToken })).status).toBe(401);
    expect((await t.api.call({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password } })).status).toBe(401);
    expect((await t.api.login(user.email, newPassword)).user.id).toBe(user.id);
    const mails = await t.db.query(`SELECT template FROM mail_message WHERE user_id = $1`, [user.id]);
    expect(mails.rows).toEqual([{ template: 'password-changed' }]);
    const audit = await t.db.query(`SELECT action, actor_id FROM audit_log WHERE target_id = $1`, [user.id]);
    expect(audit.rows).toEqual([{ action: 'password.changed', actor_id: user.id }]);
  });
});

describe('personal data', () => {
  it('exports what every context holds about the person, and only about them', async () => {
    const session = await signedIn({ firstName: 'Élise', lastName: 'Export' });
    const stranger = await signedIn({ firstName: 'Autre', lastName: 'Personne' });
    await patch(session, { status: 'salarie', staffBand: '11', siren: '552100554' });
    await t.db.query(`INSERT INTO sso_identity (user_id, provider, subject) VALUES ($1, 'proconnect', 'sub-export-1')`, [session.user.id]);

    const response = await t.api.call<PersonalDataExport>({ url: '/api/me/export', token: session.accessToken });
    expect(response.status).toBe(200);
    expect(response.body.userId).toBe(session.user.id);
    expect(Object.keys(response.body.contexts)).toEqual(expect.arrayContaining(['identity', 'mail']));
    const identity = response.body.contexts.identity as { description: string; data: Record<string, unknown> };
    expect(identity.description).toEqual(expect.any(String));
    expect(identity.data).toMatchObject({
      account: { id: session.user.id, firstName: 'Élise', lastName: 'Export', profile: { siren: '552100554' }, audience: 'pme' },
      ssoLinks: [{ provider: 'proconnect', subject: 'sub-export-1', linkedAt: expect.any(String) }],
      sessions: [expect.objectContaining({ endedAt: null })],
    });
    const text = JSON.stringify(response.body);
    expect(text).not.toContain(stranger.user.id);
    expect(text).not.toContain('Autre');
    expect(text).not.toMatch(/password_hash|passwordHash|\$argon2/);
  });

  it('erases the person in one transaction: identity gone, row and counts kept, sessions and links ended', async () => {
    const user = await createTestUser(t.db, { firstName: 'Effacée', lastName: 'Bientôt', roles: ['trainer'] });
    const session = await t.api.login(user.email, user.password);
    const other = await t.api.login(user.email, user.password);
    await patch(session, { status: 'salarie', staffBand: '52', region: '76', sector: 'J', siren: '552100554' });
    await t.db.query(`INSERT INTO sso_identity (user_id, provider, subject) VALUES ($1, 'franceconnect', 'sub-erase-1')`, [user.id]);
    await t.api.call({ method: 'POST', url: '/api/auth/password/forgot', payload: { email: user.email } }); // a token and a mail
    const countBefore = (await t.db.query(`SELECT count(*)::int AS n FROM app_user WHERE audience = 'grand_groupe'`)).rows[0].n;

    const response = await t.api.call({ method: 'DELETE', url: '/api/me', token: session.accessToken });
    expect(response.status).toBe(204);
    expect(response.cookies[REFRESH_COOKIE]?.value).toBe('');
    expect(response.cookies[CSRF_COOKIE]?.value).toBe('');

    const { rows } = await t.db.query(`SELECT * FROM app_user WHERE id = $1`, [user.id]);
    expect(rows[0]).toMatchObject({
      email: null,
      password_hash: null,
      first_name: '',
      last_name: '',
      siren: null,
      erased_at: expect.any(Date),
      // The coarse profile stays, tied to no one, so that anonymous counts stay exact.
      audience: 'grand_groupe',
      region: '76',
    });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM app_user WHERE audience = 'grand_groupe'`)).rows[0].n).toBe(countBefore);
    for (const table of ['sso_identity', 'user_token', 'user_role', 'mail_message']) {
      expect((await t.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`, [user.id])).rows[0].n).toBe(0);
    }
    expect((await t.db.query(`SELECT count(*)::int AS n FROM session_family WHERE user_id = $1 AND revoked_at IS NULL`, [user.id])).rows[0].n).toBe(0);
    const audit = await t.db.query(`SELECT actor_id, details FROM audit_log WHERE action = 'user.erased' AND target_id = $1`, [user.id]);
    expect(audit.rows).toEqual([{ actor_id: user.id, details: {} }]);
    expect(JSON.stringify((await t.db.query(`SELECT * FROM audit_log WHERE actor_id = $1 OR target_id = $1::text`, [user.id])).rows)).not.toContain(
      user.email,
    );

    // Signed out everywhere, and the address is free again.
    expect((await t.api.call({ url: '/api/me', token: session.accessToken })).status).toBe(401);
    expect((await t.api.call({ url: '/api/me', token: other.accessToken })).status).toBe(401);
    expect((await t.api.refresh(other)).status).toBe(401);
    expect((await t.api.call({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password } })).status).toBe(401);
    const again = await t.api.call<MeResponse>({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: user.email, password: testPassword(), firstName: 'Nouvelle', lastName: 'Personne' },
    });
    expect(again.status).toBe(201);
    expect((await t.db.query(`SELECT id FROM app_user WHERE email = $1`, [user.email])).rows[0].id).toBe(again.body.id);
  });
});
