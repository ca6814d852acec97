// A quiz's answers as the learner gives them, and what the page says about attempts and waits.
import type { LearnerQuizContent, LearnerQuizQuestion, QuizAttemptRequest } from '@academie/contracts';
import { formatWait, plural } from './format';

/** The options chosen, by question id. */
export type QuizAnswers = Readonly<Record<string, readonly string[]>>;

/** One option ticked or unticked: a single choice (and true/false) keeps one option, a multiple choice any. */
export function chooseOption(answers: QuizAnswers, question: LearnerQuizQuestion, optionId: string, checked: boolean): QuizAnswers {
  const current = answers[question.id] ?? [];
  let next: readonly string[];
  if (question.kind === 'multiple') {
    next = checked ? (current.includes(optionId) ? current : [...current, optionId]) : current.filter((id) => id !== optionId);
  } else {
    next = checked ? [optionId] : current.filter((id) => id !== optionId);
  }
  return { ...answers, [question.id]: next };
}

/** The questions left without an answer, in the quiz's order. */
export function unanswered(quiz: LearnerQuizContent, answers: QuizAnswers): LearnerQuizQuestion[] {
  return quiz.questions.filter((question) => (answers[question.id] ?? []).length === 0);
}

/** The body of `POST /api/quizzes/:lessonId/attempts`, options in the order the quiz lists them. */
export function attemptRequest(quiz: LearnerQuizContent, answers: QuizAnswers): QuizAttemptRequest {
  return {
    answers: quiz.questions.map((question) => {
      const chosen = new Set(answers[question.id] ?? []);
      return { questionId: question.id, optionIds: question.options.filter((option) => chosen.has(option.id)).map((option) => option.id) };
    }),
  };
}

/** `Il vous reste 2 tentatives.`, `Il vous reste une tentative.`, `Vous avez utilisé toutes vos tentatives.`; null without a limit. */
export function attemptsLeftText(attemptsLeft: number | null): string | null {
  if (attemptsLeft === null) return null;
  if (attemptsLeft <= 0) return 'Vous avez utilisé toutes vos tentatives.';
  if (attemptsLeft === 1) return 'Il vous reste une tentative.';
  return `Il vous reste ${plural(attemptsLeft, 'tentative')}.`;
}

/** Seconds until `until` (an ISO date or epoch ms), 0 once it is past. */
export function secondsUntil(until: string | number | null, now: number): number {
  if (until === null) return 0;
  const time = typeof until === 'number' ? until : Date.parse(until);
  return Number.isFinite(time) ? Math.max(0, Math.ceil((time - now) / 1000)) : 0;
}

/** `Vous pourrez faire une nouvelle tentative dans 30 secondes.` */
export function cooldownText(seconds: number): string {
  return `Vous pourrez faire une nouvelle tentative dans ${formatWait(seconds)}.`;
}
