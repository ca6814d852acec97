// Due-date reminders of the organisations' assignments: the API in-process for the data (routes), the worker module
// in-process for the scheduled job; the reminders themselves are checked in the database (mail_message rows, queued
// through the mail outbox, and organisation_assignment_reminder).
import 'reflect-metadata';
import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CohortView, CreateInvitationsResponse, OrganisationView, PersonalDataExport } from '@academie/contracts';
import { JOB_QUEUE } from '@academie/contracts';
import { CoreModule } from '@academie/server-core';
import { DatabaseModule, createDataSource } from '@academie/server-database';
import { MailService } from '@academie/server-mail';
import {
  ORG_REMINDERS_SCHEDULE_ID,
  OrganisationRemindersProcessor,
  OrganisationWorkerModule,
  reminderSteps,
  sendDueReminders,
  stepFor,
} from '@academie/server-organisation';
import { OutboxModule, OutboxService } from '@academie/server-outbox';
import { QueueModule, QueueRegistry } from '@academie/server-queue';
import { MemoryLogger, createTestDatabase, eventually, testConfig } from '@academie/server-testing';
import { bootCatalogApi, stopCatalogApi } from '../catalog/catalog-boot';
import type { CatalogKit } from '../catalog/catalog-kit';
import { LearningKit, type PublishedCourse, ev, text } from '../learning/learning-kit';
import { type OrgUser, emailOf, invitationToken, orgUser } from './organisation-kit';

let url: string;
let catalog: CatalogKit;
let kit: LearningKit;
let course: PublishedCourse;

beforeAll(async () => {
  url = await createTestDatabase();
  catalog = await bootCatalogApi(url, testConfig({ DATABASE_URL: url, DATABASE_POOL_SIZE: '6' }), new MemoryLogger('api'), false);
  kit = new LearningKit(catalog);
  course = await kit.publish([text('Seule leçon')], 'Cours à rendre');
}, 60_000);

afterAll(() => stopCatalogApi(catalog));

/** An organisation whose admin invited `n` people who joined, all in one cohort. */
async function team(n: number): Promise<{ boss: OrgUser; org: OrganisationView; cohort: CohortView; people: OrgUser[] }> {
  const boss = await orgUser(catalog);
  const org = await catalog.ok<OrganisationView>('POST', '/api/organisations', boss, { kind: 'entreprise', name: `Équipe ${boss.name}` });
  const people = await Promise.all(Array.from({ length: n }, () => orgUser(catalog)));
  const emails = await Promise.all(people.map((p) => emailOf(catalog, p)));
  await catalog.ok<CreateInvitationsResponse>('POST', `/api/organisations/${org.id}/invitations`, boss, { kind: 'email', emails });
  for (const [i, p] of people.entries()) {
    await catalog.ok('POST', '/api/invitations/accept', p, { token: await invitationToken(catalog, emails[i]), shareProgress: false }, [200]);
  }
  const cohort = await catalog.ok<CohortView>('POST', `/api/organisations/${org.id}/cohorts`, boss, { name: 'Tous' });
  await catalog.ok('POST', `/api/organisations/${org.id}/cohorts/${cohort.id}/members`, boss, { userIds: people.map((p) => p.id) }, [200]);
  return { boss, org, cohort, people };
}

const reminders = async (orgId: string) =>
  (
    await catalog.db.query(
      `SELECT m.user_id, m.to_address, m.params, r.days_before, r.due_on::text AS due_on
         FROM organisation_assignment_reminder r JOIN mail_message m ON m.id = r.mail_message_id
        WHERE r.organisation_id = $1 ORDER BY r.days_before DESC, m.user_id`,
      [orgId],
    )
  ).rows as { user_id: string; to_address: string; params: Record<string, unknown>; days_before: number; due_on: string }[];

