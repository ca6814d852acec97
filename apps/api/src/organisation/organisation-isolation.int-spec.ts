// Isolation between organisations, property-tested (fast-check, fixed seed): a world of organisations with admins,
// managers and members (some consenting) is generated; then generated requests of an admin or manager of one
// organisation aim at another's resources — through the other's orgId, or through their own orgId with the other's
// ids — and must answer 404 and change nothing. Generated consent changes never let a non-consenting member's
// individual progress appear in the dashboard or its CSV, nor their xAPI statements (admins' LRS route).
import 'reflect-metadata';
import fc from 'fast-check';
import type { CohortView, CreateInvitationsResponse, ImportJobView, OrganisationProgress, OrganisationView, XapiStatementResult } from '@academie/contracts';
import { MemoryLogger, createTestDatabase, testConfig } from '@academie/server-testing';
import { bootCatalogApi, stopCatalogApi } from '../catalog/catalog-boot';
import type { CatalogKit } from '../catalog/catalog-kit';
import { LearningKit, type PublishedCourse, ev, text } from '../learning/learning-kit';
import { type OrgUser, emailOf, getText, invitationToken, orgUser } from './organisation-kit';

const SEED = 20300615;

interface World {
  orgId: string;
  admin: OrgUser;
  manager: OrgUser;
  /** `enrollmentId`: the registration of the member's statements. */
  members: { user: OrgUser; shares: boolean; enrollmentId: string }[];
  cohortId: string;
  invitationId: string;
  importId: string;
}

let catalog: CatalogKit;
let kit: LearningKit;
let course: PublishedCourse;
const worlds: World[] = [];

/** Everything the organisation context holds (and the enrollments and mails it writes), as one fingerprint. */
async function fingerprint(): Promise<string> {
  const { rows } = await catalog.db.query(`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM organisation t),
      (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM organisation_member t),
      (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM organisation_invitation t),
      (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM organisation_import t),
      (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM organisation_cohort t),
      (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM organisation_cohort_member t),
      (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM organisation_assignment t),
      (SELECT count(*) FROM enrollment), (SELECT count(*) FROM mail_message))) AS f`);
  return rows[0].f as string;
}

/** The generated shape of the world: per organisation, its members and who consents. */
const worldShape = fc.array(fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }), { minLength: 3, maxLength: 4 });

beforeAll(async () => {
  const url = await createTestDatabase();
  catalog = await bootCatalogApi(url, testConfig({ DATABASE_URL: url, DATABASE_POOL_SIZE: '8' }), new MemoryLogger('api'), false);
  kit = new LearningKit(catalog);
  course = await kit.publish([text('Introduction')]);
  const [shape] = fc.sample(worldShape, { seed: SEED, numRuns: 1 });
  for (const [index, consents] of shape.entries()) {
    const admin = await orgUser(catalog);
    const org = await catalog.ok<OrganisationView>('POST', '/api/organisations', admin, { kind: 'entreprise', name: `Organisation ${index}` });
    const manager = await orgUser(catalog);
    const members = [];
    for (const shares of consents) members.push({ user: await orgUser(catalog), shares, enrollmentId: '' });
    const people = [manager, ...members.map((m) => m.user)];
    const emails = await Promise.all(people.map((p) => emailOf(catalog, p)));
    await catalog.ok('POST', `/api/organisations/${org.id}/invitations`, admin, { kind: 'email', emails });
    for (const [i, p] of people.entries()) {
      await catalog.ok('POST', '/api/invitations/accept', p, { token: await invitationToken(catalog, emails[i]), shareProgress: i > 0 && members[i - 1].shares });
    }
    await catalog.ok('PATCH', `/api/organisations/${org.id}/members/${manager.id}`, admin, { role: 'org_manager' });
    const cohort = await catalog.ok<CohortView>('POST', `/api/organisations/${org.id}/cohorts`, manager, { name: 'Équipe' });
    await catalog.ok('POST', `/api/organisations/${org.id}/cohorts/${cohort.id}/members`, manager, { userIds: members.map((m) => m.user.id) });
    await catalog.ok('POST', `/api/organisations/${org.id}/cohorts/${cohort.id}/assignments`, manager, { courseId: course.courseId });
    // Every member has statements (the lesson started) in the course the organisation assigned.
    for (const m of members) {
      await kit.sendOk(m.user, [ev(course.lessonIds[0], 'started')]);
      const { rows } = await catalog.db.query(`SELECT id FROM enrollment WHERE user_id = $1 AND course_id = $2`, [m.user.id, course.courseId]);
      m.enrollmentId = rows[0].id;
    }
    const link = await catalog.ok<CreateInvitationsResponse>('POST', `/api/organisations/${org.id}/invitations`, admin, { kind: 'link' });
    const job = await catalog.ok<ImportJobView>('POST', `/api/organisations/${org.id}/imports`, admin, { csv: `import${index}@exemple.fr` });
    worlds.push({ orgId: org.id, admin, manager, members, cohortId: cohort.id, invitationId: link.invitation?.id as string, importId: job.id });
  }
}, 120_000);

