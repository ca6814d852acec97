import { randomBytes } from 'node:crypto';
import type {
  AuthorLesson,
  ErrorDetail,
  LessonInput,
  LessonKind,
  LessonView,
  QuestionKind,
} from '@academie/contracts';
import { DEFAULT_PASS_MARK } from '@academie/contracts';
import { htmlToText, renderMarkdown } from './markdown';

/** What `course_lesson.content` holds, by kind (answers and explanations included: never sent to learners as is). */
export interface TextContent {
  markdown: string;
  html: string;
}
export interface VideoContent {
  url: string;
  captionsVtt: string | null;
  transcript: string | null;
  /** Absent in lessons written before it existed. */
  durationSeconds?: number | null;
}
export interface QuizContent {
  passMark: number;
  /** Absent in lessons written before they existed: no limit, no cool-down. */
  maxAttempts?: number | null;
  cooldownSeconds?: number;
  questions: {
    id: string;
    kind: QuestionKind;
    prompt: string;
    options: { id: string; text: string; correct: boolean; explanation: string }[];
  }[];
}
export type StoredContent = TextContent | VideoContent | QuizContent;

export interface LessonRow {
  id: string;
  version_id: string;
  module_id: string;
  position: number;
  kind: LessonKind;
  title: string;
  duration_minutes: number;
  required: boolean;
  content: StoredContent;
  origin_lesson_id: string | null;
}

export class LessonContentError extends Error {
  constructor(readonly details: ErrorDetail[]) {
    super('invalid lesson content');
  }
}

const newId = (): string => randomBytes(6).toString('base64url');
const blank = (value: string | null | undefined): boolean => value === undefined || value === null || value.trim() === '';

/** The words of WebVTT captions, without the header, cue timings, identifiers and tags. */
export function captionsText(vtt: string): string {
  return vtt
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !/^WEBVTT/.test(line) && !line.includes('-->') && !/^(NOTE|STYLE|REGION)\b/.test(line) && !/^\d+$/.test(line.trim()))
    .map((line) => line.replace(/<[^>]*>/g, ''))
    .join(' ');
}

/**
 * Checks a lesson beyond its types (one correct option for a single choice, captions or transcript for a
 * video...) and turns it into what is stored: rendered HTML, generated ids, the text to index.
 * Throws a LessonContentError naming every offending field.
 */
