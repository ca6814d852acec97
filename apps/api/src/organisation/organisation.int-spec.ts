import 'reflect-metadata';
import type {
  AssignmentResult,
  CohortView,
  CreateInvitationsResponse,
  ErrorBody,
  ImportJobView,
  MyOrganisation,
  OrganisationMemberView,
  OrganisationProgress,
  OrganisationView,
  XapiStatementResult,
} from '@academie/contracts';
import { createDataSource } from '@academie/server-database';
import { MailService } from '@academie/server-mail';
import { importEmails } from '@academie/server-organisation';
import { OutboxService } from '@academie/server-outbox';
import { MemoryLogger, createTestDatabase, errorFormat, testConfig } from '@academie/server-testing';
import { bootCatalogApi, stopCatalogApi } from '../catalog/catalog-boot';
import type { CatalogKit } from '../catalog/catalog-kit';
import { LearningKit, type PublishedCourse, ev, text } from '../learning/learning-kit';
import { emailOf, getText, invitationToken, orgUser } from './organisation-kit';

let url: string;
let catalog: CatalogKit;
let kit: LearningKit;
let course: PublishedCourse;

beforeAll(async () => {
  url = await createTestDatabase();
  catalog = await bootCatalogApi(url, testConfig({ DATABASE_URL: url, DATABASE_POOL_SIZE: '8' }), new MemoryLogger('api'), false);
  kit = new LearningKit(catalog);
  course = await kit.publish([text('Introduction'), text('Suite')]);
});

afterAll(() => stopCatalogApi(catalog));