afterAll(() => stopCatalogApi(catalog));

type Attack = (own: World, other: World) => { method: string; url: string; payload?: unknown };

/** Every organisation route, aimed at the other organisation directly or at its resources through one's own. */
const ATTACKS: Attack[] = [
  (_o, x) => ({ method: 'GET', url: `/api/organisations/${x.orgId}` }),
  (_o, x) => ({ method: 'GET', url: `/api/organisations/${x.orgId}/members` }),
  (_o, x) => ({ method: 'PATCH', url: `/api/organisations/${x.orgId}/members/${x.members[0].user.id}`, payload: { role: 'org_admin' } }),
  (o, x) => ({ method: 'PATCH', url: `/api/organisations/${o.orgId}/members/${x.members[0].user.id}`, payload: { role: 'org_admin' } }),
  (_o, x) => ({ method: 'DELETE', url: `/api/organisations/${x.orgId}/members/${x.members[0].user.id}` }),
  (o, x) => ({ method: 'DELETE', url: `/api/organisations/${o.orgId}/members/${x.admin.id}` }),
  (_o, x) => ({ method: 'GET', url: `/api/organisations/${x.orgId}/invitations` }),
  (_o, x) => ({ method: 'POST', url: `/api/organisations/${x.orgId}/invitations`, payload: { kind: 'link' } }),
  (_o, x) => ({ method: 'DELETE', url: `/api/organisations/${x.orgId}/invitations/${x.invitationId}` }),
  (o, x) => ({ method: 'DELETE', url: `/api/organisations/${o.orgId}/invitations/${x.invitationId}` }),
  (_o, x) => ({ method: 'POST', url: `/api/organisations/${x.orgId}/imports`, payload: { csv: 'intrus@exemple.fr' } }),
  (_o, x) => ({ method: 'GET', url: `/api/organisations/${x.orgId}/imports/${x.importId}` }),
  (o, x) => ({ method: 'GET', url: `/api/organisations/${o.orgId}/imports/${x.importId}` }),
  (_o, x) => ({ method: 'GET', url: `/api/organisations/${x.orgId}/cohorts` }),
  (_o, x) => ({ method: 'POST', url: `/api/organisations/${x.orgId}/cohorts`, payload: { name: 'Intrus' } }),
  (_o, x) => ({ method: 'POST', url: `/api/organisations/${x.orgId}/cohorts/${x.cohortId}/members`, payload: { userIds: [x.members[0].user.id] } }),
  (o, x) => ({ method: 'POST', url: `/api/organisations/${o.orgId}/cohorts/${x.cohortId}/members`, payload: { userIds: [o.members[0].user.id] } }),
  (o, x) => ({ method: 'POST', url: `/api/organisations/${o.orgId}/cohorts/${o.cohortId}/members`, payload: { userIds: [x.members[0].user.id] } }),
  (_o, x) => ({ method: 'DELETE', url: `/api/organisations/${x.orgId}/cohorts/${x.cohortId}/members/${x.members[0].user.id}` }),
  (o, x) => ({ method: 'DELETE', url: `/api/organisations/${o.orgId}/cohorts/${x.cohortId}/members/${x.members[0].user.id}` }),
  (_o, x) => ({ method: 'POST', url: `/api/organisations/${x.orgId}/cohorts/${x.cohortId}/assignments`, payload: { courseId: course.courseId } }),
  (o, x) => ({ method: 'POST', url: `/api/organisations/${o.orgId}/cohorts/${x.cohortId}/assignments`, payload: { courseId: course.courseId } }),
  (_o, x) => ({ method: 'GET', url: `/api/organisations/${x.orgId}/progress` }),
  (_o, x) => ({ method: 'GET', url: `/api/organisations/${x.orgId}/progress.csv` }),
  (_o, x) => ({ method: 'GET', url: `/api/organisations/${x.orgId}/xapi/statements` }),
  (_o, x) => ({ method: 'GET', url: `/api/organisations/${x.orgId}/xapi/statements?registration=${x.members[0].enrollmentId}` }),
];

