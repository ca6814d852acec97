// The lesson form of the studio (text, video or quiz): values as typed, checks before sending, the
// LessonInput built from them, and the French message of each field the API may refuse. Plain functions.
import {
  DEFAULT_PASS_MARK,
  type AuthorLesson,
  type LessonInput,
  type LessonKind,
  type QuestionKind,
  type QuizQuestionInput,
} from '@academie/contracts';
import { fieldId, type FieldErrors } from './api-errors';
import { wholeNumber } from './course-form';

export interface OptionValues {
  /** Stable key for React lists; never sent. */
  key: string;
  /** The option's id once saved (kept, so that learners' answers keep pointing at it). */
  id?: string;
  text: string;
  correct: boolean;
  explanation: string;
}

export interface QuestionValues {
  key: string;
  id?: string;
  kind: QuestionKind;
  prompt: string;
  options: OptionValues[];
}

export interface LessonFormValues {
  kind: LessonKind;
  title: string;
  durationMinutes: string;
  required: boolean;
  markdown: string;
  videoUrl: string;
  captionsVtt: string;
  transcript: string;
  passMark: string;
  questions: QuestionValues[];
}

/** Id of the element of a field (`quiz.questions.0.prompt` -> `lecon-quiz-questions-0-prompt`), focused when it is in error. */
export const lessonFieldId = (field: string) => fieldId('lecon', field);

export const LESSON_TITLE_MAX = 200;
export const LESSON_DURATION_MAX = 600;
export const MAX_OPTIONS = 8;

export const LESSON_MESSAGES = {
  title: `Saisissez un titre d’au plus ${LESSON_TITLE_MAX} caractères.`,
  durationMinutes: `Saisissez une durée en minutes, nombre entier de 1 à ${LESSON_DURATION_MAX}.`,
  markdown: 'Écrivez le texte de la leçon.',
  videoUrl: 'Saisissez l’adresse de la vidéo, commençant par https:// (par exemple https://videos.exemple.fr/ma-video.mp4).',
  videoAccess:
    'Ajoutez des sous-titres (WebVTT) ou une transcription : une vidéo doit rester accessible aux personnes sourdes ou malentendantes.',
  captionsFormat: 'Les sous-titres doivent être au format WebVTT et commencer par la ligne « WEBVTT ».',
  passMark: 'Saisissez un seuil de réussite en pourcentage, nombre entier de 0 à 100.',
  questions: 'Ajoutez au moins une question.',
  prompt: 'Saisissez l’énoncé de la question.',
  optionText: 'Saisissez le texte de la réponse.',
  explanation: 'Expliquez pourquoi cette réponse est juste ou fausse : l’apprenant la lira après sa réponse.',
  tooFewOptions: 'Proposez au moins 2 réponses.',
  tooManyOptions: `Proposez au plus ${MAX_OPTIONS} réponses.`,
  oneCorrect: 'Indiquez la bonne réponse : une seule réponse est juste.',
  someCorrect: 'Indiquez au moins une bonne réponse.',
} as const;

let keys = 0;
/** A key for a new question or option (React lists). */
export function newKey(): string {
  keys += 1;
  return `k${keys}`;
}

export function emptyOption(): OptionValues {
  return { key: newKey(), text: '', correct: false, explanation: '' };
}

export function trueFalseOptions(): OptionValues[] {
  return [
    { key: newKey(), text: 'Vrai', correct: true, explanation: '' },
    { key: newKey(), text: 'Faux', correct: false, explanation: '' },
  ];
}

export function emptyQuestion(kind: QuestionKind = 'single'): QuestionValues {
  return {
    key: newKey(),
    kind,
    prompt: '',
    options: kind === 'true_false' ? trueFalseOptions() : [emptyOption(), emptyOption()],
  };
}

export function emptyLesson(kind: LessonKind = 'text'): LessonFormValues {
  return {
    kind,
    title: '',
    durationMinutes: '',
    required: true,
    markdown: '',
    videoUrl: '',
    captionsVtt: '',
    transcript: '',
    passMark: String(DEFAULT_PASS_MARK),
    questions: [emptyQuestion()],
  };
}

