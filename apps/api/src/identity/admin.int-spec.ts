// Administration of accounts: roles granted and withdrawn (idempotent, audited), suspension, search, the
// audit log; and learners kept out of it even with real ids.
import 'reflect-metadata';
import type { AdminUserList, AdminUserSummary, AuditLogList, ErrorBody, MeResponse } from '@academie/contracts';
import { type TestApi, type TestSession, type TestUser, createTestUser, errorFormat, startTestApi } from '@academie/server-testing';
import { createApiApp } from '../bootstrap';

let t: TestApi<Awaited<ReturnType<typeof createApiApp>>>;
let admin: TestUser;
let asAdmin: TestSession;

beforeAll(async () => {
  t = await startTestApi(createApiApp, { overrides: { RATE_LIMIT_LOGIN_PER_IP: '1000' } });
  admin = await createTestUser(t.db, { roles: ['admin'], firstName: 'Ada', lastName: 'Admin' });
  asAdmin = await t.api.login(admin.email, admin.password);
});
afterAll(async () => {
  await t?.close();
});

const call = <T = AdminUserSummary & ErrorBody>(method: 'GET' | 'POST' | 'DELETE', url: string, token: string, payload?: unknown) =>
  t.api.call<T>({ method, url, token, payload });

describe('roles', () => {
  it('grants a role once (idempotent), audits the change, and the role works at once', async () => {
    const user = await createTestUser(t.db);
    const session = await t.api.login(user.email, user.password);
    expect((await call('GET', '/api/admin/users', session.accessToken)).status).toBe(403);

    const first = await call('POST', `/api/admin/users/${user.id}/roles`, asAdmin.accessToken, { role: 'admin' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: user.id, roles: ['learner', 'admin'], suspended: false });
    const second = await call('POST', `/api/admin/users/${user.id}/roles`, asAdmin.accessToken, { role: 'admin' });
    expect(second.status).toBe(200);
    expect(second.body.roles).toEqual(['learner', 'admin']);
    const learnerGrant = await call('POST', `/api/admin/users/${user.id}/roles`, asAdmin.accessToken, { role: 'learner' });
    expect(learnerGrant.body.roles).toEqual(['learner', 'admin']);

    const audit = await t.db.query(`SELECT actor_id, action, target_type, target_id, details FROM audit_log WHERE target_id = $1 ORDER BY id`, [user.id]);
    expect(audit.rows).toEqual([{ actor_id: admin.id, action: 'role.granted', target_type: 'user', target_id: user.id, details: { role: 'admin' } }]);
    // The same access token carries the new role: roles are read on each request.
    expect((await call('GET', '/api/admin/users', session.accessToken)).status).toBe(200);
    expect((await t.api.call<MeResponse>({ url: '/api/me', token: session.accessToken })).body.roles).toEqual(['learner', 'admin']);
  });

  it('withdraws a role (idempotent, audited once) and refuses to withdraw learner', async () => {
    const user = await createTestUser(t.db, { roles: ['reviewer', 'trainer'] });
    const withdrawn = await call('DELETE', `/api/admin/users/${user.id}/roles/reviewer`, asAdmin.accessToken);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.roles).toEqual(['learner', 'trainer']);
    expect((await call('DELETE', `/api/admin/users/${user.id}/roles/reviewer`, asAdmin.accessToken)).body.roles).toEqual(['learner', 'trainer']);
    const learner = await call('DELETE', `/api/admin/users/${user.id}/roles/learner`, asAdmin.accessToken);
    expect(learner.status).toBe(400);
    expect(errorFormat(learner.body, 400).details).toEqual([{ field: 'role', reason: 'every account is a learner' }]);
    const audit = await t.db.query(`SELECT action, details FROM audit_log WHERE target_id = $1 ORDER BY id`, [user.id]);
    expect(audit.rows).toEqual([{ action: 'role.withdrawn', details: { role: 'reviewer' } }]);
  });

  it('keeps an administrator from locking themselves out', async () => {
    const withdraw = await call('DELETE', `/api/admin/users/${admin.id}/roles/admin`, asAdmin.accessToken);
    expect(withdraw.status).toBe(409);
    errorFormat(withdraw.body, 409);
    const suspend = await call('POST', `/api/admin/users/${admin.id}/suspend`, asAdmin.accessToken);
    expect(suspend.status).toBe(409);
    expect((await t.api.call<MeResponse>({ url: '/api/me', token: asAdmin.accessToken })).body.roles).toContain('admin');
  });

  it.each([
    ['POST', '/api/admin/users/pas-un-uuid/roles', { role: 'trainer' }, 'id', 400],
    ['POST', '/api/admin/users/00000000-0000-4000-8000-000000000000/roles', { role: 'trainer' }, 'id', 404],
    ['POST', '/api/admin/users/{user}/roles', { role: 'superadmin' }, 'role', 400],
    ['POST', '/api/admin/users/{user}/roles', {}, 'role', 400],
    ['DELETE', '/api/admin/users/{user}/roles/superadmin', undefined, 'role', 400],
    ['POST', '/api/admin/users/00000000-0000-4000-8000-000000000000/suspend', undefined, 'id', 404],
  ] as const)('%s %s %j answers %s naming the field', async (method, path, payload, field, status) => {
    const user = await createTestUser(t.db);
    const response = await call(method, path.replace('{user}', user.id), asAdmin.accessToken, payload);
    expect(response.status).toBe(status);
    expect(errorFormat(response.body, status).details).toEqual([expect.objectContaining({ field })]);
  });
});

