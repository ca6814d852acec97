import type { ErrorDetail, QuizAnswerInput, QuizQuestionResult } from '@academie/contracts';
import type { QuizAnswerKey } from '@academie/server-catalog';

export interface GradedAttempt {
  questions: QuizQuestionResult[];
  correctCount: number;
  questionCount: number;
  /** Percentage of questions right, rounded down. */
  score: number;
  passed: boolean;
  /** The answers as stored: in the quiz's question order, option ids sorted. */
  answers: QuizAnswerInput[];
}

/**
 * Grades answers against a quiz's key: a question is right when the options chosen are exactly its correct
 * options. Each result carries the trainer's explanation of the options the learner chose only — never of the
 * others, so the correct option of a missed question is never revealed. Returns the problems instead when the
 * answers do not fit the quiz (every question answered once, with options of that question, one for a single
 * choice or true/false).
 */
export function gradeQuiz(key: QuizAnswerKey, input: QuizAnswerInput[]): { problems: ErrorDetail[] } | GradedAttempt {
  const problems: ErrorDetail[] = [];
  const byQuestion = new Map(key.questions.map((q) => [q.id, q]));
  const chosen = new Map<string, string[]>();
  input.forEach((answer, index) => {
    const question = byQuestion.get(answer.questionId);
    if (!question) return problems.push({ field: `answers.${index}.questionId`, reason: 'is not a question of this quiz' });
    if (chosen.has(answer.questionId)) return problems.push({ field: `answers.${index}.questionId`, reason: 'is answered twice' });
    const optionIds = new Set(question.options.map((o) => o.id));
    if (answer.optionIds.some((id) => !optionIds.has(id))) {
      return problems.push({ field: `answers.${index}.optionIds`, reason: 'must be options of this question' });
    }
    if (new Set(answer.optionIds).size !== answer.optionIds.length) {
      return problems.push({ field: `answers.${index}.optionIds`, reason: 'must not repeat an option' });
    }
    if (question.kind !== 'multiple' && answer.optionIds.length !== 1) {
      return problems.push({ field: `answers.${index}.optionIds`, reason: 'a single-choice or true/false question takes exactly one option' });
    }
    chosen.set(answer.questionId, answer.optionIds);
  });
  const missing = key.questions.filter((q) => !chosen.has(q.id)).map((q) => q.id);
  if (problems.length === 0 && missing.length > 0) {
    problems.push({ field: 'answers', reason: `must answer every question (missing: ${missing.join(', ')})` });
  }
  if (problems.length > 0) return { problems };

  const questions: QuizQuestionResult[] = key.questions.map((question) => {
    const picked = new Set(chosen.get(question.id));
    const correct = question.options.every((o) => o.correct === picked.has(o.id));
    return {
      questionId: question.id,
      correct,
      explanations: question.options.filter((o) => picked.has(o.id)).map((o) => ({ optionId: o.id, text: o.explanation })),
    };
  });
  const correctCount = questions.filter((q) => q.correct).length;
  const questionCount = questions.length;
  const score = Math.floor((100 * correctCount) / questionCount);
  return {
    questions,
    correctCount,
    questionCount,
    score,
    passed: score >= key.passMark,
    answers: key.questions.map((q) => ({ questionId: q.id, optionIds: [...chosen.get(q.id)!].sort() })),
  };
}
