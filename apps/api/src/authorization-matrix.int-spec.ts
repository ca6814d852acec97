// The authorization matrix: EVERY route of the API, with the status expected for an anonymous caller and for
// each role, requested with real tokens of the seeded demo accounts. The test fails when the API registers a
// route this table does not list (a new route must declare who may call it), and when the table lists a route
// the API no longer has.
//
// To add a route: add one row to ROUTES. `expect` is built with `everyone(status)` (public routes),
// `signedIn(status)` (any account; 401 without a token) or `only([roles], status)` (401 without a token,
// 403 for the other roles). `request` builds the request from the fixtures (ids of real rows). The status
// of the allowed callers is that of a real request: 2xx, or the 4xx of a deliberately missing body or record
// when a full success would need more setup — what matters here is 401/403 against everything else.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { Role } from '@academie/contracts';
import { DEMO_ACCOUNTS, SEED_COURSES } from '@academie/server-database';
import { type GrantableRole } from '@academie/server-identity';
import { type TestApi, createTestUser, startTestApi, testPassword } from '@academie/server-testing';
import { createApiApp } from './bootstrap';

type App = Awaited<ReturnType<typeof createApiApp>>;
type Identity = 'anonymous' | Role;
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Expectation = Record<Identity, number>;

const IDENTITIES: Identity[] = ['anonymous', 'learner', 'trainer', 'reviewer', 'ministry', 'admin'];
const ROLES_ONLY = IDENTITIES.filter((i): i is Role => i !== 'anonymous');

const everyone = (status: number): Expectation => Object.fromEntries(IDENTITIES.map((i) => [i, status])) as Expectation;
const signedIn = (status: number): Expectation => ({ ...everyone(status), anonymous: 401 });
const only = (roles: Role[], status: number): Expectation =>
  Object.fromEntries(IDENTITIES.map((i) => [i, i === 'anonymous' ? 401 : roles.includes(i) ? status : 403])) as Expectation;

interface Fixtures {
  /** A learner that administrators act upon (never one of the demo accounts). */
  targetId: string;
  pingId: string;
  courseSlug: string;
  courseId: string;
  versionId: string;
  lessonId: string;
  loginEmail: string;
  loginPassword: string;
  /** An organisation none of the demo accounts belongs to, and its admin. */
  orgId: string;
  orgAdminId: string;
}