/** The form of a saved lesson, its other kinds' fields empty (switching kind starts from scratch). */
export function lessonValuesOf(lesson: AuthorLesson): LessonFormValues {
  const values = emptyLesson(lesson.kind);
  values.title = lesson.title;
  values.durationMinutes = String(lesson.durationMinutes);
  values.required = lesson.required;
  if (lesson.text) values.markdown = lesson.text.markdown;
  if (lesson.video) {
    values.videoUrl = lesson.video.url;
    values.captionsVtt = lesson.video.captionsVtt ?? '';
    values.transcript = lesson.video.transcript ?? '';
  }
  if (lesson.quiz) {
    values.passMark = String(lesson.quiz.passMark);
    values.questions = lesson.quiz.questions.map((question) => ({
      key: newKey(),
      id: question.id,
      kind: question.kind,
      prompt: question.prompt,
      options: question.options.map((option) => ({
        key: newKey(),
        id: option.id,
        text: option.text,
        correct: option.correct,
        explanation: option.explanation,
      })),
    }));
  }
  return values;
}

/** A question whose kind changes: true/false gets its two options; a single choice keeps one correct at most. */
export function withQuestionKind(question: QuestionValues, kind: QuestionKind): QuestionValues {
  if (kind === question.kind) return question;
  if (kind === 'true_false') return { ...question, kind, options: trueFalseOptions() };
  let options = question.kind === 'true_false' ? [emptyOption(), emptyOption()] : question.options;
  if (kind === 'single') {
    const firstCorrect = options.findIndex((option) => option.correct);
    options = options.map((option, index) => ({ ...option, correct: index === firstCorrect }));
  }
  return { ...question, kind, options };
}

/** An option marked correct: for a single choice or true/false, the others become wrong. */
export function withCorrect(question: QuestionValues, optionIndex: number, correct: boolean): QuestionValues {
  const exclusive = question.kind !== 'multiple';
  return {
    ...question,
    options: question.options.map((option, index) => {
      if (index === optionIndex) return { ...option, correct };
      return exclusive && correct ? { ...option, correct: false } : option;
    }),
  };
}

const blank = (value: string) => value.trim() === '';

