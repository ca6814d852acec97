import type { LearnerQuizContent } from '@academie/contracts';
import { describe, expect, it } from '@jest/globals';
import { attemptRequest, attemptsLeftText, chooseOption, cooldownText, secondsUntil, unanswered } from './quiz-model';

const quiz: LearnerQuizContent = {
  passMark: 70,
  maxAttempts: 3,
  cooldownSeconds: 30,
  questions: [
    { id: 'q1', kind: 'true_false', prompt: 'Vrai ?', options: [{ id: 'v', text: 'Vrai' }, { id: 'f', text: 'Faux' }] },
    { id: 'q2', kind: 'multiple', prompt: 'Lesquels ?', options: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }, { id: 'c', text: 'C' }] },
  ],
};
const [trueFalse, multiple] = quiz.questions as [LearnerQuizContent['questions'][number], LearnerQuizContent['questions'][number]];

describe('quiz answers', () => {
  it('keeps one option for a single choice, any number for a multiple choice', () => {
    let answers = chooseOption({}, trueFalse, 'v', true);
    answers = chooseOption(answers, trueFalse, 'f', true);
    expect(answers.q1).toEqual(['f']);
    answers = chooseOption(answers, multiple, 'c', true);
    answers = chooseOption(answers, multiple, 'a', true);
    answers = chooseOption(answers, multiple, 'a', true);
    expect(answers.q2).toEqual(['c', 'a']);
    expect(chooseOption(answers, multiple, 'c', false).q2).toEqual(['a']);
  });

  it('names the questions left without an answer', () => {
    expect(unanswered(quiz, {}).map((q) => q.id)).toEqual(['q1', 'q2']);
    expect(unanswered(quiz, { q1: ['v'], q2: [] }).map((q) => q.id)).toEqual(['q2']);
  });

  it('sends one answer per question, options in the quiz order', () => {
    expect(attemptRequest(quiz, { q1: ['f'], q2: ['c', 'a'] })).toEqual({
      answers: [
        { questionId: 'q1', optionIds: ['f'] },
        { questionId: 'q2', optionIds: ['a', 'c'] },
      ],
    });
  });
});

describe('attempts and waits', () => {
  it('says the attempts left', () => {
    expect(attemptsLeftText(null)).toBeNull();
    expect(attemptsLeftText(3)).toBe('Il vous reste 3 tentatives.');
    expect(attemptsLeftText(1)).toBe('Il vous reste une tentative.');
    expect(attemptsLeftText(0)).toBe('Vous avez utilisé toutes vos tentatives.');
  });

  it('counts down to the end of the cool-down, rounded up', () => {
    const now = Date.parse('2026-11-25T09:30:00.000Z');
    expect(secondsUntil('2026-11-25T09:30:29.200Z', now)).toBe(30);
    expect(secondsUntil(now - 1000, now)).toBe(0);
    expect(secondsUntil(null, now)).toBe(0);
    expect(cooldownText(30)).toBe('Vous pourrez faire une nouvelle tentative dans 30 secondes.');
    expect(cooldownText(90)).toBe('Vous pourrez faire une nouvelle tentative dans 2 minutes.');
  });
});
