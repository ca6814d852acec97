import 'reflect-metadata';
import type { EnrollmentDetail, EnrollmentListResponse, EnrollmentView, ErrorBody, StudioCourse } from '@academie/contracts';
import { MemoryLogger, createTestDatabase, errorFormat, testConfig } from '@academie/server-testing';
import { bootCatalogApi, stopCatalogApi } from '../catalog/catalog-boot';
import type { CatalogKit } from '../catalog/catalog-kit';
import { LearningKit, type PublishedCourse, RIGHT_ANSWERS, ev, quiz, text, video } from './learning-kit';

let catalog: CatalogKit;
let kit: LearningKit;
let course: PublishedCourse;

beforeAll(async () => {
  const url = await createTestDatabase();
  catalog = await bootCatalogApi(url, testConfig({ DATABASE_URL: url, DATABASE_POOL_SIZE: '8' }), new MemoryLogger('api'), false);
  kit = new LearningKit(catalog);
  course = await kit.publish([text('Introduction'), video('La vidéo', 120), quiz('Le quiz'), text('Pour aller plus loin', false)]);
});

afterAll(() => stopCatalogApi(catalog));

describe('enrollment', () => {
  it('enrolls once: 201 the first time, 200 with the same enrollment afterwards, and one enrollment.created event', async () => {
    const learner = await kit.learner();
    const first = await catalog.call<EnrollmentView>('POST', '/api/enrollments', learner, { courseId: course.courseId });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      courseId: course.courseId,
      courseSlug: course.slug,
      courseTitle: 'Cours du parcours',
      versionId: course.versionId,
      versionNumber: 1,
      status: 'in_progress',
      withdrawnAt: null,
      completedAt: null,
      progress: { completedLessons: 0, requiredLessons: 3, percent: 0 },
      lastLessonId: null,
      resume: null,
    });
    const second = await catalog.call<EnrollmentView>('POST', '/api/enrollments', learner, { courseId: course.courseId });
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);

    const { rows } = await kit.db.query(`SELECT payload FROM outbox_event WHERE type = 'enrollment.created' AND payload ->> 'enrollmentId' = $1`, [
      first.body.id,
    ]);
    expect(rows).toEqual([
      {
        payload: {
          enrollmentId: first.body.id,
          userId: learner.id,
          courseId: course.courseId,
          versionId: course.versionId,
          enrolledAt: first.body.enrolledAt,
        },
      },
    ]);
  });

  it('creates one enrollment when the same learner enrolls ten times at once', async () => {
    const learner = await kit.learner();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => catalog.call<EnrollmentView>('POST', '/api/enrollments', learner, { courseId: course.courseId })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const { rows } = await kit.db.query(`SELECT count(*)::int AS n FROM enrollment WHERE user_id = $1`, [learner.id]);
    expect(rows[0].n).toBe(1);
    const events = await kit.db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'enrollment.created' AND payload ->> 'userId' = $1`, [
      learner.id,
    ]);
    expect(events.rows[0].n).toBe(1);
  });

  it('answers 404 for an unknown course and 400 for a malformed body, in the error format', async () => {
    const learner = await kit.learner();
    const unknown = await catalog.call<ErrorBody>('POST', '/api/enrollments', learner, { courseId: '00000000-0000-4000-8000-000000000001' });
    expect(unknown.status).toBe(404);
    expect(errorFormat(unknown.body, 404).details).toEqual([{ field: 'courseId', reason: 'no published course has this id' }]);
    const malformed = await catalog.call<ErrorBody>('POST', '/api/enrollments', learner, { courseId: 'abc' });
    expect(errorFormat(malformed.body, 400).details[0].field).toBe('courseId');
    const extra = await catalog.call<ErrorBody>('POST', '/api/enrollments', learner, { courseId: course.courseId, versionId: course.versionId });
    expect(errorFormat(extra.body, 400).details[0].field).toBe('versionId');
    expect((await catalog.call('POST', '/api/enrollments', null, { courseId: course.courseId })).status).toBe(401);
  });

  it('enrolls newcomers on the latest published version while earlier learners keep theirs', async () => {
    const early = await kit.learner();
    const before = await kit.enroll(early, course.courseId);
    const published = await kit.publish([text('Seule leçon')], 'Cours versionné');
    const v1Learner = await kit.learner();
    const onV1 = await kit.enroll(v1Learner, published.courseId);
    // Version 2: a new draft from version 1, one more lesson, reviewed and published.
    const trainer = await kit.trainer;
    const draft = await catalog.ok<StudioCourse>('POST', `/api/studio/courses/${published.courseId}/draft`, trainer);
    await catalog.ok('POST', `/api/studio/courses/${published.courseId}/draft/modules/${draft.draft!.modules[0].id}/lessons`, trainer, text('Nouvelle leçon'));
    await catalog.publish(published.courseId, trainer, await kit.reviewer);
    const newcomer = await kit.learner();
    const onV2 = await kit.enroll(newcomer, published.courseId);
    expect(onV2.versionNumber).toBe(2);
    expect(onV2.progress.requiredLessons).toBe(2);
    const again = await kit.enroll(v1Learner, published.courseId);
    expect([again.id, again.versionId, again.versionNumber]).toEqual([onV1.id, onV1.versionId, 1]);
    // A lesson of version 2 is refused to the learner of version 1.
    const v2Detail = await kit.detail(newcomer, onV2.id);
    const v2Only = v2Detail.lessons.find((l) => l.title === 'Nouvelle leçon')!.lessonId;
    const refused = await kit.send(v1Learner, [ev(v2Only, 'started')]);
    expect(refused.status).toBe(403);
    expect(before.versionId).toBe(course.versionId);
  });

  it('lists the learner’s enrollments with percent, last lesson and status, most recent activity first', async () => {
    const learner = await kit.learner();
    const other = await kit.publish([text('A'), text('B')], 'Deuxième cours');
    const a = await kit.enroll(learner, course.courseId);
    const b = await kit.enroll(learner, other.courseId);
    await kit.sendOk(learner, [ev(course.lessonIds[0], 'started'), ev(course.lessonIds[0], 'completed')]);
    await kit.sendOk(learner, [ev(other.lessonIds[1], 'started')]);
    const list = await catalog.ok<EnrollmentListResponse>('GET', '/api/me/enrollments', learner, undefined, [200]);
    expect(list.items.map((i) => [i.id, i.status, i.progress.percent, i.lastLessonId])).toEqual([
      [b.id, 'in_progress', 0, other.lessonIds[1]],
      [a.id, 'in_progress', 33, course.lessonIds[0]],
    ]);
    // Nobody else's enrollments.
    const stranger = await kit.learner();
    expect((await catalog.ok<EnrollmentListResponse>('GET', '/api/me/enrollments', stranger, undefined, [200])).items).toEqual([]);
  });

  it('gives the resume point and each lesson’s progress; another learner gets 404 for it', async () => {
    const learner = await kit.learner();
    const enrollment = await kit.enroll(learner, course.courseId);
    const [intro, videoId] = course.lessonIds;
    await kit.sendOk(learner, [
      ev(intro, 'started'),
      ev(intro, 'completed'),
      ev(videoId, 'started'),
      ev(videoId, 'video_position', { position: 30 }),
      ev(videoId, 'video_position', { position: 47.5 }),
    ]);
    const detail = await kit.detail(learner, enrollment.id);
    expect(detail.resume).toEqual({ lessonId: videoId, position: 47.5 });
    expect(detail.lessons.map((l) => [l.kind, l.status, l.required])).toEqual([
      ['text', 'completed', true],
      ['video', 'in_progress', true],
      ['quiz', 'not_started', true],
      ['text', 'not_started', false],
    ]);
    expect(detail.lessons[1].video).toEqual({ lastPosition: 47.5, maxPosition: 47.5, durationSeconds: 120, completionRatio: 0.9 });
    expect(detail.lessons[2].quiz).toEqual({
      attempts: 0,
      maxAttempts: null,
      attemptsLeft: null,
      cooldownSeconds: 0,
      bestScore: null,
      passed: false,
      lastAttemptAt: null,
      nextAttemptAt: null,
    });
    const stranger = await kit.learner();
    const refused = await catalog.call<ErrorBody>('GET', `/api/enrollments/${enrollment.id}`, stranger);
    expect(refused.status).toBe(404);
    errorFormat(refused.body, 404);
    expect((await catalog.call('DELETE', `/api/enrollments/${enrollment.id}`, stranger)).status).toBe(404);
    expect((await catalog.call('GET', `/api/enrollments/not-a-uuid`, learner)).status).toBe(400);
  });

  it('unenrolls keeping the progress: events are refused while withdrawn, enrolling again resumes where it was', async () => {
    const learner = await kit.learner();
    const enrollment = await kit.enroll(learner, course.courseId);
    const [intro, videoId, quizId] = course.lessonIds;
    await kit.sendOk(learner, [ev(intro, 'completed'), ev(videoId, 'video_position', { position: 60 })]);
    const withdrawn = await catalog.ok<EnrollmentView>('DELETE', `/api/enrollments/${enrollment.id}`, learner, undefined, [200]);
    expect(withdrawn).toMatchObject({ id: enrollment.id, status: 'withdrawn', progress: { completedLessons: 1, percent: 33 } });
    expect((await catalog.ok<EnrollmentView>('DELETE', `/api/enrollments/${enrollment.id}`, learner, undefined, [200])).withdrawnAt).toBe(
      withdrawn.withdrawnAt,
    );
    expect((await kit.send(learner, [ev(videoId, 'video_position', { position: 70 })])).status).toBe(403);
    expect((await kit.attempt(learner, quizId, RIGHT_ANSWERS)).status).toBe(403);

    const back = await catalog.call<EnrollmentView>('POST', '/api/enrollments', learner, { courseId: course.courseId });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ id: enrollment.id, status: 'in_progress', withdrawnAt: null, progress: { completedLessons: 1 } });
    expect(back.body.resume).toEqual({ lessonId: videoId, position: 60 });
    const detail: EnrollmentDetail = await kit.detail(learner, enrollment.id);
    expect(detail.lessons[0].status).toBe('completed');
  });
});