describe('due-date reminders', () => {
  it('picks the nearest step reached', () => {
    const steps = reminderSteps('1,7,7');
    expect(steps).toEqual([7, 1]);
    expect([10, 8, 7, 5, 2, 1, 0, -1].map((d) => stepFor(d, steps))).toEqual([null, null, 7, 7, 7, 1, 1, null]);
  });

  it('reminds each member not done once per step, never twice on reruns or two runs at once; not a completed member, not one who left', async () => {
    const { boss, org, cohort, people } = await team(4);
    const [stays, completes, leaves, late] = people;
    await catalog.ok('POST', `/api/organisations/${org.id}/cohorts/${cohort.id}/assignments`, boss, { courseId: course.courseId, dueOn: '2031-03-10' });
    // One completes the course, one leaves the organisation.
    const enrollment = (await catalog.db.query(`SELECT id FROM enrollment WHERE user_id = $1 AND course_id = $2`, [completes.id, course.courseId])).rows[0];
    expect(enrollment).toBeDefined();
    await kit.sendOk(completes, [ev(course.lessonIds[0], 'started'), ev(course.lessonIds[0], 'completed')]);
    await eventually(async () => (await catalog.db.query(`SELECT completed_at FROM enrollment WHERE id = $1`, [enrollment.id])).rows[0].completed_at);
    expect((await catalog.call('DELETE', `/api/me/organisations/${org.id}`, leaves)).status).toBe(204);

    const source = createDataSource({ DATABASE_URL: url, DATABASE_POOL_SIZE: 4 });
    await source.initialize();
    try {
      const mail = new MailService(new OutboxService());
      const steps = [7, 1];
      // 8 days before: nothing yet.
      expect((await sendDueReminders(source, mail, { steps, today: '2031-03-02' })).sent).toBe(0);
      // A week before: the two members not done (the one who completed and the one who left are not reminded).
      const week = await sendDueReminders(source, mail, { steps, today: '2031-03-03' });
      expect(week.sent).toBe(2);
      // Rerun the same day, and twice at once the next day: nothing more.
      expect((await sendDueReminders(source, mail, { steps, today: '2031-03-03' })).sent).toBe(0);
      const both = await Promise.all([sendDueReminders(source, mail, { steps, today: '2031-03-04' }), sendDueReminders(source, mail, { steps, today: '2031-03-04' })]);
      expect(both.map((r) => r.sent)).toEqual([0, 0]);
      let sent = await reminders(org.id);
      expect(sent.map((r) => [r.user_id, r.days_before]).sort()).toEqual([[stays.id, 7], [late.id, 7]].sort());
      expect(sent[0]).toMatchObject({ due_on: '2031-03-10', params: expect.objectContaining({ courseTitle: 'Cours à rendre', dueOn: '2031-03-10', daysLeft: 7 }) });
      expect(sent.map((r) => r.to_address).sort()).toEqual([await emailOf(catalog, stays), await emailOf(catalog, late)].sort());
      // Each e-mail goes through the mail outbox.
      const { rows: events } = await catalog.db.query(
        `SELECT count(*)::int AS n FROM outbox_event WHERE type = 'mail.send' AND payload ->> 'mailMessageId' IN
           (SELECT mail_message_id::text FROM organisation_assignment_reminder WHERE organisation_id = $1)`,
        [org.id],
      );
      expect(events[0].n).toBe(2);

      // The day before, two runs at once: the second step, once each.
      const dayBefore = await Promise.all([sendDueReminders(source, mail, { steps, today: '2031-03-09' }), sendDueReminders(source, mail, { steps, today: '2031-03-09' })]);
      expect(dayBefore.map((r) => r.sent).sort()).toEqual([0, 2]);
      expect((await sendDueReminders(source, mail, { steps, today: '2031-03-10' })).sent).toBe(0);
      expect((await sendDueReminders(source, mail, { steps, today: '2031-03-11' })).sent).toBe(0); // past due
      sent = await reminders(org.id);
      expect(sent.map((r) => `${r.user_id}/${r.days_before}`).sort()).toEqual([`${stays.id}/7`, `${late.id}/7`, `${stays.id}/1`, `${late.id}/1`].sort());
      const { rows: mails } = await catalog.db.query(`SELECT count(*)::int AS n FROM mail_message WHERE template = 'assignment-reminder' AND user_id = ANY($1)`, [
        people.map((p) => p.id),
      ]);
      expect(mails[0].n).toBe(4);

      // Postponed: the new date is reminded again (the due date is part of the key).
      await catalog.ok('POST', `/api/organisations/${org.id}/cohorts/${cohort.id}/assignments`, boss, { courseId: course.courseId, dueOn: '2031-04-01' });
      expect((await sendDueReminders(source, mail, { steps, today: '2031-03-31' })).sent).toBe(2);
      expect((await sendDueReminders(source, mail, { steps, today: '2031-03-31' })).sent).toBe(0);
    } finally {
      await source.destroy();
    }
  }, 120_000);

  it('runs as the scheduled worker job: declared at start, rerun safely', async () => {
    const { boss, org, cohort, people } = await team(2);
    await catalog.ok('POST', `/api/organisations/${org.id}/cohorts/${cohort.id}/assignments`, boss, { courseId: course.courseId, dueOn: '2032-01-08' });
    const logger = new MemoryLogger('worker');
    const config = testConfig({ DATABASE_URL: url, ORG_REMINDER_DAYS: '7,1', ORG_REMINDER_CRON: '15 9 * * *' });
    // The worker's modules for this job (the whole worker's start is worker.int-spec's: every job name has its processor).
    @Module({ imports: [CoreModule.forRoot(config, logger), DatabaseModule.forRoot('reminders-test'), QueueModule, OutboxModule, OrganisationWorkerModule] })
    class RemindersWorker {}
    const worker: INestApplicationContext = await NestFactory.createApplicationContext(RemindersWorker, { logger });
    await worker.init();
    try {
      const queues = worker.get(QueueRegistry);
      const schedulers = await queues.queue(JOB_QUEUE['organisation.reminders']).getJobSchedulers();
      expect(schedulers.map((s) => ({ key: s.key, pattern: s.pattern, tz: s.tz }))).toEqual([{ key: ORG_REMINDERS_SCHEDULE_ID, pattern: '15 9 * * *', tz: 'Europe/Paris' }]);
      const processor = worker.get(OrganisationRemindersProcessor);
      const runs = [];
      for (let i = 0; i < 3; i++) runs.push(await processor.process({ trigger: 'manual', today: '2032-01-01' }));
      expect(runs.map((r) => r.sent)).toEqual([2, 0, 0]);
      expect(logger.lines.filter((l) => l.includes('"organisation reminders"'))).toHaveLength(3);
      const sent = await reminders(org.id);
      expect(sent.map((r) => r.user_id).sort()).toEqual(people.map((p) => p.id).sort());
    } finally {
      await worker.close();
    }
  }, 120_000);

  it('puts memberships, consents, cohort places, invitations and reminders in the personal-data export, and erases them', async () => {
    const { boss, org, cohort, people } = await team(2);
    const [person, colleague] = people;
    await catalog.ok('PUT', `/api/me/organisations/${org.id}/consent`, person, { shareProgress: true });
    await catalog.ok('POST', `/api/organisations/${org.id}/cohorts/${cohort.id}/assignments`, boss, { courseId: course.courseId, dueOn: '2033-05-02' });
    const source = createDataSource({ DATABASE_URL: url, DATABASE_POOL_SIZE: 2 });
    await source.initialize();
    try {
      expect((await sendDueReminders(source, new MailService(new OutboxService()), { steps: [7], today: '2033-04-30' })).sent).toBe(2);
    } finally {
      await source.destroy();
    }

    const exported = await catalog.ok<PersonalDataExport>('GET', '/api/me/export', person);
    const data = exported.contexts.organisation.data as Record<string, unknown[]>;
    expect(data.memberships).toEqual([expect.objectContaining({ organisationId: org.id, role: 'member', progressSharedSince: expect.any(String) })]);
    expect(data.cohorts).toEqual([expect.objectContaining({ cohortId: cohort.id, organisationId: org.id })]);
    expect(data.invitations).toEqual([expect.objectContaining({ organisationId: org.id, acceptedAt: expect.any(String) })]);
    expect(data.reminders).toEqual([{ organisationId: org.id, courseTitle: 'Cours à rendre', dueOn: '2033-05-02', daysBefore: 7, sentAt: expect.any(String) }]);
    expect(JSON.stringify(exported)).not.toContain(colleague.id);
    const bossExport = await catalog.ok<PersonalDataExport>('GET', '/api/me/export', boss);
    expect((bossExport.contexts.organisation.data as { created: unknown }).created).toEqual({ organisationIds: [org.id], invitations: 2, imports: 1 });

    const email = await emailOf(catalog, person);
    await catalog.ok('DELETE', '/api/me', person, undefined, [204]);
    await catalog.ok('DELETE', '/api/me', boss, undefined, [204]);
    const { rows } = await catalog.db.query(
      `SELECT (SELECT count(*)::int FROM organisation_member WHERE user_id = $1) AS memberships,
              (SELECT count(*)::int FROM organisation_cohort_member WHERE user_id = $1) AS cohorts,
              (SELECT count(*)::int FROM organisation_invitation WHERE email = $2) AS invitations,
              (SELECT count(*)::int FROM organisation_assignment_reminder WHERE user_id = $1) AS reminders,
              (SELECT count(*)::int FROM mail_message WHERE user_id = $1) AS mails,
              (SELECT count(*)::int FROM organisation_assignment_reminder WHERE user_id = $3) AS colleague_reminders,
              (SELECT count(*)::int FROM organisation WHERE id = $4 AND created_by IS NULL) AS organisation_unlinked,
              (SELECT count(*)::int FROM organisation_invitation WHERE organisation_id = $4 AND created_by IS NOT NULL) AS invitations_linked`,
      [person.id, email, colleague.id, org.id],
    );
    expect(rows[0]).toEqual({ memberships: 0, cohorts: 0, invitations: 0, reminders: 0, mails: 0, colleague_reminders: 1, organisation_unlinked: 1, invitations_linked: 0 });
  }, 120_000);
});