/** The errors the form can tell before sending, keyed like the API's fields; the API checks everything again. */
export function validateLesson(values: LessonFormValues): FieldErrors {
  const errors: FieldErrors = {};
  if (blank(values.title) || values.title.trim().length > LESSON_TITLE_MAX) errors.title = LESSON_MESSAGES.title;
  const minutes = wholeNumber(values.durationMinutes);
  if (minutes === undefined || minutes < 1 || minutes > LESSON_DURATION_MAX) errors.durationMinutes = LESSON_MESSAGES.durationMinutes;

  switch (values.kind) {
    case 'text':
      if (blank(values.markdown)) errors['text.markdown'] = LESSON_MESSAGES.markdown;
      break;
    case 'video': {
      if (!isHttpsUrl(values.videoUrl.trim())) errors['video.url'] = LESSON_MESSAGES.videoUrl;
      const captions = values.captionsVtt.trim().replace(/^\uFEFF/, '');
      if (captions === '' && blank(values.transcript)) errors['video.captionsVtt'] = LESSON_MESSAGES.videoAccess;
      else if (captions !== '' && !/^WEBVTT(\s|$)/.test(captions)) errors['video.captionsVtt'] = LESSON_MESSAGES.captionsFormat;
      break;
    }
    case 'quiz': {
      const passMark = wholeNumber(values.passMark);
      if (passMark === undefined || passMark > 100) errors['quiz.passMark'] = LESSON_MESSAGES.passMark;
      if (values.questions.length === 0) errors['quiz.questions'] = LESSON_MESSAGES.questions;
      values.questions.forEach((question, q) => {
        const path = `quiz.questions.${q}`;
        if (blank(question.prompt)) errors[`${path}.prompt`] = LESSON_MESSAGES.prompt;
        const correct = question.options.filter((option) => option.correct).length;
        if (question.options.length < 2) errors[`${path}.options`] = LESSON_MESSAGES.tooFewOptions;
        else if (question.options.length > MAX_OPTIONS) errors[`${path}.options`] = LESSON_MESSAGES.tooManyOptions;
        else if (question.kind === 'multiple' && correct < 1) errors[`${path}.options`] = LESSON_MESSAGES.someCorrect;
        else if (question.kind !== 'multiple' && correct !== 1) errors[`${path}.options`] = LESSON_MESSAGES.oneCorrect;
        question.options.forEach((option, o) => {
          if (blank(option.text)) errors[`${path}.options.${o}.text`] = LESSON_MESSAGES.optionText;
          if (blank(option.explanation)) errors[`${path}.options.${o}.explanation`] = LESSON_MESSAGES.explanation;
        });
      });
      break;
    }
  }
  return errors;
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** The fields of the form in their order on the page, for the focus on the first one in error. */
export function lessonFieldOrder(values: LessonFormValues): string[] {
  const order = ['title', 'durationMinutes', 'text.markdown', 'video.url', 'video.captionsVtt', 'quiz.passMark', 'quiz.questions'];
  values.questions.forEach((question, q) => {
    const path = `quiz.questions.${q}`;
    order.push(`${path}.prompt`, `${path}.options`);
    question.options.forEach((_, o) => order.push(`${path}.options.${o}.text`, `${path}.options.${o}.explanation`));
  });
  return order;
}

/** The request of a lesson: only the part named by its kind, as the API requires. */
export function lessonInputOf(values: LessonFormValues): LessonInput {
  const base = {
    kind: values.kind,
    title: values.title.trim(),
    durationMinutes: wholeNumber(values.durationMinutes) ?? 0,
    required: values.required,
  };
  switch (values.kind) {
    case 'text':
      return { ...base, text: { markdown: values.markdown } };
    case 'video':
      return {
        ...base,
        video: {
          url: values.videoUrl.trim(),
          captionsVtt: blank(values.captionsVtt) ? null : values.captionsVtt.trim(),
          transcript: blank(values.transcript) ? null : values.transcript.trim(),
        },
      };
    case 'quiz':
      return {
        ...base,
        quiz: {
          passMark: wholeNumber(values.passMark) ?? DEFAULT_PASS_MARK,
          questions: values.questions.map(
            (question): QuizQuestionInput => ({
              ...(question.id === undefined ? {} : { id: question.id }),
              kind: question.kind,
              prompt: question.prompt.trim(),
              options: question.options.map((option) => ({
                ...(option.id === undefined ? {} : { id: option.id }),
                text: option.text.trim(),
                correct: option.correct,
                explanation: option.explanation.trim(),
              })),
            }),
          ),
        },
      };
  }
}

/** The French message of a field the API refused, from its path and (English) reason. */
export function lessonMessageOf(field: string, reason: string): string | undefined {
  if (field === 'title') return LESSON_MESSAGES.title;
  if (field === 'durationMinutes') return LESSON_MESSAGES.durationMinutes;
  if (field === 'text' || field === 'text.markdown') return LESSON_MESSAGES.markdown;
  if (field === 'video.url') return LESSON_MESSAGES.videoUrl;
  if (field === 'video.captionsVtt' || field === 'video.transcript') {
    return reason.includes('WEBVTT') ? LESSON_MESSAGES.captionsFormat : LESSON_MESSAGES.videoAccess;
  }
  if (field === 'quiz.passMark') return LESSON_MESSAGES.passMark;
  if (field === 'quiz.questions' || field === 'quiz') return LESSON_MESSAGES.questions;
  if (/^quiz\.questions\.\d+\.prompt$/.test(field)) return LESSON_MESSAGES.prompt;
  if (/^quiz\.questions\.\d+\.options$/.test(field)) {
    if (reason.includes('exactly one correct')) return LESSON_MESSAGES.oneCorrect;
    if (reason.includes('at least one correct')) return LESSON_MESSAGES.someCorrect;
    if (reason.includes('2 options') || reason.includes('at least 2')) return LESSON_MESSAGES.tooFewOptions;
    return LESSON_MESSAGES.tooManyOptions;
  }
  if (/^quiz\.questions\.\d+\.options\.\d+\.text$/.test(field)) return LESSON_MESSAGES.optionText;
  if (/^quiz\.questions\.\d+\.options\.\d+\.explanation$/.test(field)) return LESSON_MESSAGES.explanation;
  return undefined;
}
