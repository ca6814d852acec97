import 'reflect-metadata';
import type { EnrollmentDetail, EnrollmentListResponse, PersonalDataExport, ProgressBatchResponse, XapiStatementResult } from '@academie/contracts';
import { DEMO_ACCOUNTS, createDataSource, seedDemoData } from '@academie/server-database';
import { type TestApi, createTestUser, startTestApi } from '@academie/server-testing';
import { createApiApp } from '../bootstrap';
import { ev } from './learning-kit';

type App = Awaited<ReturnType<typeof createApiApp>>;
const LEARNER = DEMO_ACCOUNTS.find((a) => a.role === 'learner')!;
const ADMIN = DEMO_ACCOUNTS.find((a) => a.role === 'admin')!;

let t: TestApi<App>;
let learnerToken: string;
let adminToken: string;

beforeAll(async () => {
  t = await startTestApi(createApiApp, { seed: true });
  learnerToken = (await t.api.login(LEARNER.email, LEARNER.password)).accessToken;
  adminToken = (await t.api.login(ADMIN.email, ADMIN.password)).accessToken;
});

afterAll(() => t?.close());

/** What the seed wrote, to compare after a second run. */
async function learningCounts() {
  const { rows } = await t.db.query(
    `SELECT (SELECT count(*)::int FROM enrollment) AS enrollments, (SELECT count(*)::int FROM progress_event) AS events,
            (SELECT count(*)::int FROM quiz_attempt) AS attempts, (SELECT count(*)::int FROM course_completion) AS completions,
            (SELECT count(*)::int FROM outbox_event WHERE type = 'course.completed') AS completed_events,
            (SELECT count(*)::int FROM outbox_event WHERE type = 'enrollment.created') AS enrollment_events`,
  );
  return rows[0];
}

describe('the demo learner and personal data', () => {
  it('has one course completed (with its course.completed event) and two in progress, one resuming in a video', async () => {
    const list = await t.api.call<EnrollmentListResponse>({ url: '/api/me/enrollments', token: learnerToken });
    expect(list.status).toBe(200);
    const bySlug = Object.fromEntries(list.body.items.map((i) => [i.courseSlug, i]));
    expect(Object.keys(bySlug).sort()).toEqual(['decouvrir-ia-generative-tpe', 'ia-et-rgpd', 'tutoriel-verifier-reponse-ia']);
    const done = bySlug['tutoriel-verifier-reponse-ia'];
    expect(done).toMatchObject({ status: 'completed', progress: { percent: 100 } });
    const { rows } = await t.db.query(`SELECT payload FROM outbox_event WHERE type = 'course.completed' AND payload ->> 'enrollmentId' = $1`, [done.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].payload).toMatchObject({ courseId: done.courseId, versionId: done.versionId, completedAt: done.completedAt });

    const half = bySlug['decouvrir-ia-generative-tpe'];
    expect(half.status).toBe('in_progress');
    expect(half.progress.percent).toBeGreaterThan(0);
    expect(half.progress.percent).toBeLessThan(100);
    const detail = (await t.api.call<EnrollmentDetail>({ url: `/api/enrollments/${half.id}`, token: learnerToken })).body;
    const resumed = detail.lessons.find((l) => l.lessonId === detail.resume?.lessonId)!;
    expect(resumed.status).toBe('in_progress');
    if (resumed.kind === 'video') expect(detail.resume!.position).toBeGreaterThan(0);
    expect(bySlug['ia-et-rgpd']).toMatchObject({ status: 'in_progress', progress: { percent: 0 } });
  });

  it('seeds again without adding anything', async () => {
    const before = await learningCounts();
    const source = createDataSource({ DATABASE_URL: t.databaseUrl, DATABASE_POOL_SIZE: 1 });
    await source.initialize();
    try {
      const report = await seedDemoData(source);
      expect(report.learning).toMatchObject({ enrollments: { inserted: 0, existing: 3 }, events: 0, attempts: 0, completions: 0 });
    } finally {
      await source.destroy();
    }
    expect(await learningCounts()).toEqual(before);
    expect(before).toMatchObject({ enrollments: 3, completions: 1, completed_events: 1, enrollment_events: 3 });
  });

  it('exports enrollments, progress, events, attempts, completions and statements; keeps them after erasure under the anonymous id only', async () => {
    const person = await createTestUser(t.db, { firstName: 'Prénomsecret', lastName: 'Nomsecret' });
    const token = (await t.api.login(person.email, person.password)).accessToken;
    const { rows: courses } = await t.db.query(`SELECT id FROM course WHERE slug = 'tutoriel-verifier-reponse-ia'`);
    const enrolled = await t.api.call<{ id: string; versionId: string }>({ method: 'POST', url: '/api/enrollments', token, payload: { courseId: courses[0].id } });
    const detail = (await t.api.call<EnrollmentDetail>({ url: `/api/enrollments/${enrolled.body.id}`, token })).body;
    const first = detail.lessons[0].lessonId;
    const sent = await t.api.call<ProgressBatchResponse>({ method: 'POST', url: '/api/progress/events', token, payload: { events: [ev(first, 'started'), ev(first, 'completed')] } });
    expect(sent.status).toBe(200);

    const exported = await t.api.call<PersonalDataExport>({ url: '/api/me/export', token });
    const learning = exported.body.contexts.learning as {
      data: { anonymousId: string; enrollments: unknown[]; lessonProgress: unknown[]; progressEvents: unknown[]; xapiStatements: XapiStatementResult['statements'] };
    };
    expect(learning.data.enrollments).toHaveLength(1);
    expect(learning.data.lessonProgress).toHaveLength(1);
    expect(learning.data.progressEvents).toHaveLength(2);
    expect(learning.data.xapiStatements.map((s) => s.actor.account.name)).toEqual([learning.data.anonymousId, learning.data.anonymousId]);

    expect((await t.api.call({ method: 'DELETE', url: '/api/me', token })).status).toBe(204);
    const { rows } = await t.db.query(
      `SELECT (SELECT count(*)::int FROM progress_event p JOIN enrollment e ON e.id = p.enrollment_id WHERE e.user_id = $1) AS events,
              (SELECT email FROM app_user WHERE id = $1) AS email,
              (SELECT anonymous_id FROM learner_pseudonym WHERE user_id = $1) AS anonymous_id`,
      [person.id],
    );
    expect(rows[0]).toEqual({ events: 2, email: null, anonymous_id: learning.data.anonymousId });
    const agent = encodeURIComponent(JSON.stringify({ account: { homePage: t.config.PUBLIC_BASE_URL, name: learning.data.anonymousId } }));
    const statements = await t.api.call<XapiStatementResult>({ url: `/api/xapi/statements?agent=${agent}`, token: adminToken });
    expect(statements.body.statements).toHaveLength(2);
    expect(JSON.stringify(statements.body)).not.toMatch(/Prénomsecret|Nomsecret|@test\.academie-ia/);
  });

  it('keeps no name or e-mail in any learning table', async () => {
    const { rows } = await t.db.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public'
          AND table_name IN ('learner_pseudonym', 'learning_version', 'learning_lesson', 'enrollment', 'lesson_progress', 'progress_event',
                             'quiz_attempt', 'course_completion', 'learning_activity_daily')
          AND column_name ~ '(mail|name|siren|phone|address)'`,
    );
    expect(rows).toEqual([]);
  });
});