describe('organisations', () => {
  it('refuses a bad SIREN or SIRET naming the field, and makes the creator its first admin', async () => {
    const boss = await orgUser(catalog);
    const bad = await catalog.call<ErrorBody>('POST', '/api/organisations', boss, { kind: 'entreprise', name: 'X', siren: '732829321' });
    expect(errorFormat(bad.body, 400).details).toEqual([{ field: 'siren', reason: 'must be 9 digits with a valid Luhn checksum' }]);
    const badSiret = await catalog.call<ErrorBody>('POST', '/api/organisations', boss, { kind: 'entreprise', name: 'X', siret: '73282932000075' });
    expect(errorFormat(badSiret.body, 400).details[0].field).toBe('siret');
    const badKind = await catalog.call<ErrorBody>('POST', '/api/organisations', boss, { kind: 'startup', name: ' ' });
    expect(errorFormat(badKind.body, 400).details.map((d) => d.field).sort()).toEqual(['kind', 'name']);
    const created = await catalog.call<OrganisationView>('POST', '/api/organisations', boss, {
      kind: 'entreprise',
      name: 'Boulangerie Test',
      siret: '73282932000074',
      staffBand: '01',
      region: '11',
      sector: 'C',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ siren: '732829320', siret: '73282932000074', myRole: 'org_admin', memberCount: 1 });
  });

  it('invites by e-mail through the mail outbox, lets the invited person join with consent, enrolls the cohort, shows progress', async () => {
    const boss = await orgUser(catalog);
    const org = await catalog.ok<OrganisationView>('POST', '/api/organisations', boss, { kind: 'entreprise', name: 'TPE Test' });
    const colleagues = [await orgUser(catalog), await orgUser(catalog), await orgUser(catalog)];
    const emails = await Promise.all(colleagues.map((c) => emailOf(catalog, c)));
    const invited = await catalog.ok<CreateInvitationsResponse>('POST', `/api/organisations/${org.id}/invitations`, boss, { kind: 'email', emails });
    expect(invited.import).toMatchObject({ status: 'done', invited: 3, alreadyInvited: 0, rejected: 0 });
    const { rows: mails } = await catalog.db.query(
      `SELECT count(*)::int AS n FROM mail_message m JOIN outbox_event e ON e.type = 'mail.send' AND e.payload ->> 'mailMessageId' = m.id::text
        WHERE m.template = 'organisation-invitation' AND m.to_address = ANY($1)`,
      [emails],
    );
    expect(mails[0].n).toBe(3);

    // A token is for its address only.
    const wrong = await catalog.call<ErrorBody>('POST', '/api/invitations/accept', colleagues[1], {
      token: await invitationToken(catalog, emails[0]),
      shareProgress: true,
    });
    expect(wrong.status).toBe(403);
    for (const [i, c] of colleagues.entries()) {
      const joined = await catalog.call<MyOrganisation>('POST', '/api/invitations/accept', c, {
        token: await invitationToken(catalog, emails[i]),
        shareProgress: i < 2,
      });
      expect(joined.status).toBe(200);
      expect(joined.body).toMatchObject({ id: org.id, role: 'member', progressShared: i < 2 });
    }
    // Single-use.
    const again = await catalog.call('POST', '/api/invitations/accept', colleagues[0], { token: await invitationToken(catalog, emails[0]), shareProgress: true });
    expect(again.status).toBe(404);

    // A member sees nothing of the organisation's management.
    expect((await catalog.call('GET', `/api/organisations/${org.id}/members`, colleagues[0])).status).toBe(403);

    const cohort = await catalog.ok<CohortView>('POST', `/api/organisations/${org.id}/cohorts`, boss, { name: 'Équipe' });
    await catalog.ok('POST', `/api/organisations/${org.id}/cohorts/${cohort.id}/members`, boss, { userIds: colleagues.map((c) => c.id) });
    const assigned = await catalog.ok<AssignmentResult>('POST', `/api/organisations/${org.id}/cohorts/${cohort.id}/assignments`, boss, {
      courseId: course.courseId,
      dueOn: '2030-06-30',
    });
    expect(assigned.enrolled).toBe(3);
    const twice = await catalog.ok<AssignmentResult>('POST', `/api/organisations/${org.id}/cohorts/${cohort.id}/assignments`, boss, { courseId: course.courseId });
    expect(twice.enrolled).toBe(0);
    const { rows: enrolled } = await catalog.db.query(`SELECT count(*)::int AS n FROM enrollment WHERE course_id = $1 AND user_id = ANY($2)`, [
      course.courseId,
      colleagues.map((c) => c.id),
    ]);
    expect(enrolled[0].n).toBe(3);

    const progress = await catalog.ok<OrganisationProgress>('GET', `/api/organisations/${org.id}/progress`, boss);
    expect(progress.perPerson.map((p) => p.userId).sort()).toEqual([colleagues[0].id, colleagues[1].id].sort());
    expect(progress.perCourse).toEqual([expect.objectContaining({ courseId: course.courseId, people: 3, withheld: true, enrolled: null })]);
    const csv = await getText(catalog, `/api/organisations/${org.id}/progress.csv`, boss);
    expect(csv).toMatchObject({ status: 200, type: 'text/csv; charset=utf-8' });
    expect(csv.text).toContain(colleagues[0].name);
    expect(csv.text).not.toContain(colleagues[2].name);

    // Consent given: the third person appears; the aggregate is shown (everyone shares). Withdrawn: gone again.
    await catalog.ok('PUT', `/api/me/organisations/${org.id}/consent`, colleagues[2], { shareProgress: true });
    const all = await catalog.ok<OrganisationProgress>('GET', `/api/organisations/${org.id}/progress`, boss);
    expect(all.perPerson).toHaveLength(3);
    expect(all.perCourse[0]).toMatchObject({ people: 3, enrolled: 3, completed: 0, withheld: false });
    await catalog.ok('PUT', `/api/me/organisations/${org.id}/consent`, colleagues[2], { shareProgress: false });
    const withdrawn = await catalog.ok<OrganisationProgress>('GET', `/api/organisations/${org.id}/progress`, boss);
    expect(withdrawn.perPerson.map((p) => p.userId)).not.toContain(colleagues[2].id);

    // Leaving is always possible.
    const left = await catalog.call('DELETE', `/api/me/organisations/${org.id}`, colleagues[2]);
    expect(left.status).toBe(204);
    const members = await catalog.ok<OrganisationMemberView[]>('GET', `/api/organisations/${org.id}/members`, boss);
    expect(members.map((m) => m.userId)).not.toContain(colleagues[2].id);
  });

  it('gives the admins the xAPI statements of consenting members while they consent, in the xAPI shape, paginated', async () => {
    const boss = await orgUser(catalog);
    const org = await catalog.ok<OrganisationView>('POST', '/api/organisations', boss, { kind: 'agence_emploi', name: 'Agence Test' });
    const person = await orgUser(catalog);
    const email = await emailOf(catalog, person);
    await catalog.ok('POST', `/api/organisations/${org.id}/invitations`, boss, { kind: 'email', emails: [email] });
    await catalog.ok('POST', '/api/invitations/accept', person, { token: await invitationToken(catalog, email), shareProgress: true }, [200]);
    const cohort = await catalog.ok<CohortView>('POST', `/api/organisations/${org.id}/cohorts`, boss, { name: 'Cohorte' });
    await catalog.ok('POST', `/api/organisations/${org.id}/cohorts/${cohort.id}/members`, boss, { userIds: [person.id] }, [200]);
    await catalog.ok('POST', `/api/organisations/${org.id}/cohorts/${cohort.id}/assignments`, boss, { courseId: course.courseId });
    await kit.sendOk(person, [ev(course.lessonIds[0], 'started'), ev(course.lessonIds[0], 'completed'), ev(course.lessonIds[1], 'started')]);
    const statementsUrl = `/api/organisations/${org.id}/xapi/statements`;

    const first = await kit.request<XapiStatementResult>('GET', `${statementsUrl}?limit=2&ascending=true`, boss, undefined, { 'X-Experience-API-Version': '2.0.0' });
    expect(first.status).toBe(200);
    expect(first.headers['x-experience-api-version']).toBe('2.0.0');
    expect(first.body.statements).toHaveLength(2);
    expect(first.body.statements[0]).toMatchObject({ actor: { objectType: 'Agent' } });
    expect(first.body.more.startsWith(`${statementsUrl}?cursor=`)).toBe(true);
    const rest = await kit.request<XapiStatementResult>('GET', first.body.more, boss);
    expect(rest.body.statements.length).toBeGreaterThanOrEqual(1);
    // One batch is stored at one instant: its statements come in id order among themselves, whatever their verbs.
    const verbs = [...first.body.statements, ...rest.body.statements].map((st) => st.verb.id);
    expect(verbs).toEqual(expect.arrayContaining(['http://adlnet.gov/expapi/verbs/initialized', 'http://adlnet.gov/expapi/verbs/completed']));
    expect(JSON.stringify([first.body, rest.body])).not.toContain(email);

    // Bad filter: 400 naming it; another version: 400; a manager or a member: 403.
    const bad = await catalog.call<ErrorBody>('GET', `${statementsUrl}?since=hier`, boss);
    expect(errorFormat(bad.body, 400).details.map((d) => d.field)).toEqual(['since']);
    expect((await kit.request('GET', statementsUrl, boss, undefined, { 'X-Experience-API-Version': '1.0.3' })).status).toBe(400);
    expect((await catalog.call('GET', statementsUrl, person)).status).toBe(403);

    // Consent withdrawn: nothing, at once; given again: back.
    await catalog.ok('PUT', `/api/me/organisations/${org.id}/consent`, person, { shareProgress: false });
    expect((await catalog.ok<XapiStatementResult>('GET', statementsUrl, boss)).statements).toEqual([]);
    await catalog.ok('PUT', `/api/me/organisations/${org.id}/consent`, person, { shareProgress: true });
    expect((await catalog.ok<XapiStatementResult>('GET', statementsUrl, boss)).statements.length).toBeGreaterThanOrEqual(3);
    // Left the organisation: nothing.
    await catalog.call('DELETE', `/api/me/organisations/${org.id}`, person);
    expect((await catalog.ok<XapiStatementResult>('GET', statementsUrl, boss)).statements).toEqual([]);
  });

  it('joins with a multi-use link code until it is used up', async () => {
    const boss = await orgUser(catalog);
    const org = await catalog.ok<OrganisationView>('POST', '/api/organisations', boss, { kind: 'cfa', name: 'CFA Test' });
    const link = await catalog.ok<CreateInvitationsResponse>('POST', `/api/organisations/${org.id}/invitations`, boss, { kind: 'link', maxUses: 2 });
    const [a, b, c] = [await orgUser(catalog), await orgUser(catalog), await orgUser(catalog)];
    expect((await catalog.call('POST', '/api/invitations/accept', a, { token: link.code, shareProgress: false })).status).toBe(200);
    expect((await catalog.call('POST', '/api/invitations/accept', a, { token: link.code, shareProgress: false })).status).toBe(200); // already a member: no use spent
    expect((await catalog.call('POST', '/api/invitations/accept', b, { token: link.code, shareProgress: false })).status).toBe(200);
    expect((await catalog.call('POST', '/api/invitations/accept', c, { token: link.code, shareProgress: false })).status).toBe(404);
  });

  it('imports a CSV of 10,000 lines with 100 bad ones: the good ones once, the bad ones with line and reason; a re-import adds nothing', async () => {
    const boss = await orgUser(catalog);
    const org = await catalog.ok<OrganisationView>('POST', '/api/organisations', boss, { kind: 'entreprise', name: 'Grande entreprise' });
    const lines: string[] = ['email'];
    const badLines: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      if (i % 100 === 42) {
        lines.push(i % 200 === 42 ? `salarie${i}.exemple.fr` : `salarie ${i}@exemple.fr`);
        badLines.push(i + 2); // 1-based, after the header
      } else lines.push(`Salarie${i}@Exemple.fr`);
    }
    const csv = lines.join('\n');
    const started = performance.now();
    const first = await catalog.ok<ImportJobView>('POST', `/api/organisations/${org.id}/imports`, boss, { csv });
    const seconds = (performance.now() - started) / 1000;
    expect(first).toMatchObject({ status: 'done', totalLines: 10_000, processedLines: 10_000, invited: 9_900, alreadyInvited: 0, rejected: 100 });
    expect(first.errors.map((e) => e.line)).toEqual(badLines);
    expect(first.errors[0]).toEqual({ line: 44, value: 'salarie42.exemple.fr', reason: 'il manque le @' });
    expect(first.errors[1]).toEqual({ line: 144, value: 'salarie 142@exemple.fr', reason: 'l’adresse contient une espace' });
    const progress = await catalog.ok<ImportJobView>('GET', `/api/organisations/${org.id}/imports/${first.id}`, boss);
    expect(progress.processedLines).toBe(10_000);

    const second = await catalog.ok<ImportJobView>('POST', `/api/organisations/${org.id}/imports`, boss, { csv });
    expect(second).toMatchObject({ invited: 0, alreadyInvited: 9_900, rejected: 100 });
    const { rows } = await catalog.db.query(
      `SELECT (SELECT count(*)::int FROM organisation_invitation WHERE organisation_id = $1) AS invitations,
              (SELECT count(*)::int FROM mail_message WHERE template = 'organisation-invitation' AND to_address LIKE 'salarie%@exemple.fr') AS mails`,
      [org.id],
    );
    expect(rows[0]).toEqual({ invitations: 9_900, mails: 9_900 });
    console.log(`CSV import: 10,000 lines in ${seconds.toFixed(2)} s`);
  }, 120_000);

  it('imports the same through a COPY staging table (the loader the benchmark compares) as through arrays', async () => {
    const boss = await orgUser(catalog);
    const [a, b] = [
      await catalog.ok<OrganisationView>('POST', '/api/organisations', boss, { kind: 'entreprise', name: 'Par tableaux' }),
      await catalog.ok<OrganisationView>('POST', '/api/organisations', boss, { kind: 'entreprise', name: 'Par COPY' }),
    ];
    const csv = ['email', 'copie.1@exemple.fr', "o'brien+tag@exemple.fr", 'pas-une-adresse', 'copie.1@exemple.fr', await emailOf(catalog, boss)].join('\n');
    const source = createDataSource({ DATABASE_URL: url, DATABASE_POOL_SIZE: 2 });
    await source.initialize();
    try {
      const mail = new MailService(new OutboxService());
      const run = (orgId: string, loader: 'unnest' | 'copy') =>
        importEmails(source, mail, { orgId, actorId: boss.id, organisationName: 'X', csv, loader, batchSize: 2 });
      const shape = (j: ImportJobView) => ({ invited: j.invited, already: j.alreadyInvited, rejected: j.rejected, errors: j.errors });
      const [viaArrays, viaCopy] = [await run(a.id, 'unnest'), await run(b.id, 'copy')];
      expect(shape(viaCopy)).toEqual(shape(viaArrays));
      expect(viaCopy.invited).toBe(2); // the boss is a member already
      expect(shape(await run(b.id, 'copy'))).toMatchObject({ invited: 0, already: 3 }); // the member's address counts as already there
      const { rows } = await catalog.db.query(`SELECT email FROM organisation_invitation WHERE organisation_id = $1 ORDER BY email`, [b.id]);
      expect(rows.map((r) => r.email)).toEqual(['copie.1@exemple.fr', "o'brien+tag@exemple.fr"]);
    } finally {
      await source.destroy();
    }
  });
});