describe('a learner with real ids', () => {
  let learner: TestUser;
  let asLearner: TestSession;
  let target: TestUser;

  beforeAll(async () => {
    learner = await createTestUser(t.db);
    target = await createTestUser(t.db, { firstName: 'Cible' });
    asLearner = await t.api.login(learner.email, learner.password);
  });

  it.each([
    ['GET', '/api/admin/users'],
    ['GET', '/api/admin/users?q=Cible'],
    ['POST', '/api/admin/users/{target}/roles'],
    ['POST', '/api/admin/users/{self}/roles'],
    ['DELETE', '/api/admin/users/{target}/roles/trainer'],
    ['POST', '/api/admin/users/{target}/suspend'],
    ['POST', '/api/admin/users/{target}/reactivate'],
    ['GET', '/api/admin/audit'],
    ['GET', '/api/admin/audit?targetId={target}'],
  ] as const)('is refused %s %s with 403 and changes nothing', async (method, path) => {
    const url = path.replace('{target}', target.id).replace('{self}', learner.id);
    const response = await call(method, url, asLearner.accessToken, method === 'POST' ? { role: 'admin' } : undefined);
    expect(response.status).toBe(403);
    expect(errorFormat(response.body, 403).message).toContain('droits');
    const { rows } = await t.db.query(`SELECT suspended_at, ARRAY(SELECT role FROM user_role WHERE user_id = u.id) AS roles FROM app_user u WHERE id = ANY($1)`, [
      [learner.id, target.id],
    ]);
    expect(rows).toEqual([
      { suspended_at: null, roles: [] },
      { suspended_at: null, roles: [] },
    ]);
  });

  it('reads only their own account on /api/me, whatever the request says', async () => {
    const plain = await t.api.call<MeResponse>({ url: '/api/me', token: asLearner.accessToken });
    const withQuery = await t.api.call<MeResponse>({ url: `/api/me?id=${target.id}`, token: asLearner.accessToken });
    expect(plain.body.id).toBe(learner.id);
    expect(withQuery.status).toBe(200);
    expect(withQuery.body.id).toBe(learner.id);
    const exported = await t.api.call<{ userId: string }>({ url: `/api/me/export?userId=${target.id}`, token: asLearner.accessToken });
    expect(exported.body.userId).toBe(learner.id);
    // A profile change naming another id is refused, not applied to anyone.
    const patch = await t.api.call<ErrorBody>({ method: 'PATCH', url: '/api/me/profile', token: asLearner.accessToken, payload: { id: target.id, region: '11' } });
    expect(patch.status).toBe(400);
    expect((await t.db.query(`SELECT region FROM app_user WHERE id = $1`, [target.id])).rows[0].region).toBeNull();
  });
});

