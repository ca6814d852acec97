import 'reflect-metadata';
import type { CourseVersionDetail, ErrorBody, LessonView, ReviewQueueResponse, StudioCourse, StudioCourseSummary } from '@academie/contracts';
import { MemoryLogger, createTestDatabase, testConfig } from '@academie/server-testing';
import { bootCatalogApi, stopCatalogApi } from './catalog-boot';
import { type CatalogKit, QUIZ_LESSON, TEXT_LESSON, type TestUser, VIDEO_LESSON } from './catalog-kit';

let kit: CatalogKit;
let author: TestUser;
let otherTrainer: TestUser;
let reviewer: TestUser;
let learner: TestUser;

beforeAll(async () => {
  const url = await createTestDatabase();
  kit = await bootCatalogApi(url, testConfig({ DATABASE_URL: url }), new MemoryLogger('api'), false);
  author = await kit.user(['trainer']);
  otherTrainer = await kit.user(['trainer']);
  reviewer = await kit.user(['reviewer']);
  learner = await kit.user([]);
});

afterAll(() => stopCatalogApi(kit));

describe('draft, review, publication and versions', () => {
  let courseId: string;
  let slug: string;
  let v1: CourseVersionDetail;
  let v1Lessons: Record<string, LessonView>;

  it('creates a course with text, video and quiz lessons, submits it, and a reviewer publishes it', async () => {
    const draft = await kit.draftCourse(author, { title: 'IA générative : premiers pas' }, [TEXT_LESSON, VIDEO_LESSON, QUIZ_LESSON]);
    courseId = draft.id;
    slug = draft.slug;
    expect(draft.draft!.modules[0].lessons.map((l) => l.kind)).toEqual(['text', 'video', 'quiz']);
    expect(draft.authors).toEqual([{ userId: author.id, name: 'Marie Testeuse' }]);
    expect((await kit.call('GET', `/api/courses/${slug}`, null)).status).toBe(404); // not published yet

    const submitted = await kit.ok<StudioCourse>('POST', `/api/studio/courses/${courseId}/draft/submit`, author);
    expect(submitted.draft!.status).toBe('submitted');
    // In review, the authors can no longer change it.
    const locked = await kit.call<ErrorBody>('PATCH', `/api/studio/courses/${courseId}/draft`, author, { title: 'Autre titre' });
    expect(locked.status).toBe(409);

    const queue = await kit.ok<ReviewQueueResponse>('GET', '/api/review/submissions', reviewer);
    expect(queue.items.map((i) => i.courseId)).toContain(courseId);
    await kit.ok('POST', `/api/review/versions/${submitted.draft!.id}/approve`, reviewer);

    v1 = await kit.ok<CourseVersionDetail>('GET', `/api/courses/${slug}`, null);
    expect(v1).toMatchObject({ title: 'IA générative : premiers pas', versionNumber: 1, latest: true, authors: ['Marie Testeuse'] });
    expect(v1.modules[0].lessons.map((l) => l.kind)).toEqual(['text', 'video', 'quiz']);
    v1Lessons = {};
    for (const lesson of v1.modules[0].lessons) {
      v1Lessons[lesson.id] = await kit.ok<LessonView>('GET', `/api/courses/${slug}/versions/${v1.versionId}/lessons/${lesson.id}`, learner);
    }
    const audit = await kit.db.query(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`, [courseId]);
    expect(audit.rows.map((r) => r.action)).toEqual(['course.created', 'course.submitted', 'course.published']);
  });

  it('keeps version 1 and its lessons readable and unchanged after version 2 is published', async () => {
    const opened = await kit.ok<StudioCourse>('POST', `/api/studio/courses/${courseId}/draft`, author);
    const again = await kit.ok<StudioCourse>('POST', `/api/studio/courses/${courseId}/draft`, author);
    expect(again.draft!.id).toBe(opened.draft!.id); // idempotent
    expect(opened.draft!.number).toBe(2);
    const copied = opened.draft!.modules[0].lessons;
    expect(copied.map((l) => l.originLessonId)).toEqual(v1.modules[0].lessons.map((l) => l.id));
    expect(copied.every((l) => !(l.id in v1Lessons))).toBe(true); // lessons of version 2 have ids of their own

    await kit.ok('PUT', `/api/studio/courses/${courseId}/draft/lessons/${copied[0].id}`, author, {
      ...TEXT_LESSON,
      title: 'Introduction revue',
      text: { markdown: 'Nouveau texte de la version 2.' },
    });
    await kit.ok('PATCH', `/api/studio/courses/${courseId}/draft`, author, { title: 'IA générative : premiers pas (2e édition)' });
    const submitted = await kit.ok<StudioCourse>('POST', `/api/studio/courses/${courseId}/draft/submit`, author);

    // A rejection first, with the reviewer's comment shown to the authors.
    const rejected = await kit.call('POST', `/api/review/versions/${submitted.draft!.id}/reject`, reviewer, { comment: 'Ajoutez une source.' });
    expect(rejected.status).toBe(200);
    const seen = await kit.ok<StudioCourse>('GET', `/api/studio/courses/${courseId}`, author);
    expect(seen.draft!.status).toBe('rejected');
    expect(seen.reviews.at(-1)).toMatchObject({ decision: 'rejected', comment: 'Ajoutez une source.', versionNumber: 2 });
    await kit.ok('POST', `/api/studio/courses/${courseId}/draft/submit`, author);
    await kit.ok('POST', `/api/review/versions/${submitted.draft!.id}/approve`, reviewer);

    const latest = await kit.ok<CourseVersionDetail>('GET', `/api/courses/${slug}`, null);
    expect(latest).toMatchObject({ versionNumber: 2, title: 'IA générative : premiers pas (2e édition)' });

    const old = await kit.ok<CourseVersionDetail>('GET', `/api/courses/${slug}/versions/${v1.versionId}`, null);
    expect({ ...old, latest: true }).toEqual(v1);
    expect(old.latest).toBe(false);
    for (const [lessonId, before] of Object.entries(v1Lessons)) {
      expect(await kit.ok('GET', `/api/courses/${slug}/versions/${v1.versionId}/lessons/${lessonId}`, learner)).toEqual(before);
    }
  });

  it('refuses any change to a published version in the database itself', async () => {
    const lessonId = Object.keys(v1Lessons)[0];
    await expect(kit.db.query(`UPDATE course_lesson SET title = 'piraté' WHERE id = $1`, [lessonId])).rejects.toThrow(/immutable/);
    await expect(kit.db.query(`DELETE FROM course_lesson WHERE id = $1`, [lessonId])).rejects.toThrow(/immutable/);
    await expect(kit.db.query(`UPDATE course_version SET title = 'piraté' WHERE id = $1`, [v1.versionId])).rejects.toThrow(/immutable/);
    await expect(kit.db.query(`DELETE FROM course_module WHERE version_id = $1`, [v1.versionId])).rejects.toThrow(/immutable/);
    await expect(
      kit.db.query(
        `INSERT INTO course_module (version_id, position, title) VALUES ($1, 99, 'ajout')`,
        [v1.versionId],
      ),
    ).rejects.toThrow(/immutable/);
  });

  it('archives: gone from the catalogue, its versions still readable by id', async () => {
    await kit.ok('POST', `/api/studio/courses/${courseId}/archive`, author);
    expect((await kit.call('GET', `/api/courses/${slug}`, null)).status).toBe(404);
    expect((await kit.call('GET', `/api/courses/${slug}/versions/${v1.versionId}`, null)).status).toBe(200);
    const audit = await kit.db.query(`SELECT action FROM audit_log WHERE target_id = $1 ORDER BY id`, [courseId]);
    expect(audit.rows.map((r) => r.action)).toEqual([
      'course.created',
      'course.submitted',
      'course.published',
      'course.draft_opened',
      'course.submitted',
      'course.rejected',
      'course.submitted',
      'course.published',
      'course.archived',
    ]);
  });
});

describe('who may do what', () => {
  it('refuses another trainer every change to a course they do not author (403)', async () => {
    const draft = await kit.draftCourse(author);
    const moduleId = draft.draft!.modules[0].id;
    const lessonId = draft.draft!.modules[0].lessons[0].id;
    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/studio/courses/${draft.id}`],
      ['PATCH', `/api/studio/courses/${draft.id}/draft`, { title: 'Volé' }],
      ['POST', `/api/studio/courses/${draft.id}/draft/modules`, { title: 'Volé' }],
      ['PATCH', `/api/studio/courses/${draft.id}/draft/modules/${moduleId}`, { title: 'Volé' }],
      ['POST', `/api/studio/courses/${draft.id}/draft/modules/${moduleId}/lessons`, TEXT_LESSON],
      ['PUT', `/api/studio/courses/${draft.id}/draft/lessons/${lessonId}`, TEXT_LESSON],
      ['DELETE', `/api/studio/courses/${draft.id}/draft/lessons/${lessonId}`],
      ['DELETE', `/api/studio/courses/${draft.id}/draft/modules/${moduleId}`],
      ['PUT', `/api/studio/courses/${draft.id}/draft/order`, { modules: [{ id: moduleId, lessonIds: [lessonId] }] }],
      ['POST', `/api/studio/courses/${draft.id}/draft/submit`],
      ['POST', `/api/studio/courses/${draft.id}/draft`],
      ['POST', `/api/studio/courses/${draft.id}/archive`],
    ];
    for (const [method, url, body] of attempts) {
      const response = await kit.call<ErrorBody>(method, url, otherTrainer, body);
      expect([method, url, response.status]).toEqual([method, url, 403]);
    }
    const mine = await kit.ok<StudioCourseSummary[]>('GET', '/api/studio/courses', otherTrainer);
    expect(mine.map((c) => c.id)).not.toContain(draft.id);
    const after = await kit.ok<StudioCourse>('GET', `/api/studio/courses/${draft.id}`, author);
    expect(after.draft!.title).toBe(draft.draft!.title);
    expect(after.draft!.modules).toEqual(draft.draft!.modules);
  });

  it('never lets a reviewer approve or reject a course they author', async () => {
    const both = await kit.user(['trainer', 'reviewer']);
    const draft = await kit.draftCourse(both);
    const submitted = await kit.ok<StudioCourse>('POST', `/api/studio/courses/${draft.id}/draft/submit`, both);
    const queue = await kit.ok<ReviewQueueResponse>('GET', '/api/review/submissions?limit=100', both);
    expect(queue.items.map((i) => i.courseId)).not.toContain(draft.id);
    expect((await kit.call('POST', `/api/review/versions/${submitted.draft!.id}/approve`, both)).status).toBe(403);
    expect((await kit.call('POST', `/api/review/versions/${submitted.draft!.id}/reject`, both, { comment: 'Moi-même' })).status).toBe(403);
    expect((await kit.call('POST', `/api/review/versions/${submitted.draft!.id}/approve`, reviewer)).status).toBe(200);
    expect((await kit.call('POST', `/api/review/versions/${submitted.draft!.id}/approve`, reviewer)).status).toBe(409);
  });

  it('answers 401 without a token and 403 without the role', async () => {
    expect((await kit.call('GET', '/api/studio/courses', null)).status).toBe(401);
    expect((await kit.call('GET', '/api/studio/courses', learner)).status).toBe(403);
    expect((await kit.call('GET', '/api/studio/courses', reviewer)).status).toBe(403);
    expect((await kit.call('GET', '/api/review/submissions', author)).status).toBe(403);
    expect((await kit.call('GET', '/api/admin/solutions', author)).status).toBe(403);
    expect((await kit.call('GET', '/api/admin/search-synonyms', reviewer)).status).toBe(403);
  });
});

