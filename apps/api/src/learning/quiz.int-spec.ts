import 'reflect-metadata';
import type { ErrorBody, QuizAttemptResponse } from '@academie/contracts';
import { MemoryLogger, createTestDatabase, errorFormat, testConfig } from '@academie/server-testing';
import { bootCatalogApi, stopCatalogApi } from '../catalog/catalog-boot';
import type { CatalogKit } from '../catalog/catalog-kit';
import { LearningKit, type PublishedCourse, RIGHT_ANSWERS, WRONG_ANSWERS, ev, quiz, text } from './learning-kit';

let catalog: CatalogKit;
let kit: LearningKit;
let open: PublishedCourse; // no limit, no cool-down
let strict: PublishedCourse; // 2 attempts, 1 hour apart
let cooled: PublishedCourse; // 2 s apart

beforeAll(async () => {
  const url = await createTestDatabase();
  catalog = await bootCatalogApi(url, testConfig({ DATABASE_URL: url, DATABASE_POOL_SIZE: '8' }), new MemoryLogger('api'), false);
  kit = new LearningKit(catalog);
  open = await kit.publish([text('Lire'), quiz('Quiz libre')], 'Quiz libre');
  strict = await kit.publish([quiz('Quiz strict', { maxAttempts: 2, cooldownSeconds: 3600 })], 'Quiz strict');
  cooled = await kit.publish([quiz('Quiz patient', { cooldownSeconds: 2 })], 'Quiz patient');
});

afterAll(() => stopCatalogApi(catalog));