/** Every statement the organisation's xAPI route gives the caller, page by page through `more`. */
async function allStatements(orgId: string, caller: OrgUser): Promise<{ status: number; registrations: string[]; text: string }> {
  let url = `/api/organisations/${orgId}/xapi/statements?limit=2`;
  const registrations: string[] = [];
  let text = '';
  for (let page = 0; page < 50 && url; page++) {
    const answer = await catalog.call<XapiStatementResult>('GET', url, caller, undefined);
    if (answer.status !== 200) return { status: answer.status, registrations, text: answer.text };
    text += answer.text;
    registrations.push(...answer.body.statements.map((st) => st.context?.registration as string));
    url = answer.body.more;
  }
  return { status: 200, registrations, text };
}

describe('organisation isolation (property-based, seed ' + SEED + ')', () => {
  it('no organisation admin or manager ever reads or changes anything of another organisation', async () => {
    const before = await fingerprint();
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: worlds.length - 1 }),
        fc.nat({ max: worlds.length - 2 }),
        fc.boolean(),
        fc.nat({ max: ATTACKS.length - 1 }),
        async (ownIndex, offset, asAdmin, attackIndex) => {
          const own = worlds[ownIndex];
          const other = worlds[(ownIndex + 1 + offset) % worlds.length];
          const caller = asAdmin ? own.admin : own.manager;
          const attack = ATTACKS[attackIndex](own, other);
          const answer = await catalog.call<{ statusCode?: number }>(attack.method, attack.url, caller, attack.payload);
          tried++;
          // 404: not a member of that organisation, or no such resource in one's own; 403: a manager on an admin-only route.
          const expected = !asAdmin && attack.url.startsWith(`/api/organisations/${own.orgId}/members/`) ? 403 : 404;
          expect({ attack: attackIndex, status: answer.status }).toEqual({ attack: attackIndex, status: expected });
          for (const m of other.members) expect(answer.text).not.toContain(m.user.name);
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
    expect(tried).toBeGreaterThanOrEqual(200);
    expect(await fingerprint()).toBe(before);
  }, 120_000);

  it('never shows the individual progress of a member who does not consent, in the API or the CSV', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: worlds.length - 1 }), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), fc.boolean(), async (index, flips, asAdmin) => {
        const world = worlds[index];
        for (const [i, m] of world.members.entries()) {
          if (flips[i]) {
            m.shares = !m.shares;
            await catalog.ok('PUT', `/api/me/organisations/${world.orgId}/consent`, m.user, { shareProgress: m.shares });
          }
        }
        const caller = asAdmin ? world.admin : world.manager;
        const progress = await catalog.ok<OrganisationProgress>('GET', `/api/organisations/${world.orgId}/progress`, caller);
        const csv = await getText(catalog, `/api/organisations/${world.orgId}/progress.csv`, caller);
        const sharing = world.members.filter((m) => m.shares);
        const hidden = world.members.filter((m) => !m.shares);
        expect(progress.perPerson.map((p) => p.userId).sort()).toEqual(sharing.map((m) => m.user.id).sort());
        for (const m of hidden) {
          expect(JSON.stringify(progress)).not.toContain(m.user.id);
          expect(JSON.stringify(progress)).not.toContain(m.user.name);
          expect(csv.text).not.toContain(m.user.name);
        }
        for (const m of sharing) expect(csv.text).toContain(m.user.name);
        // Fewer than 10 people and not all consenting: the aggregate is withheld.
        expect(progress.perCourse[0].withheld).toBe(hidden.length > 0);
        expect(progress.notSharing).toBe(hidden.length + 2); // + the admin and the manager, who have not said
        // xAPI for the organisation's LRS: the admin gets the statements of consenting members only, nobody else's;
        // the manager is refused.
        const statements = await allStatements(world.orgId, caller);
        if (!asAdmin) expect(statements.status).toBe(403);
        else {
          expect(statements.status).toBe(200);
          expect([...new Set(statements.registrations)].sort()).toEqual(sharing.map((m) => m.enrollmentId).sort());
          for (const m of hidden) expect(statements.text).not.toContain(m.enrollmentId);
          for (const w of worlds.filter((w) => w !== world)) for (const m of w.members) expect(statements.text).not.toContain(m.enrollmentId);
        }
      }),
      { seed: SEED, numRuns: 40 },
    );
  }, 120_000);
});