interface RequestSpec {
  url?: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

interface RouteRow {
  /** Method and path as registered (`GET /api/admin/users/:id/roles`). */
  route: `${Method} /api/${string}`;
  expect: Expectation;
  request?: (f: Fixtures) => RequestSpec;
  /** Each caller gets a fresh account with the same roles (the route consumes or destroys it). */
  fresh?: boolean;
}

const UNKNOWN = '00000000-0000-4000-8000-0000000000aa';
const uniqueEmail = () => `matrice-${randomBytes(5).toString('hex')}@example.fr`;

/** THE table. One row per route, in the order of the API's areas. */
const ROUTES: RouteRow[] = [
  // System
  { route: 'GET /api/health', expect: everyone(200) },
  { route: 'GET /api/health/ready', expect: everyone(200) },
  { route: 'GET /api/health/worker', expect: everyone(503) }, // no worker runs in this test
  // Protected by configuration, not by role (METRICS_ALLOW, METRICS_TOKEN): the test calls from 127.0.0.1, which the
  // default METRICS_ALLOW=loopback admits whatever the bearer; refusals (403 outside, 401 without the token) are in
  // apps/api/src/operations/metrics.int-spec.ts.
  { route: 'GET /api/metrics', expect: everyone(200) },
  { route: 'POST /api/system/ping', expect: only(['admin'], 202) },
  { route: 'GET /api/system/ping/:id', expect: only(['admin'], 200), request: (f) => ({ url: `/api/system/ping/${f.pingId}` }) },

  // Sessions (public: they are how one gets a token)
  {
    route: 'POST /api/auth/register',
    expect: everyone(201),
    request: () => ({ payload: { email: uniqueEmail(), password: testPassword(), firstName: 'Matrice', lastName: 'Test' } }),
  },
  { route: 'POST /api/auth/verify-email', expect: everyone(400), request: () => ({ payload: { token: 'F'.repeat(43) } }) },
  { route: 'POST /api/auth/verify-email/resend', expect: everyone(202), request: () => ({ payload: { email: uniqueEmail() } }) },
  { route: 'POST /api/auth/login', expect: everyone(200), request: (f) => ({ payload: { email: f.loginEmail, password: f.loginPassword } }) },
  { route: 'POST /api/auth/refresh', expect: everyone(403) }, // no CSRF header: refused before anything else
  { route: 'POST /api/auth/logout', expect: everyone(403) },
  { route: 'POST /api/auth/password/forgot', expect: everyone(202), request: () => ({ payload: { email: uniqueEmail() } }) },
  {
    route: 'POST /api/auth/password/reset',
    expect: everyone(400),
    request: () => ({ payload: { token: 'G'.repeat(43), password: testPassword() } }),
  },
  { route: 'GET /api/auth/sso/providers', expect: everyone(200) },
  { route: 'GET /api/auth/sso/:provider/start', expect: everyone(404), request: () => ({ url: '/api/auth/sso/proconnect/start' }) }, // not configured here
  // Without a sign-in in progress, the callback sends the browser back to the sign-in page with the reason.
  { route: 'GET /api/auth/sso/:provider/callback', expect: everyone(302), request: () => ({ url: '/api/auth/sso/proconnect/callback' }) },

  // The person
  { route: 'GET /api/me', expect: signedIn(200) },
  { route: 'PATCH /api/me/profile', expect: signedIn(200), request: () => ({ payload: { region: '11' } }) },
  {
    route: 'POST /api/me/password',
    expect: signedIn(204),
    fresh: true,
    request: (f) => ({ payload: { currentPassword: f.loginPassword, newPassword: testPassword() } }),
  },
  { route: 'GET /api/me/export', expect: signedIn(200) },
  { route: 'DELETE /api/me', expect: signedIn(204), fresh: true },

  // Administration of accounts
  { route: 'GET /api/admin/users', expect: only(['admin'], 200) },
  {
    route: 'POST /api/admin/users/:id/roles',
    expect: only(['admin'], 200),
    request: (f) => ({ url: `/api/admin/users/${f.targetId}/roles`, payload: { role: 'trainer' } }),
  },
  {
    route: 'DELETE /api/admin/users/:id/roles/:role',
    expect: only(['admin'], 200),
    request: (f) => ({ url: `/api/admin/users/${f.targetId}/roles/trainer` }),
  },
  { route: 'POST /api/admin/users/:id/suspend', expect: only(['admin'], 200), request: (f) => ({ url: `/api/admin/users/${f.targetId}/suspend` }) },
  {
    route: 'POST /api/admin/users/:id/reactivate',
    expect: only(['admin'], 200),
    request: (f) => ({ url: `/api/admin/users/${f.targetId}/reactivate` }),
  },
  { route: 'GET /api/admin/audit', expect: only(['admin'], 200) },

  // Catalogue (read)
  { route: 'GET /api/courses', expect: everyone(200) },
  { route: 'GET /api/courses/:slug', expect: everyone(200), request: (f) => ({ url: `/api/courses/${f.courseSlug}` }) },
  {
    route: 'GET /api/courses/:slug/versions/:versionId',
    expect: everyone(200),
    request: (f) => ({ url: `/api/courses/${f.courseSlug}/versions/${f.versionId}` }),
  },
  {
    route: 'GET /api/courses/:slug/versions/:versionId/lessons/:lessonId',
    expect: signedIn(200),
    request: (f) => ({ url: `/api/courses/${f.courseSlug}/versions/${f.versionId}/lessons/${f.lessonId}` }),
  },
  { route: 'GET /api/solutions', expect: everyone(200) },

  // Studio (authors)
  { route: 'GET /api/studio/courses', expect: only(['trainer'], 200) },
  { route: 'POST /api/studio/courses', expect: only(['trainer'], 400), request: () => ({ payload: {} }) },
  { route: 'GET /api/studio/courses/:courseId', expect: only(['trainer'], 404), request: () => ({ url: `/api/studio/courses/${UNKNOWN}` }) },
  { route: 'POST /api/studio/courses/:courseId/draft', expect: only(['trainer'], 404), request: () => ({ url: `/api/studio/courses/${UNKNOWN}/draft` }) },
  {
    route: 'PATCH /api/studio/courses/:courseId/draft',
    expect: only(['trainer'], 404),
    request: () => ({ url: `/api/studio/courses/${UNKNOWN}/draft`, payload: {} }),
  },
  {
    route: 'POST /api/studio/courses/:courseId/draft/modules',
    expect: only(['trainer'], 400),
    request: () => ({ url: `/api/studio/courses/${UNKNOWN}/draft/modules`, payload: {} }),
  },
  {
    route: 'PATCH /api/studio/courses/:courseId/draft/modules/:moduleId',
    expect: only(['trainer'], 400),
    request: () => ({ url: `/api/studio/courses/${UNKNOWN}/draft/modules/${UNKNOWN}`, payload: {} }),
  },
  {
    route: 'DELETE /api/studio/courses/:courseId/draft/modules/:moduleId',
    expect: only(['trainer'], 404),
    request: () => ({ url: `/api/studio/courses/${UNKNOWN}/draft/modules/${UNKNOWN}` }),
  },
  {
    route: 'POST /api/studio/courses/:courseId/draft/modules/:moduleId/lessons',
    expect: only(['trainer'], 400),
    request: () => ({ url: `/api/studio/courses/${UNKNOWN}/draft/modules/${UNKNOWN}/lessons`, payload: {} }),
  },
  {
    route: 'PUT /api/studio/courses/:courseId/draft/lessons/:lessonId',
    expect: only(['trainer'], 400),
    request: () => ({ url: `/api/studio/courses/${UNKNOWN}/draft/lessons/${UNKNOWN}`, payload: {} }),
  },
  {
    route: 'DELETE /api/studio/courses/:courseId/draft/lessons/:lessonId',
    expect: only(['trainer'], 404),
    request: () => ({ url: `/api/studio/courses/${UNKNOWN}/draft/lessons/${UNKNOWN}` }),
  },
  {
    route: 'PUT /api/studio/courses/:courseId/draft/order',
    expect: only(['trainer'], 400),
    request: () => ({ url: `/api/studio/courses/${UNKNOWN}/draft/order`, payload: {} }),
  },
  {
    route: 'POST /api/studio/courses/:courseId/draft/submit',
    expect: only(['trainer'], 404),
    request: () => ({ url: `/api/studio/courses/${UNKNOWN}/draft/submit` }),
  },
  { route: 'POST /api/studio/courses/:courseId/archive', expect: only(['trainer'], 404), request: () => ({ url: `/api/studio/courses/${UNKNOWN}/archive` }) },
  { route: 'POST /api/studio/markdown/preview', expect: only(['trainer'], 200), request: () => ({ payload: { markdown: '# Titre' } }) },

  // Review (reviewers)
  { route: 'GET /api/review/submissions', expect: only(['reviewer'], 200) },
  { route: 'GET /api/review/versions/:versionId', expect: only(['reviewer'], 404), request: () => ({ url: `/api/review/versions/${UNKNOWN}` }) },
  {
    route: 'POST /api/review/versions/:versionId/approve',
    expect: only(['reviewer'], 404),
    request: () => ({ url: `/api/review/versions/${UNKNOWN}/approve` }),
  },
  {
    route: 'POST /api/review/versions/:versionId/reject',
    expect: only(['reviewer'], 400),
    request: () => ({ url: `/api/review/versions/${UNKNOWN}/reject`, payload: {} }),
  },

  // Administration of the catalogue
  { route: 'GET /api/admin/solutions', expect: only(['admin'], 200) },
  { route: 'GET /api/admin/solutions/:id', expect: only(['admin'], 404), request: () => ({ url: `/api/admin/solutions/${UNKNOWN}` }) },
  { route: 'POST /api/admin/solutions', expect: only(['admin'], 400), request: () => ({ payload: {} }) },
  { route: 'PATCH /api/admin/solutions/:id', expect: only(['admin'], 404), request: () => ({ url: `/api/admin/solutions/${UNKNOWN}`, payload: {} }) },
  { route: 'DELETE /api/admin/solutions/:id', expect: only(['admin'], 404), request: () => ({ url: `/api/admin/solutions/${UNKNOWN}` }) },
  { route: 'GET /api/admin/search-synonyms', expect: only(['admin'], 200) },
  { route: 'POST /api/admin/search-synonyms', expect: only(['admin'], 400), request: () => ({ payload: {} }) },
  { route: 'PUT /api/admin/search-synonyms/:id', expect: only(['admin'], 400), request: () => ({ url: `/api/admin/search-synonyms/${UNKNOWN}`, payload: {} }) },
  { route: 'DELETE /api/admin/search-synonyms/:id', expect: only(['admin'], 404), request: () => ({ url: `/api/admin/search-synonyms/${UNKNOWN}` }) },
  { route: 'GET /api/admin/courses', expect: only(['admin'], 200) },
  { route: 'POST /api/admin/courses/:courseId/archive', expect: only(['admin'], 404), request: () => ({ url: `/api/admin/courses/${UNKNOWN}/archive` }) },

  // Learning: everyone learns (own enrollments only); the learning records are for administrators
  { route: 'POST /api/enrollments', expect: signedIn(201), fresh: true, request: (f) => ({ payload: { courseId: f.courseId } }) },
  { route: 'GET /api/me/enrollments', expect: signedIn(200) },
  { route: 'GET /api/enrollments/:id', expect: signedIn(404), request: () => ({ url: `/api/enrollments/${UNKNOWN}` }) },
  { route: 'DELETE /api/enrollments/:id', expect: signedIn(404), request: () => ({ url: `/api/enrollments/${UNKNOWN}` }) },
  { route: 'POST /api/progress/events', expect: signedIn(400), request: () => ({ payload: { events: [] } }) },
  { route: 'POST /api/quizzes/:lessonId/attempts', expect: signedIn(400), request: (f) => ({ url: `/api/quizzes/${f.lessonId}/attempts`, payload: {} }) },
  { route: 'GET /api/xapi/statements', expect: only(['admin'], 200) },

  // Certificates: verification by code (public, counted per IP), the learner's own, revocation
  { route: 'GET /api/certificates/:code', expect: everyone(404), request: () => ({ url: '/api/certificates/0000-0000-0000-0000' }) },
  { route: 'GET /api/certificates/:code/pdf', expect: everyone(404), request: () => ({ url: '/api/certificates/0000-0000-0000-0000/pdf' }) },
  {
    route: 'GET /api/certificates/:code/credential',
    expect: everyone(404),
    request: () => ({ url: '/api/certificates/0000-0000-0000-0000/credential' }),
  },
  { route: 'GET /api/me/certificates', expect: signedIn(200) },
  { route: 'GET /api/me/notifications', expect: signedIn(200) },
  { route: 'POST /api/me/notifications/read-all', expect: signedIn(200) },
  { route: 'POST /api/me/notifications/:id/read', expect: signedIn(404), request: () => ({ url: '/api/me/notifications/999999999/read' }) },
  {
    route: 'POST /api/admin/certificates/:code/revoke',
    expect: only(['admin'], 404),
    request: () => ({ url: '/api/admin/certificates/0000-0000-0000-0000/revoke', payload: { reason: 'Matrice des droits' } }),
  },
  { route: 'GET /api/admin/certificates', expect: only(['admin'], 200), request: () => ({ url: '/api/admin/certificates?q=0000-0000-0000-0000' }) },
  // What verifiers of a credential fetch (public; /.well-known/jwks.json is rewritten to the first one)
  { route: 'GET /api/.well-known/jwks.json', expect: everyone(200) },
  { route: 'GET /api/credentials/status/:list', expect: everyone(200), request: () => ({ url: '/api/credentials/status/1' }) },
  { route: 'GET /api/achievements/:courseId', expect: everyone(404), request: () => ({ url: `/api/achievements/${UNKNOWN}` }) },
  { route: 'GET /api/issuer', expect: everyone(200) },

  // Organisations: any signed-in person creates one and sees their own memberships; every route under
  // /api/organisations/:orgId checks the caller's role in THAT organisation (none of the demo accounts is a member of
  // the fixture's organisation: 404 for all, so that nobody learns which organisations exist; the isolation between
  // organisations is property-tested in apps/api/src/organisation/organisation-isolation.int-spec.ts).
  {
    route: 'POST /api/organisations',
    expect: signedIn(201),
    request: () => ({ payload: { kind: 'entreprise', name: 'Matrice SARL', siren: '732829320' } }),
  },
  { route: 'GET /api/me/organisations', expect: signedIn(200) },
  {
    route: 'PUT /api/me/organisations/:orgId/consent',
    expect: signedIn(404),
    request: (f) => ({ url: `/api/me/organisations/${f.orgId}/consent`, payload: { shareProgress: true } }),
  },
  { route: 'DELETE /api/me/organisations/:orgId', expect: signedIn(404), request: (f) => ({ url: `/api/me/organisations/${f.orgId}` }) },
  { route: 'GET /api/invitations/preview', expect: signedIn(404), request: () => ({ url: `/api/invitations/preview?token=${'H'.repeat(32)}` }) },
  { route: 'POST /api/invitations/accept', expect: signedIn(404), request: () => ({ payload: { token: 'H'.repeat(32), shareProgress: false } }) },
  { route: 'GET /api/organisations/:orgId', expect: signedIn(404), request: (f) => ({ url: `/api/organisations/${f.orgId}` }) },
  { route: 'GET /api/organisations/:orgId/members', expect: signedIn(404), request: (f) => ({ url: `/api/organisations/${f.orgId}/members` }) },
  {
    route: 'PATCH /api/organisations/:orgId/members/:userId',
    expect: signedIn(404),
    request: (f) => ({ url: `/api/organisations/${f.orgId}/members/${f.orgAdminId}`, payload: { role: 'member' } }),
  },
  {
    route: 'DELETE /api/organisations/:orgId/members/:userId',
    expect: signedIn(404),
    request: (f) => ({ url: `/api/organisations/${f.orgId}/members/${f.orgAdminId}` }),
  },
  { route: 'GET /api/organisations/:orgId/invitations', expect: signedIn(404), request: (f) => ({ url: `/api/organisations/${f.orgId}/invitations` }) },
  {
    route: 'POST /api/organisations/:orgId/invitations',
    expect: signedIn(404),
    request: (f) => ({ url: `/api/organisations/${f.orgId}/invitations`, payload: { kind: 'link' } }),
  },
  {
    route: 'DELETE /api/organisations/:orgId/invitations/:invitationId',
    expect: signedIn(404),
    request: (f) => ({ url: `/api/organisations/${f.orgId}/invitations/${UNKNOWN}` }),
  },
  {
    route: 'POST /api/organisations/:orgId/imports',
    expect: signedIn(404),
    request: (f) => ({ url: `/api/organisations/${f.orgId}/imports`, payload: { csv: 'a@exemple.fr' } }),
  },
  {
    route: 'GET /api/organisations/:orgId/imports/:importId',
    expect: signedIn(404),
    request: (f) => ({ url: `/api/organisations/${f.orgId}/imports/${UNKNOWN}` }),
  },
  { route: 'GET /api/organisations/:orgId/cohorts', expect: signedIn(404), request: (f) => ({ url: `/api/organisations/${f.orgId}/cohorts` }) },
  {
    route: 'POST /api/organisations/:orgId/cohorts',
    expect: signedIn(404),
    request: (f) => ({ url: `/api/organisations/${f.orgId}/cohorts`, payload: { name: 'Matrice' } }),
  },
  {
    route: 'POST /api/organisations/:orgId/cohorts/:cohortId/members',
    expect: signedIn(404),
    request: (f) => ({ url: `/api/organisations/${f.orgId}/cohorts/${UNKNOWN}/members`, payload: { userIds: [f.orgAdminId] } }),
  },
  {
    route: 'DELETE /api/organisations/:orgId/cohorts/:cohortId/members/:userId',
    expect: signedIn(404),
    request: (f) => ({ url: `/api/organisations/${f.orgId}/cohorts/${UNKNOWN}/members/${f.orgAdminId}` }),
  },
  {
    route: 'POST /api/organisations/:orgId/cohorts/:cohortId/assignments',
    expect: signedIn(404),
    request: (f) => ({ url: `/api/organisations/${f.orgId}/cohorts/${UNKNOWN}/assignments`, payload: { courseId: UNKNOWN } }),
  },
  { route: 'GET /api/organisations/:orgId/progress', expect: signedIn(404), request: (f) => ({ url: `/api/organisations/${f.orgId}/progress` }) },
  { route: 'GET /api/organisations/:orgId/progress.csv', expect: signedIn(404), request: (f) => ({ url: `/api/organisations/${f.orgId}/progress.csv` }) },
  {
    route: 'GET /api/organisations/:orgId/xapi/statements',
    expect: signedIn(404),
    request: (f) => ({ url: `/api/organisations/${f.orgId}/xapi/statements` }),
  },

  // Background jobs (administrators)
  { route: 'GET /api/admin/jobs/failed', expect: only(['admin'], 200) },
  { route: 'POST /api/admin/jobs/:queue/:jobId/retry', expect: only(['admin'], 404), request: () => ({ url: '/api/admin/jobs/outbox/outbox-0/retry' }) },
  { route: 'POST /api/admin/jobs/:queue/:jobId/discard', expect: only(['admin'], 404), request: () => ({ url: '/api/admin/jobs/outbox/outbox-0/discard' }) },
  { route: 'GET /api/admin/outbox', expect: only(['admin'], 200) },

  // KPIs (the ministry; administrators too)
  { route: 'GET /api/kpi/overview', expect: only(['ministry', 'admin'], 200) },
  { route: 'GET /api/kpi/breakdown', expect: only(['ministry', 'admin'], 200), request: () => ({ url: '/api/kpi/breakdown?by=region&audience=tpe' }) },
  { route: 'GET /api/kpi/timeseries', expect: only(['ministry', 'admin'], 200), request: () => ({ url: '/api/kpi/timeseries?interval=month' }) },
  { route: 'GET /api/kpi/export.csv', expect: only(['ministry', 'admin'], 200) },
  { route: 'GET /api/kpi/export.json', expect: only(['ministry', 'admin'], 200) },
];

/** Served by Swagger outside Nest (no guard): public, and not part of the route enumeration. */
const DOCUMENTATION = ['/api/docs', '/api/openapi.json'];

const DEMO_BY_ROLE = Object.fromEntries(DEMO_ACCOUNTS.map((account) => [account.role, account])) as Record<Role, (typeof DEMO_ACCOUNTS)[number]>;

describe('authorization matrix', () => {
  let t: TestApi<App>;
  const registered = new Set<string>();
  const tokens = {} as Record<Role, string>;
  let fixtures: Fixtures;

  beforeAll(async () => {
    t = await startTestApi(createApiApp, {
      seed: true,
      overrides: { RATE_LIMIT_LOGIN_PER_IP: '10000', RATE_LIMIT_REGISTER_PER_IP: '10000', RATE_LIMIT_MAIL_PER_IP: '10000' },
      beforeInit: (app) => {
        app
          .getHttpAdapter()
          .getInstance()
          .addHook('onRoute', (route) => {
            for (const method of [route.method].flat()) {
              if (method === 'HEAD' || method === 'OPTIONS') continue;
              if (DOCUMENTATION.some((prefix) => route.url.startsWith(prefix))) continue;
              registered.add(`${method} ${route.url}`);
            }
          });
      },
    });
    for (const role of ROLES_ONLY) {
      const account = DEMO_BY_ROLE[role];
      tokens[role] = (await t.api.login(account.email, account.password)).accessToken;
    }
    const target = await createTestUser(t.db, { firstName: 'Cible' });
    const loginUser = await createTestUser(t.db);
    const ping = await t.api.call<{ id: string }>({ method: 'POST', url: '/api/system/ping', token: tokens.admin });
    const orgAdmin = await createTestUser(t.db, { firstName: 'Gérante' });
    const orgAdminToken = (await t.api.login(orgAdmin.email, orgAdmin.password)).accessToken;
    const org = await t.api.call<{ id: string }>({
      method: 'POST',
      url: '/api/organisations',
      token: orgAdminToken,
      payload: { kind: 'entreprise', name: 'Organisation de la matrice' },
    });
    const courseSlug = SEED_COURSES[0].slug;
    const { rows } = await t.db.query(
      `SELECT c.id AS course_id, c.current_version_id AS version_id,
              (SELECT l.id FROM course_lesson l WHERE l.version_id = c.current_version_id ORDER BY l.id LIMIT 1) AS lesson_id
         FROM course c WHERE c.slug = $1`,
      [courseSlug],
    );
    fixtures = {
      targetId: target.id,
      pingId: ping.body.id,
      courseSlug,
      courseId: rows[0].course_id,
      versionId: rows[0].version_id,
      lessonId: rows[0].lesson_id,
      loginEmail: loginUser.email,
      loginPassword: loginUser.password,
      orgId: org.body.id,
      orgAdminId: orgAdmin.id,
    };
  });

  afterAll(async () => {
    await t?.close();
  });

  it('lists every route the API registers, and only those', () => {
    const listed = new Set(ROUTES.map((row) => row.route as string));
    expect(listed.size).toBe(ROUTES.length); // no route twice
    expect([...registered].filter((route) => !listed.has(route)).sort()).toEqual([]); // a route nobody classified
    expect([...listed].filter((route) => !registered.has(route)).sort()).toEqual([]); // a row for a route that is gone
  });

  it.each(ROUTES.map((row) => [row.route, row] as const))('%s answers each caller as expected', async (_route, row) => {
    const [method, path] = row.route.split(' ') as [Method, string];
    const seen = {} as Record<Identity, number>;
    for (const identity of IDENTITIES) {
      let token = identity === 'anonymous' ? undefined : tokens[identity];
      let spec = row.request?.(fixtures) ?? {};
      if (row.fresh && identity !== 'anonymous') {
        const roles = identity === 'learner' ? [] : [identity as GrantableRole];
        const user = await createTestUser(t.db, { roles });
        token = (await t.api.login(user.email, user.password)).accessToken;
        spec = row.request?.({ ...fixtures, loginEmail: user.email, loginPassword: user.password }) ?? {};
      }
      const response = await t.api.call({ method, url: spec.url ?? path, payload: spec.payload, headers: spec.headers, token });
      seen[identity] = response.status;
      if (response.status >= 400) {
        // Every refusal in the one error format.
        expect(response.body).toMatchObject({ statusCode: response.status, message: expect.any(String), details: expect.any(Array) });
      }
    }
    expect(seen).toEqual(row.expect);
  });

  it('keeps the OpenAPI documentation public', async () => {
    for (const url of DOCUMENTATION) expect((await t.api.call({ url })).status).toBe(200);
  });
});
