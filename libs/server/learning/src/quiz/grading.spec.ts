import type { QuizAnswerKey } from '@academie/server-catalog';
import { gradeQuiz } from './grading';

const KEY: QuizAnswerKey = {
  lessonId: 'l',
  versionId: 'v',
  passMark: 70,
  maxAttempts: null,
  cooldownSeconds: 0,
  questions: [
    {
      id: 'q1',
      kind: 'single',
      options: [
        { id: 'a', correct: true, explanation: 'A est juste' },
        { id: 'b', correct: false, explanation: 'B est faux' },
      ],
    },
    {
      id: 'q2',
      kind: 'multiple',
      options: [
        { id: 'c', correct: true, explanation: 'C fait partie de la réponse' },
        { id: 'd', correct: true, explanation: 'D aussi' },
        { id: 'e', correct: false, explanation: 'E non' },
      ],
    },
    {
      id: 'q3',
      kind: 'true_false',
      options: [
        { id: 'vrai', correct: false, explanation: 'Non, c’est faux' },
        { id: 'faux', correct: true, explanation: 'Exact' },
      ],
    },
  ],
};

describe('gradeQuiz', () => {
  it('marks a question right only when exactly its correct options are chosen, and scores the percentage rounded down', () => {
    const graded = gradeQuiz(KEY, [
      { questionId: 'q1', optionIds: ['a'] },
      { questionId: 'q2', optionIds: ['c'] }, // one correct option missing
      { questionId: 'q3', optionIds: ['faux'] },
    ]);
    if ('problems' in graded) throw new Error('unexpected problems');
    expect(graded.questions.map((q) => [q.questionId, q.correct])).toEqual([
      ['q1', true],
      ['q2', false],
      ['q3', true],
    ]);
    expect([graded.correctCount, graded.questionCount, graded.score, graded.passed]).toEqual([2, 3, 66, false]);
  });

  it('passes at the pass mark', () => {
    const graded = gradeQuiz({ ...KEY, passMark: 66 }, [
      { questionId: 'q2', optionIds: ['d', 'c'] },
      { questionId: 'q1', optionIds: ['b'] },
      { questionId: 'q3', optionIds: ['faux'] },
    ]);
    expect('problems' in graded ? null : [graded.score, graded.passed]).toEqual([66, true]);
  });

  it('explains the chosen options only, never the others: the right answer of a missed question stays hidden', () => {
    const graded = gradeQuiz(KEY, [
      { questionId: 'q1', optionIds: ['b'] },
      { questionId: 'q2', optionIds: ['e', 'c'] },
      { questionId: 'q3', optionIds: ['vrai'] },
    ]);
    if ('problems' in graded) throw new Error('unexpected problems');
    expect(graded.questions).toEqual([
      { questionId: 'q1', correct: false, explanations: [{ optionId: 'b', text: 'B est faux' }] },
      {
        questionId: 'q2',
        correct: false,
        explanations: [
          { optionId: 'c', text: 'C fait partie de la réponse' },
          { optionId: 'e', text: 'E non' },
        ],
      },
      { questionId: 'q3', correct: false, explanations: [{ optionId: 'vrai', text: 'Non, c’est faux' }] },
    ]);
    expect(JSON.stringify(graded.questions)).not.toMatch(/"correct":true|A est juste|D aussi|Exact/);
    // Stored in the quiz's order, option ids sorted.
    expect(graded.answers).toEqual([
      { questionId: 'q1', optionIds: ['b'] },
      { questionId: 'q2', optionIds: ['c', 'e'] },
      { questionId: 'q3', optionIds: ['vrai'] },
    ]);
  });

  it('names every answer that does not fit the quiz', () => {
    expect(
      gradeQuiz(KEY, [
        { questionId: 'q9', optionIds: ['a'] },
        { questionId: 'q1', optionIds: ['a', 'b'] },
        { questionId: 'q2', optionIds: ['c', 'zz'] },
        { questionId: 'q3', optionIds: ['vrai', 'vrai'] },
      ]),
    ).toEqual({
      problems: [
        { field: 'answers.0.questionId', reason: 'is not a question of this quiz' },
        { field: 'answers.1.optionIds', reason: 'a single-choice or true/false question takes exactly one option' },
        { field: 'answers.2.optionIds', reason: 'must be options of this question' },
        { field: 'answers.3.optionIds', reason: 'must not repeat an option' },
      ],
    });
    expect(
      gradeQuiz(KEY, [
        { questionId: 'q1', optionIds: ['a'] },
        { questionId: 'q1', optionIds: ['b'] },
      ]),
    ).toEqual({ problems: [{ field: 'answers.1.questionId', reason: 'is answered twice' }] });
    expect(gradeQuiz(KEY, [{ questionId: 'q1', optionIds: ['a'] }])).toEqual({
      problems: [{ field: 'answers', reason: 'must answer every question (missing: q2, q3)' }],
    });
  });
});