describe('search and audit', () => {
  it('finds accounts by e-mail or name, newest first, page after page', async () => {
    const created: TestUser[] = [];
    for (let i = 0; i < 5; i++) created.push(await createTestUser(t.db, { firstName: 'Zéphyrin', lastName: `Recherche${i}` }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url = `/api/admin/users?q=z%C3%A9phyrin&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: { status: number; body: AdminUserList } = await t.api.call<AdminUserList>({ url, token: asAdmin.accessToken });
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((u) => u.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(created.map((u) => u.id).reverse());
    const byEmail = await t.api.call<AdminUserList>({ url: `/api/admin/users?q=${encodeURIComponent(created[0].email.slice(0, 12))}`, token: asAdmin.accessToken });
    expect(byEmail.body.items.map((u) => u.id)).toContain(created[0].id);
    const wildcard = await t.api.call<AdminUserList>({ url: '/api/admin/users?q=%25', token: asAdmin.accessToken });
    expect(wildcard.body.items).toEqual([]); // % is searched literally
  });

  it.each([['limit=0'], ['limit=abc'], ['cursor=zzz'], ['unknown=1']])('answers /api/admin/users?%s with 400', async (query) => {
    const response = await t.api.call<ErrorBody>({ url: `/api/admin/users?${query}`, token: asAdmin.accessToken });
    expect(response.status).toBe(400);
    errorFormat(response.body, 400);
  });

  it('lists audit entries newest first, filtered by action, actor and target', async () => {
    const user = await createTestUser(t.db);
    await call('POST', `/api/admin/users/${user.id}/roles`, asAdmin.accessToken, { role: 'ministry' });
    await call('POST', `/api/admin/users/${user.id}/suspend`, asAdmin.accessToken);
    await call('POST', `/api/admin/users/${user.id}/reactivate`, asAdmin.accessToken);
    const byTarget = await t.api.call<AuditLogList>({ url: `/api/admin/audit?targetId=${user.id}`, token: asAdmin.accessToken });
    expect(byTarget.status).toBe(200);
    expect(byTarget.body.items.map((e) => e.action)).toEqual(['user.reactivated', 'user.suspended', 'role.granted']);
    expect(byTarget.body.items[0]).toMatchObject({ actorId: admin.id, targetType: 'user', targetId: user.id, at: expect.any(String) });
    const byAction = await t.api.call<AuditLogList>({ url: `/api/admin/audit?action=user.suspended&actorId=${admin.id}`, token: asAdmin.accessToken });
    expect(byAction.body.items.every((e) => e.action === 'user.suspended' && e.actorId === admin.id)).toBe(true);
    const firstPage = await t.api.call<AuditLogList>({ url: `/api/admin/audit?targetId=${user.id}&limit=2`, token: asAdmin.accessToken });
    expect(firstPage.body.items).toHaveLength(2);
    const secondPage = await t.api.call<AuditLogList>({
      url: `/api/admin/audit?targetId=${user.id}&limit=2&cursor=${firstPage.body.nextCursor}`,
      token: asAdmin.accessToken,
    });
    expect(secondPage.body).toEqual({ items: [expect.objectContaining({ action: 'role.granted' })], nextCursor: null });
    const bad = await t.api.call<ErrorBody>({ url: '/api/admin/audit?cursor=abc', token: asAdmin.accessToken });
    expect(bad.status).toBe(400);
    expect((await t.api.call<ErrorBody>({ url: '/api/admin/audit?actorId=x', token: asAdmin.accessToken })).status).toBe(400);
  });

  it('filters the audit log by target type and date range, and names the actor by their current e-mail', async () => {
    const user = await createTestUser(t.db);
    await call('POST', `/api/admin/users/${user.id}/roles`, asAdmin.accessToken, { role: 'trainer' });
    await t.db.query(
      `INSERT INTO audit_log (at, actor_id, action, target_type, target_id) VALUES ('2020-03-15T10:00:00Z', NULL, 'course.archived', 'course', $1)`,
      [user.id],
    );
    const list = (query: string) => t.api.call<AuditLogList>({ url: `/api/admin/audit?targetId=${user.id}&${query}`, token: asAdmin.accessToken });
    const byType = await list('targetType=user');
    expect(byType.body.items).toEqual([
      expect.objectContaining({ action: 'role.granted', actorId: admin.id, actorEmail: admin.email, targetType: 'user' }),
    ]);
    const old = await list('from=2020-03-01&to=2020-04-01');
    expect(old.body.items).toEqual([expect.objectContaining({ action: 'course.archived', actorId: null, actorEmail: null, at: '2020-03-15T10:00:00.000Z' })]);
    expect((await list('from=2020-03-15T10:00:00Z&to=2020-03-15T10:00:01Z')).body.items).toHaveLength(1); // from inclusive
    expect((await list('to=2020-03-15T10:00:00Z')).body.items).toEqual([]); // to exclusive
    expect((await list(`from=${new Date(Date.now() - 3_600_000).toISOString()}`)).body.items.map((e) => e.action)).toEqual(['role.granted']);
    for (const [query, field] of [
      ['from=hier', 'from'],
      ['to=2020-13-01', 'to'],
      ['targetType=User%20X', 'targetType'],
    ]) {
      const bad = await list(query);
      expect(errorFormat(bad.body as unknown as ErrorBody, 400).details[0].field).toBe(field);
    }
  });
});
