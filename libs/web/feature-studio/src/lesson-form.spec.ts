import { describe, expect, it } from '@jest/globals';
import type { AuthorLesson } from '@academie/contracts';
import {
  emptyLesson,
  emptyQuestion,
  LESSON_MESSAGES,
  lessonInputOf,
  lessonMessageOf,
  lessonValuesOf,
  validateLesson,
  withCorrect,
  withQuestionKind,
  type LessonFormValues,
} from './lesson-form';

const base = (kind: LessonFormValues['kind']): LessonFormValues => ({ ...emptyLesson(kind), title: 'Leçon', durationMinutes: '10' });

describe('text lessons', () => {
  it('needs a title, a duration of 1 to 600 minutes and some Markdown', () => {
    expect(validateLesson({ ...emptyLesson('text'), durationMinutes: '0' })).toEqual({
      title: LESSON_MESSAGES.title,
      durationMinutes: LESSON_MESSAGES.durationMinutes,
      'text.markdown': LESSON_MESSAGES.markdown,
    });
    expect(validateLesson({ ...base('text'), durationMinutes: '12.5' }).durationMinutes).toBe(LESSON_MESSAGES.durationMinutes);
    expect(validateLesson({ ...base('text'), markdown: '# Bonjour' })).toEqual({});
  });

  it('sends only the text part', () => {
    expect(lessonInputOf({ ...base('text'), markdown: '# Bonjour', videoUrl: 'https://x.fr/v.mp4' })).toEqual({
      kind: 'text',
      title: 'Leçon',
      durationMinutes: 10,
      required: true,
      text: { markdown: '# Bonjour' },
    });
  });
});

describe('video lessons', () => {
  it('needs an https address and captions or a transcript', () => {
    expect(validateLesson({ ...base('video'), videoUrl: 'http://videos.fr/a.mp4' })).toEqual({
      'video.url': LESSON_MESSAGES.videoUrl,
      'video.captionsVtt': LESSON_MESSAGES.videoAccess,
    });
    expect(validateLesson({ ...base('video'), videoUrl: 'https://videos.fr/a.mp4', transcript: 'Bonjour.' })).toEqual({});
  });

  it('accepts WebVTT captions only', () => {
    const video = { ...base('video'), videoUrl: 'https://videos.fr/a.mp4' };
    expect(validateLesson({ ...video, captionsVtt: '00:00.000 --> 00:01.000\nBonjour' })['video.captionsVtt']).toBe(LESSON_MESSAGES.captionsFormat);
    expect(validateLesson({ ...video, captionsVtt: 'WEBVTT\n\n00:00.000 --> 00:01.000\nBonjour' })).toEqual({});
  });

  it('sends empty captions or transcript as null', () => {
    const input = lessonInputOf({ ...base('video'), videoUrl: ' https://videos.fr/a.mp4 ', transcript: ' Texte ', captionsVtt: '  ' });
    expect(input.video).toEqual({ url: 'https://videos.fr/a.mp4', captionsVtt: null, transcript: 'Texte' });
    expect(input.text).toBeUndefined();
    expect(input.quiz).toBeUndefined();
  });
});

describe('quizzes', () => {
  it('starts with one single-choice question of two options and a pass mark of 70 %', () => {
    const values = emptyLesson('quiz');
    expect(values.passMark).toBe('70');
    expect(values.questions).toHaveLength(1);
    expect(values.questions[0].kind).toBe('single');
    expect(values.questions[0].options).toHaveLength(2);
  });

  it('explains every missing part of a question', () => {
    const errors = validateLesson({ ...base('quiz'), passMark: '120' });
    expect(errors).toEqual({
      'quiz.passMark': LESSON_MESSAGES.passMark,
      'quiz.questions.0.prompt': LESSON_MESSAGES.prompt,
      'quiz.questions.0.options': LESSON_MESSAGES.oneCorrect,
      'quiz.questions.0.options.0.text': LESSON_MESSAGES.optionText,
      'quiz.questions.0.options.0.explanation': LESSON_MESSAGES.explanation,
      'quiz.questions.0.options.1.text': LESSON_MESSAGES.optionText,
      'quiz.questions.0.options.1.explanation': LESSON_MESSAGES.explanation,
    });
  });

  it('keeps one correct option for single choice and true/false, several for multiple choice', () => {
    let question = emptyQuestion('single');
    question = withCorrect(question, 0, true);
    question = withCorrect(question, 1, true);
    expect(question.options.map((option) => option.correct)).toEqual([false, true]);
    const multiple = withQuestionKind(question, 'multiple');
    expect(withCorrect(multiple, 0, true).options.map((option) => option.correct)).toEqual([true, true]);
    const trueFalse = withQuestionKind(multiple, 'true_false');
    expect(trueFalse.options.map((option) => [option.text, option.correct])).toEqual([
      ['Vrai', true],
      ['Faux', false],
    ]);
    const single = withQuestionKind(withCorrect(withCorrect(multiple, 0, true), 1, true), 'single');
    expect(single.options.map((option) => option.correct)).toEqual([true, false]);
  });

  it('asks multiple choice for at least one correct option', () => {
    const question = { ...emptyQuestion('multiple'), prompt: 'Q ?' };
    question.options = question.options.map((option) => ({ ...option, text: 'R', explanation: 'E' }));
    expect(validateLesson({ ...base('quiz'), questions: [question] })).toEqual({ 'quiz.questions.0.options': LESSON_MESSAGES.someCorrect });
  });

  it('round-trips a saved quiz, keeping question and option ids', () => {
    const lesson: AuthorLesson = {
      id: 'l1',
      moduleId: 'm1',
      originLessonId: null,
      position: 0,
      kind: 'quiz',
      title: 'Quiz',
      durationMinutes: 5,
      required: false,
      quiz: {
        passMark: 80,
        questions: [
          {
            id: 'q1',
            kind: 'true_false',
            prompt: 'L’IA se trompe parfois.',
            options: [
              { id: 'o1', text: 'Vrai', correct: true, explanation: 'Elle peut inventer.' },
              { id: 'o2', text: 'Faux', correct: false, explanation: 'Si, elle se trompe.' },
            ],
          },
        ],
      },
    };
    const values = lessonValuesOf(lesson);
    expect(validateLesson(values)).toEqual({});
    expect(lessonInputOf(values)).toEqual({
      kind: 'quiz',
      title: 'Quiz',
      durationMinutes: 5,
      required: false,
      quiz: { passMark: 80, questions: lesson.quiz?.questions },
    });
  });
});

describe('messages of the API refusals', () => {
  it('turns the API fields and reasons into the form’s French messages', () => {
    expect(lessonMessageOf('quiz.questions.2.options', 'must have exactly one correct option')).toBe(LESSON_MESSAGES.oneCorrect);
    expect(lessonMessageOf('quiz.questions.0.options.1.explanation', 'should not be empty')).toBe(LESSON_MESSAGES.explanation);
    expect(lessonMessageOf('video.captionsVtt', 'must be WebVTT text starting with WEBVTT')).toBe(LESSON_MESSAGES.captionsFormat);
    expect(lessonMessageOf('video.captionsVtt', 'a video needs captions (captionsVtt) or a transcript')).toBe(LESSON_MESSAGES.videoAccess);
    expect(lessonMessageOf('kind', 'must be one of')).toBeUndefined();
  });
});
