import type { DataSource, EntityManager } from 'typeorm';
import type { QuizAnswerInput, QuizAttemptResponse } from '@academie/contracts';
import type { PublishedContentApi } from '@academie/server-catalog';
import { COMPLETION_CTES, mergeDoneSql } from '../completion/completion.sql';
import { type EnrollmentStateRow, enrollmentStateColumns, toSnapshot } from '../enrollment/enrollment-state';
import { nextAttemptAt } from '../enrollment/enrollment-views';
import { LearningError, isRetryableConflict } from '../learning.errors';
import { rowsOf } from '../sql';
import { gradeQuiz } from './grading';

interface TargetRow {
  enrollment_id: string;
  withdrawn_at: Date | null;
  kind: string;
  required: boolean;
  max_attempts: number | null;
  cooldown_seconds: number;
}

/**
 * Grades and records an attempt at a quiz (every attempt kept). Attempts of one learner at one quiz are serialised
 * by the lock on their lesson_progress row, taken first (the same lock order as progress writes: lesson progress,
 * then enrollment), so the attempt limit and the cool-down hold under concurrent submissions; uq_quiz_attempt_number
 * backs that up. A passing attempt completes the lesson and, when it was the last required one, the enrollment —
 * with its completion row and `course.completed` event, in the same transaction.
 */
export async function submitQuizAttempt(
  dataSource: DataSource,
  content: PublishedContentApi,
  userId: string,
  lessonId: string,
  input: QuizAnswerInput[],
): Promise<QuizAttemptResponse> {
  const [target] = await rowsOf<TargetRow>(
    dataSource,
    `SELECT e.id AS enrollment_id, e.withdrawn_at, l.kind, l.required, l.max_attempts, l.cooldown_seconds
       FROM learning_lesson l JOIN enrollment e ON e.version_id = l.version_id AND e.user_id = $2
      WHERE l.lesson_id = $1`,
    [lessonId, userId],
  );
  if (!target || target.withdrawn_at) {
    throw LearningError.NotEnrolled([{ field: 'lessonId', reason: 'is not a lesson of the version of a course you are enrolled in' }]);
  }
  const key = target.kind === 'quiz' ? await content.quizAnswerKey(lessonId) : null;
  if (!key) throw LearningError.QuizNotFound([{ field: 'lessonId', reason: 'is not a quiz' }]);
  const graded = gradeQuiz(key, input);
  if ('problems' in graded) throw LearningError.InvalidAnswers(graded.problems);

  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction((manager) => record(manager, target, lessonId, key.passMark, graded));
    } catch (error) {
      if (attempt >= 5 || !isRetryableConflict(error)) throw error;
    }
  }

  async function record(
    manager: EntityManager,
    t: TargetRow,
    quizId: string,
    passMark: number,
    g: Exclude<ReturnType<typeof gradeQuiz>, { problems: unknown }>,
  ): Promise<QuizAttemptResponse> {
    // The lock that serialises this learner's attempts at this quiz.
    await manager.query(
      `INSERT INTO lesson_progress AS p (enrollment_id, lesson_id, started_at) VALUES ($1, $2, now())
       ON CONFLICT ON CONSTRAINT pk_lesson_progress DO UPDATE SET started_at = LEAST(p.started_at, EXCLUDED.started_at)`,
      [t.enrollment_id, quizId],
    );
    const [previous] = await rowsOf<{ attempts: number; wait_seconds: number | null }>(
      manager,
      `SELECT count(*)::int AS attempts,
              extract(epoch FROM max(submitted_at) + make_interval(secs => $3) - now())::float8 AS wait_seconds
         FROM quiz_attempt WHERE enrollment_id = $1 AND lesson_id = $2`,
      [t.enrollment_id, quizId, t.cooldown_seconds],
    );
    if (t.max_attempts !== null && previous.attempts >= t.max_attempts) {
      throw LearningError.NoAttemptLeft([{ field: 'lessonId', reason: `at most ${t.max_attempts} attempt(s) at this quiz` }]);
    }
    if (t.cooldown_seconds > 0 && previous.wait_seconds !== null && previous.wait_seconds > 0) {
      const retryAfter = Math.max(1, Math.ceil(previous.wait_seconds));
      throw LearningError.QuizCoolingDown([{ field: 'lessonId', reason: `next attempt possible in ${retryAfter} s` }]).withHeaders({
        'Retry-After': String(retryAfter),
      });
    }
    const attemptNumber = previous.attempts + 1;
    const [attempt] = await rowsOf<{ id: string; submitted_at: Date }>(
      manager,
      `INSERT INTO quiz_attempt (enrollment_id, lesson_id, attempt_number, answers, question_count, correct_count, score, pass_mark, passed)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, submitted_at`,
      [t.enrollment_id, quizId, attemptNumber, JSON.stringify(g.answers), g.questionCount, g.correctCount, g.score, passMark, g.passed],
    );

    let state: EnrollmentStateRow;
    if (g.passed) {
      [state] = await rowsOf<EnrollmentStateRow>(
        manager,
        `WITH lpu AS (
           UPDATE lesson_progress SET completed_at = coalesce(completed_at, now()), updated_at = now()
            WHERE enrollment_id = $1 AND lesson_id = $2 RETURNING lesson_id
         ),
         enr AS (
           UPDATE enrollment e SET ${mergeDoneSql(`CASE WHEN $3::boolean THEN ARRAY[$2::uuid] ELSE '{}'::uuid[] END`)}, updated_at = now()
             FROM lpu WHERE e.id = $1
           RETURNING ${enrollmentStateColumns('e')}, e.user_id, e.version_id
         ),
         ${COMPLETION_CTES}
         SELECT * FROM enr`,
        [t.enrollment_id, quizId, t.required],
      );
    } else {
      [state] = await rowsOf<EnrollmentStateRow>(manager, `SELECT ${enrollmentStateColumns('e')} FROM enrollment e WHERE e.id = $1`, [
        t.enrollment_id,
      ]);
    }

    const attemptsLeft = t.max_attempts === null ? null : Math.max(0, t.max_attempts - attemptNumber);
    return {
      attemptId: attempt.id,
      enrollmentId: t.enrollment_id,
      lessonId: quizId,
      attemptNumber,
      submittedAt: attempt.submitted_at.toISOString(),
      score: g.score,
      passMark,
      passed: g.passed,
      correctCount: g.correctCount,
      questionCount: g.questionCount,
      questions: g.questions,
      attemptsLeft,
      nextAttemptAt: nextAttemptAt(attempt.submitted_at, t.cooldown_seconds, attemptsLeft, new Date(attempt.submitted_at.getTime() - 1)),
      enrollment: toSnapshot(state),
    };
  }
}