describe('bad input', () => {
  let course: StudioCourse;
  beforeAll(async () => {
    course = await kit.draftCourse(author);
  });

  it.each([
    ['a single choice with two correct options', { ...QUIZ_LESSON, quiz: { questions: [{ kind: 'single', prompt: 'x', options: [{ text: 'a', correct: true, explanation: 'e' }, { text: 'b', correct: true, explanation: 'e' }] }] } }, 'quiz.questions.0.options'],
    ['a true/false with three options', { ...QUIZ_LESSON, quiz: { questions: [{ kind: 'true_false', prompt: 'x', options: [{ text: 'a', correct: true, explanation: 'e' }, { text: 'b', correct: false, explanation: 'e' }, { text: 'c', correct: false, explanation: 'e' }] }] } }, 'quiz.questions.0.options'],
    ['a video without captions nor transcript', { ...VIDEO_LESSON, video: { url: 'https://videos.academie-ia.example/x.mp4' } }, 'video.captionsVtt'],
    ['captions that are not WebVTT', { ...VIDEO_LESSON, video: { url: 'https://videos.academie-ia.example/x.mp4', captionsVtt: '1\n00:00 --> 00:01\nx' } }, 'video.captionsVtt'],
    ['a javascript: video URL', { ...VIDEO_LESSON, video: { url: 'javascript:alert(1)', transcript: 'x' } }, 'video.url'],
    ['a text lesson without its text', { kind: 'text', title: 'x', durationMinutes: 1 }, 'text'],
    ['an unknown kind', { kind: 'podcast', title: 'x', durationMinutes: 1 }, 'kind'],
    ['an explanation missing', { ...QUIZ_LESSON, quiz: { questions: [{ kind: 'single', prompt: 'x', options: [{ text: 'a', correct: true }, { text: 'b', correct: false, explanation: 'e' }] }] } }, 'quiz.questions.0.options.0.explanation'],
  ])('refuses %s with a 400 naming the field', async (_label, lesson, field) => {
    const moduleId = course.draft!.modules[0].id;
    const response = await kit.call<ErrorBody>('POST', `/api/studio/courses/${course.id}/draft/modules/${moduleId}/lessons`, author, lesson);
    expect(response.status).toBe(400);
    expect(response.body.details.map((d) => d.field)).toContain(field);
  });

  it('refuses a taken slug with a 409 and a wrong one with a 400', async () => {
    const body = { slug: course.slug, kind: 'course', title: 'Doublon', summary: '', level: 'avance', durationMinutes: 10, audiences: [], sectors: [], useCases: [], authorName: 'X Y' };
    expect((await kit.call('POST', '/api/studio/courses', author, body)).status).toBe(409);
    const wrong = await kit.call<ErrorBody>('POST', '/api/studio/courses', author, { ...body, slug: 'Pas Un Slug' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0].field).toBe('slug');
  });

  it('refuses to submit an incomplete version and names what is missing', async () => {
    const empty = await kit.ok<StudioCourse>('POST', '/api/studio/courses', author, {
      slug: `vide-${Date.now()}`, kind: 'tutorial', title: 'Vide', summary: '', level: 'avance', durationMinutes: 10, audiences: [], sectors: [], useCases: [], authorName: 'X Y',
    });
    const response = await kit.call<ErrorBody>('POST', `/api/studio/courses/${empty.id}/draft/submit`, author);
    expect(response.status).toBe(400);
    expect(response.body.details.map((d) => d.field).sort()).toEqual(['audiences', 'modules', 'summary']);
  });

  it('reorders lessons across modules and refuses an order that forgets one', async () => {
    const two = await kit.ok<StudioCourse>('POST', `/api/studio/courses/${course.id}/draft/modules`, author, { title: 'Module 2' });
    const [m1, m2] = two.draft!.modules;
    const lessonId = m1.lessons[0].id;
    const moved = await kit.ok<StudioCourse>('PUT', `/api/studio/courses/${course.id}/draft/order`, author, {
      modules: [{ id: m2.id, lessonIds: [lessonId] }, { id: m1.id, lessonIds: [] }],
    });
    expect(moved.draft!.modules.map((m) => [m.title, m.lessons.map((l) => l.id)])).toEqual([['Module 2', [lessonId]], ['Module 1', []]]);
    const wrong = await kit.call<ErrorBody>('PUT', `/api/studio/courses/${course.id}/draft/order`, author, { modules: [{ id: m2.id, lessonIds: [] }] });
    expect(wrong.status).toBe(400);
  });
});