export function buildLessonContent(input: LessonInput): { content: StoredContent; searchText: string } {
  const details: ErrorDetail[] = [];
  for (const other of ['text', 'video', 'quiz'] as const) {
    if (other !== input.kind && input[other] !== undefined) {
      details.push({ field: other, reason: `must not be given for a ${input.kind} lesson` });
    }
  }
  const part = input[input.kind];
  if (part === undefined || part === null) {
    details.push({ field: input.kind, reason: `is required for a ${input.kind} lesson` });
    throw new LessonContentError(details);
  }

  let content: StoredContent;
  let searchText: string;
  switch (input.kind) {
    case 'text': {
      const { markdown } = input.text!;
      if (blank(markdown)) details.push({ field: 'text.markdown', reason: 'must not be empty' });
      const html = renderMarkdown(markdown);
      content = { markdown, html };
      searchText = htmlToText(html);
      break;
    }
    case 'video': {
      const video = input.video!;
      const captionsVtt = blank(video.captionsVtt) ? null : video.captionsVtt!.trim();
      const transcript = blank(video.transcript) ? null : video.transcript!.trim();
      if (captionsVtt === null && transcript === null) {
        details.push({ field: 'video.captionsVtt', reason: 'a video needs captions (captionsVtt) or a transcript' });
      }
      if (captionsVtt !== null && !/^WEBVTT(\s|$)/.test(captionsVtt.replace(/^\uFEFF/, ''))) {
        details.push({ field: 'video.captionsVtt', reason: 'must be WebVTT text starting with WEBVTT' });
      }
      content = { url: video.url, captionsVtt, transcript, durationSeconds: video.durationSeconds ?? null };
      searchText = [transcript ?? '', captionsVtt && !transcript ? captionsText(captionsVtt) : ''].join(' ').trim();
      break;
    }
    case 'quiz': {
      const quiz = input.quiz!;
      const ids = new Set<string>();
      const questions = quiz.questions.map((question, q) => {
        const field = `quiz.questions.${q}`;
        const correct = question.options.filter((o) => o.correct).length;
        if (question.kind === 'true_false' && question.options.length !== 2) {
          details.push({ field: `${field}.options`, reason: 'a true/false question has exactly 2 options' });
        } else if (question.options.length < 2) {
          details.push({ field: `${field}.options`, reason: 'must have at least 2 options' });
        }
        if ((question.kind === 'single' || question.kind === 'true_false') && correct !== 1) {
          details.push({ field: `${field}.options`, reason: 'must have exactly one correct option' });
        }
        if (question.kind === 'multiple' && correct < 1) {
          details.push({ field: `${field}.options`, reason: 'must have at least one correct option' });
        }
        const questionId = question.id ?? newId();
        if (ids.has(questionId)) details.push({ field: `${field}.id`, reason: 'must be unique in the quiz' });
        ids.add(questionId);
        return {
          id: questionId,
          kind: question.kind,
          prompt: question.prompt.trim(),
          options: question.options.map((option, o) => {
            const optionId = option.id ?? newId();
            if (ids.has(optionId)) details.push({ field: `${field}.options.${o}.id`, reason: 'must be unique in the quiz' });
            ids.add(optionId);
            return { id: optionId, text: option.text.trim(), correct: option.correct, explanation: option.explanation.trim() };
          }),
        };
      });
      content = {
        passMark: quiz.passMark ?? DEFAULT_PASS_MARK,
        maxAttempts: quiz.maxAttempts ?? null,
        cooldownSeconds: quiz.cooldownSeconds ?? 0,
        questions,
      };
      // Prompts only: option texts would index the wrong answers as well as the right ones.
      searchText = questions.map((q) => q.prompt).join(' ');
      break;
    }
  }
  if (details.length > 0) throw new LessonContentError(details);
  return { content, searchText };
}

/** A lesson for learners: rendered text, video with captions, quiz without correct flags nor explanations. */
export function toLessonView(row: LessonRow, courseId: string): LessonView {
  const base = {
    id: row.id,
    courseId,
    versionId: row.version_id,
    moduleId: row.module_id,
    position: row.position,
    title: row.title,
    durationMinutes: row.duration_minutes,
    required: row.required,
  };
  switch (row.kind) {
    case 'text':
      return { ...base, kind: 'text', text: { html: (row.content as TextContent).html } };
    case 'video': {
      const video = row.content as VideoContent;
      return {
        ...base,
        kind: 'video',
        video: { url: video.url, captionsVtt: video.captionsVtt, transcript: video.transcript, durationSeconds: video.durationSeconds ?? null },
      };
    }
    case 'quiz': {
      const quiz = row.content as QuizContent;
      return {
        ...base,
        kind: 'quiz',
        quiz: {
          passMark: quiz.passMark,
          maxAttempts: quiz.maxAttempts ?? null,
          cooldownSeconds: quiz.cooldownSeconds ?? 0,
          questions: quiz.questions.map((q) => ({
            id: q.id,
            kind: q.kind,
            prompt: q.prompt,
            options: q.options.map((o) => ({ id: o.id, text: o.text })),
          })),
        },
      };
    }
  }
}

/** A lesson for its authors and reviewers, answers included. */
export function toAuthorLesson(row: LessonRow): AuthorLesson {
  const lesson: AuthorLesson = {
    id: row.id,
    moduleId: row.module_id,
    position: row.position,
    kind: row.kind,
    title: row.title,
    durationMinutes: row.duration_minutes,
    required: row.required,
    originLessonId: row.origin_lesson_id,
  };
  if (row.kind === 'text') lesson.text = row.content as TextContent;
  if (row.kind === 'video') lesson.video = row.content as VideoContent;
  if (row.kind === 'quiz') lesson.quiz = row.content as QuizContent;
  return lesson;
}