describe('quizzes', () => {
  it('grades on the server: score, pass or fail, each question right or wrong with the explanation of the chosen options, never the right one', async () => {
    const learner = await kit.learner();
    const enrollment = await kit.enroll(learner, open.courseId);
    const quizId = open.lessonIds[1];
    const failed = await kit.attempt(learner, quizId, WRONG_ANSWERS);
    expect(failed.status).toBe(201);
    const body = failed.body as QuizAttemptResponse;
    expect(body).toMatchObject({
      enrollmentId: enrollment.id,
      lessonId: quizId,
      attemptNumber: 1,
      score: 0,
      passMark: 70,
      passed: false,
      correctCount: 0,
      questionCount: 2,
      attemptsLeft: null,
      nextAttemptAt: null,
      enrollment: { status: 'in_progress', progress: { completedLessons: 0, requiredLessons: 2 } },
    });
    expect(body.questions).toEqual([
      { questionId: 'q1', correct: false, explanations: [{ optionId: 'q1-b', text: 'EXPLICATION-Q1-B' }] },
      { questionId: 'q2', correct: false, explanations: [{ optionId: 'q2-a', text: 'EXPLICATION-Q2-A' }] },
    ]);
    // The right option of a missed question is never revealed, nor any correct flag.
    expect(failed.text).not.toMatch(/EXPLICATION-Q1-A|EXPLICATION-Q2-B|"correct":true/);

    const passed = await kit.attempt(learner, quizId, RIGHT_ANSWERS);
    expect(passed.body).toMatchObject({ attemptNumber: 2, score: 100, passed: true, enrollment: { progress: { completedLessons: 1 } } });
    const { rows } = await kit.db.query(`SELECT attempt_number, score, passed, answers FROM quiz_attempt WHERE enrollment_id = $1 ORDER BY attempt_number`, [
      enrollment.id,
    ]);
    expect(rows).toEqual([
      { attempt_number: 1, score: 0, passed: false, answers: WRONG_ANSWERS },
      { attempt_number: 2, score: 100, passed: true, answers: RIGHT_ANSWERS },
    ]);
    // Failing again later does not undo the pass.
    await kit.attempt(learner, quizId, WRONG_ANSWERS);
    const detail = await kit.detail(learner, enrollment.id);
    expect(detail.lessons[1]).toMatchObject({ status: 'completed', quiz: { attempts: 3, bestScore: 100, passed: true } });
  });

  it('completes the enrollment when the last required quiz is passed, with one course.completed event', async () => {
    const learner = await kit.learner();
    const enrollment = await kit.enroll(learner, open.courseId);
    await kit.sendOk(learner, [ev(open.lessonIds[0], 'completed')]);
    const passed = await kit.attempt(learner, open.lessonIds[1], RIGHT_ANSWERS);
    expect((passed.body as QuizAttemptResponse).enrollment).toMatchObject({ status: 'completed', progress: { percent: 100 } });
    await kit.attempt(learner, open.lessonIds[1], RIGHT_ANSWERS);
    expect(await kit.completionEvents(enrollment.id)).toBe(1);
    const { rows } = await kit.db.query(`SELECT payload FROM outbox_event WHERE type = 'course.completed' AND payload ->> 'enrollmentId' = $1`, [
      enrollment.id,
    ]);
    expect(rows[0].payload).toEqual({
      enrollmentId: enrollment.id,
      userId: learner.id,
      courseId: open.courseId,
      versionId: open.versionId,
      completedAt: (passed.body as QuizAttemptResponse).enrollment.completedAt,
    });
  });

  it('refuses a third attempt when two are allowed (409), and one during the cool-down (429 with Retry-After)', async () => {
    const learner = await kit.learner();
    const enrollment = await kit.enroll(learner, strict.courseId);
    const quizId = strict.lessonIds[0];
    const first = await kit.attempt(learner, quizId, WRONG_ANSWERS);
    const firstBody = first.body as QuizAttemptResponse;
    expect(firstBody.attemptsLeft).toBe(1);
    expect(Date.parse(firstBody.nextAttemptAt!) - Date.parse(firstBody.submittedAt)).toBe(3_600_000);
    const early = await kit.attempt(learner, quizId, RIGHT_ANSWERS);
    expect(early.status).toBe(429);
    const retryAfter = Number(early.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(3590);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    errorFormat(early.body, 429);
    // An hour later (moved back in the database), the second and last attempt.
    await kit.db.query(`UPDATE quiz_attempt SET submitted_at = submitted_at - interval '61 minutes' WHERE enrollment_id = $1`, [enrollment.id]);
    const second = await kit.attempt(learner, quizId, WRONG_ANSWERS);
    expect(second.body).toMatchObject({ attemptNumber: 2, attemptsLeft: 0, nextAttemptAt: null });
    await kit.db.query(`UPDATE quiz_attempt SET submitted_at = submitted_at - interval '61 minutes' WHERE enrollment_id = $1`, [enrollment.id]);
    const third = await kit.attempt(learner, quizId, RIGHT_ANSWERS);
    expect(third.status).toBe(409);
    expect(errorFormat(third.body, 409).details).toEqual([{ field: 'lessonId', reason: 'at most 2 attempt(s) at this quiz' }]);
    const detail = await kit.detail(learner, enrollment.id);
    expect(detail.lessons[0].quiz).toMatchObject({ attempts: 2, maxAttempts: 2, attemptsLeft: 0, cooldownSeconds: 3600, nextAttemptAt: null, passed: false });
    const { rows } = await kit.db.query(`SELECT count(*)::int AS n FROM quiz_attempt WHERE enrollment_id = $1`, [enrollment.id]);
    expect(rows[0].n).toBe(2);
  });

  it('holds the limit when ten attempts arrive at once: exactly the allowed number is kept', async () => {
    const learner = await kit.learner();
    const enrollment = await kit.enroll(learner, strict.courseId);
    await kit.db.query(`UPDATE learning_lesson SET cooldown_seconds = 0 WHERE lesson_id = $1`, [strict.lessonIds[0]]);
    try {
      const answers = await Promise.all(Array.from({ length: 10 }, () => kit.attempt(learner, strict.lessonIds[0], WRONG_ANSWERS)));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 409, 409, 409, 409, 409, 409, 409, 409]);
      const { rows } = await kit.db.query(`SELECT attempt_number FROM quiz_attempt WHERE enrollment_id = $1 ORDER BY 1`, [enrollment.id]);
      expect(rows.map((r) => r.attempt_number)).toEqual([1, 2]);
    } finally {
      await kit.db.query(`UPDATE learning_lesson SET cooldown_seconds = 3600 WHERE lesson_id = $1`, [strict.lessonIds[0]]);
    }
  });

  it('lets the learner try again once the cool-down is over', async () => {
    const learner = await kit.learner();
    await kit.enroll(learner, cooled.courseId);
    expect((await kit.attempt(learner, cooled.lessonIds[0], WRONG_ANSWERS)).status).toBe(201);
    const refused = await kit.attempt(learner, cooled.lessonIds[0], WRONG_ANSWERS);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await kit.attempt(learner, cooled.lessonIds[0], RIGHT_ANSWERS)).status).toBe(201);
  });

  it('answers 400 for answers that do not fit, 403 outside the learner’s courses, 404 for a lesson that is not a quiz', async () => {
    const learner = await kit.learner();
    await kit.enroll(learner, open.courseId);
    const quizId = open.lessonIds[1];
    const cases: [unknown, string][] = [
      [{ answers: [{ questionId: 'q1', optionIds: ['q1-a'] }] }, 'answers'],
      [{ answers: [{ questionId: 'q1', optionIds: ['q1-a', 'q1-b'] }, RIGHT_ANSWERS[1]] }, 'answers.0.optionIds'],
      [{ answers: [{ questionId: 'q7', optionIds: ['q1-a'] }, ...RIGHT_ANSWERS] }, 'answers.0.questionId'],
      [{ answers: [{ questionId: 'q1', optionIds: ['q2-a'] }, RIGHT_ANSWERS[1]] }, 'answers.0.optionIds'],
      [{ answers: [{ questionId: 'q1', optionIds: [] }, RIGHT_ANSWERS[1]] }, 'answers.0.optionIds'],
      [{ answers: [{ questionId: 'q1' }] }, 'answers.0.optionIds'],
      [{ answers: 'q1' }, 'answers'],
      [{}, 'answers'],
    ];
    for (const [payload, field] of cases) {
      const answer = await catalog.call<ErrorBody>('POST', `/api/quizzes/${quizId}/attempts`, learner, payload);
      expect([field, answer.status]).toEqual([field, 400]);
      expect([field, errorFormat(answer.body, 400).details[0].field]).toEqual([field, field]);
    }
    expect((await kit.attempt(learner, open.lessonIds[0], RIGHT_ANSWERS)).status).toBe(404); // a text lesson
    expect((await kit.attempt(learner, strict.lessonIds[0], RIGHT_ANSWERS)).status).toBe(403); // not enrolled there
    expect((await catalog.call('POST', `/api/quizzes/not-a-uuid/attempts`, learner, { answers: RIGHT_ANSWERS })).status).toBe(400);
    const { rows } = await kit.db.query(`SELECT count(*)::int AS n FROM quiz_attempt a JOIN enrollment e ON e.id = a.enrollment_id WHERE e.user_id = $1`, [
      learner.id,
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('shows the attempt limits and cool-down to learners in the lesson view, still without answers', async () => {
    const learner = await kit.learner();
    const lesson = await catalog.ok<{ quiz: Record<string, unknown> }>(
      'GET',
      `/api/courses/${strict.slug}/versions/${strict.versionId}/lessons/${strict.lessonIds[0]}`,
      learner,
    );
    expect(lesson.quiz).toMatchObject({ passMark: 70, maxAttempts: 2, cooldownSeconds: 3600 });
    expect(JSON.stringify(lesson)).not.toMatch(/EXPLICATION|"correct"/);
  });
});
