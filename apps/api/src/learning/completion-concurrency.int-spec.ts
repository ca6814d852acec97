import 'reflect-metadata';
import type { ProgressBatchResponse } from '@academie/contracts';
import { MemoryLogger, createTestDatabase, testConfig } from '@academie/server-testing';
import { bootCatalogApi, stopCatalogApi } from '../catalog/catalog-boot';
import type { CatalogKit } from '../catalog/catalog-kit';
import { LearningKit, type PublishedCourse, RIGHT_ANSWERS, ev, quiz, text } from './learning-kit';

// Acceptance 3: concurrent final events can neither complete a course twice nor miss the completion. One API app,
// a fresh learner and enrollment per run, the final requests fired at once (Promise.all over inject) against a pool
// large enough for them to reach PostgreSQL together.
const RUNS = 100;

let catalog: CatalogKit;
let kit: LearningKit;
let twoTexts: PublishedCourse;
let threeTexts: PublishedCourse;
let textAndQuiz: PublishedCourse;

beforeAll(async () => {
  const url = await createTestDatabase();
  catalog = await bootCatalogApi(url, testConfig({ DATABASE_URL: url, DATABASE_POOL_SIZE: '24', LOG_LEVEL: 'warn' }), new MemoryLogger('api'), false);
  kit = new LearningKit(catalog);
  twoTexts = await kit.publish([text('Première'), text('Dernière')], 'Deux leçons');
  threeTexts = await kit.publish([text('Première'), text('Deuxième'), text('Troisième')], 'Trois leçons');
  textAndQuiz = await kit.publish([text('Première'), text('Deuxième'), quiz('Quiz final')], 'Texte et quiz');
});

afterAll(() => stopCatalogApi(catalog));

/** The completion facts of an enrollment: completed or not, completion rows, course.completed events. */
async function completionOf(enrollmentId: string): Promise<[boolean, number, number]> {
  const { rows } = await kit.db.query(
    `SELECT (SELECT completed_at IS NOT NULL FROM enrollment WHERE id = $1) AS completed,
            (SELECT count(*)::int FROM course_completion WHERE enrollment_id = $1) AS rows`,
    [enrollmentId],
  );
  return [rows[0].completed, rows[0].rows, await kit.completionEvents(enrollmentId)];
}

describe('completion under concurrency (acceptance 3)', () => {
  it(`completes exactly once when the same last lesson is completed 20 times at once (${RUNS} runs)`, async () => {
    const [first, last] = twoTexts.lessonIds;
    for (let run = 0; run < RUNS; run++) {
      const learner = await kit.learner();
      const enrollment = await kit.enroll(learner, twoTexts.courseId);
      await kit.sendOk(learner, [ev(first, 'completed')]);
      const answers = await Promise.all(Array.from({ length: 20 }, () => kit.send(learner, [ev(last, 'completed')])));
      expect([run, answers.map((a) => a.status)]).toEqual([run, Array(20).fill(200)]);
      expect([run, ...(await completionOf(enrollment.id))]).toEqual([run, true, 1, 1]);
      // Every answer reports the enrollment completed: the ones that lost the race saw the winner's commit.
      const statuses = answers.map((a) => (a.body as ProgressBatchResponse).enrollments[0].status);
      expect([run, statuses.filter((s) => s === 'completed').length]).toEqual([run, 20]);
    }
  });

  it(`completes exactly once when two different last lessons are completed at once (${RUNS} runs)`, async () => {
    const [first, second, third] = threeTexts.lessonIds;
    for (let run = 0; run < RUNS; run++) {
      const learner = await kit.learner();
      const enrollment = await kit.enroll(learner, threeTexts.courseId);
      await kit.sendOk(learner, [ev(first, 'completed')]);
      const answers = await Promise.all([kit.send(learner, [ev(second, 'completed')]), kit.send(learner, [ev(third, 'completed')])]);
      expect([run, answers.map((a) => a.status)]).toEqual([run, [200, 200]]);
      expect([run, ...(await completionOf(enrollment.id))]).toEqual([run, true, 1, 1]);
    }
  });

  it(`completes exactly once when the last text lesson and the last quiz are done at once (${RUNS} runs)`, async () => {
    const [first, second, quizId] = textAndQuiz.lessonIds;
    for (let run = 0; run < RUNS; run++) {
      const learner = await kit.learner();
      const enrollment = await kit.enroll(learner, textAndQuiz.courseId);
      await kit.sendOk(learner, [ev(first, 'completed')]);
      const [event, attempt] = await Promise.all([kit.send(learner, [ev(second, 'completed')]), kit.attempt(learner, quizId, RIGHT_ANSWERS)]);
      expect([run, event.status, attempt.status]).toEqual([run, 200, 201]);
      expect([run, ...(await completionOf(enrollment.id))]).toEqual([run, true, 1, 1]);
    }
  });
});
