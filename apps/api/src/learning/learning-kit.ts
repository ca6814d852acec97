// Helpers of the learning integration tests (not a test file): published courses, enrollments, events.
import { randomUUID } from 'node:crypto';
import type {
  CourseVersionDetail,
  EnrollmentDetail,
  EnrollmentView,
  LessonInput,
  ProgressBatchResponse,
  ProgressEventInput,
} from '@academie/contracts';
import { type CatalogKit, type TestUser } from '../catalog/catalog-kit';

export interface PublishedCourse {
  courseId: string;
  slug: string;
  versionId: string;
  /** Lesson ids in order. */
  lessonIds: string[];
  detail: CourseVersionDetail;
}

export const text = (title: string, required = true): LessonInput => ({
  kind: 'text',
  title,
  durationMinutes: 5,
  required,
  text: { markdown: `## ${title}\n\nUn texte.` },
});

export const video = (title: string, durationSeconds: number | null = 100): LessonInput => ({
  kind: 'video',
  title,
  durationMinutes: 2,
  video: {
    url: 'https://videos.academie-ia.example/test/video.mp4',
    captionsVtt: 'WEBVTT\n\n1\n00:00:00.000 --> 00:00:04.000\nBonjour.\n',
    durationSeconds,
  },
});

/** A quiz of two questions: q1 single (right: q1-a), q2 multiple (right: q2-a and q2-b). */
export const quiz = (title: string, settings: { maxAttempts?: number | null; cooldownSeconds?: number; passMark?: number } = {}): LessonInput => ({
  kind: 'quiz',
  title,
  durationMinutes: 5,
  quiz: {
    ...settings,
    questions: [
      {
        id: 'q1',
        kind: 'single',
        prompt: 'Une IA peut-elle se tromper ?',
        options: [
          { id: 'q1-a', text: 'Oui', correct: true, explanation: 'EXPLICATION-Q1-A' },
          { id: 'q1-b', text: 'Non', correct: false, explanation: 'EXPLICATION-Q1-B' },
        ],
      },
      {
        id: 'q2',
        kind: 'multiple',
        prompt: 'Que vérifier ?',
        options: [
          { id: 'q2-a', text: 'Les sources', correct: true, explanation: 'EXPLICATION-Q2-A' },
          { id: 'q2-b', text: 'Les chiffres', correct: true, explanation: 'EXPLICATION-Q2-B' },
          { id: 'q2-c', text: 'Rien', correct: false, explanation: 'EXPLICATION-Q2-C' },
        ],
      },
    ],
  },
});

export const RIGHT_ANSWERS = [
  { questionId: 'q1', optionIds: ['q1-a'] },
  { questionId: 'q2', optionIds: ['q2-a', 'q2-b'] },
];
export const WRONG_ANSWERS = [
  { questionId: 'q1', optionIds: ['q1-b'] },
  { questionId: 'q2', optionIds: ['q2-a'] },
];

export class LearningKit {
  readonly trainer: Promise<TestUser>;
  readonly reviewer: Promise<TestUser>;

  constructor(readonly catalog: CatalogKit) {
    this.trainer = catalog.user(['trainer']);
    this.reviewer = catalog.user(['reviewer']);
  }

  get db() {
    return this.catalog.db;
  }

  learner(): Promise<TestUser> {
    return this.catalog.user([]);
  }

  /** Publishes a course of one module with these lessons through the studio and the review. */
  async publish(lessons: LessonInput[], title = 'Cours du parcours'): Promise<PublishedCourse> {
    const trainer = await this.trainer;
    const draft = await this.catalog.draftCourse(trainer, { title }, lessons);
    await this.catalog.publish(draft.id, trainer, await this.reviewer);
    const detail = await this.catalog.ok<CourseVersionDetail>('GET', `/api/courses/${draft.slug}`, null);
    return {
      courseId: draft.id,
      slug: draft.slug,
      versionId: detail.versionId,
      lessonIds: detail.modules.flatMap((m) => m.lessons.map((l) => l.id)),
      detail,
    };
  }

  async enroll(user: TestUser, courseId: string): Promise<EnrollmentView> {
    return this.catalog.ok<EnrollmentView>('POST', '/api/enrollments', user, { courseId });
  }

  send(user: TestUser, events: ProgressEventInput[]) {
    return this.catalog.call<ProgressBatchResponse>('POST', '/api/progress/events', user, { events });
  }

  async sendOk(user: TestUser, events: ProgressEventInput[]): Promise<ProgressBatchResponse> {
    return this.catalog.ok<ProgressBatchResponse>('POST', '/api/progress/events', user, { events }, [200]);
  }

  detail(user: TestUser, enrollmentId: string): Promise<EnrollmentDetail> {
    return this.catalog.ok<EnrollmentDetail>('GET', `/api/enrollments/${enrollmentId}`, user, undefined, [200]);
  }

  attempt(user: TestUser, lessonId: string, answers: { questionId: string; optionIds: string[] }[]) {
    return this.request('POST', `/api/quizzes/${lessonId}/attempts`, user, { answers });
  }

  /** A request with the answer's headers too. */
  async request<T = unknown>(method: 'GET' | 'POST' | 'DELETE', url: string, user: TestUser | null, payload?: unknown, headers: Record<string, string> = {}) {
    const response = await this.catalog.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method,
        url,
        payload: payload === undefined ? undefined : JSON.stringify(payload),
        headers: {
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...(user ? { authorization: `Bearer ${user.token}` } : {}),
          ...headers,
        },
      });
    return {
      status: response.statusCode,
      headers: response.headers,
      text: response.body,
      body: (response.body ? JSON.parse(response.body) : undefined) as T,
    };
  }

  /** How many course.completed outbox events name this enrollment. */
  async completionEvents(enrollmentId: string): Promise<number> {
    const { rows } = await this.db.query(
      `SELECT count(*)::int AS n FROM outbox_event WHERE type = 'course.completed' AND payload ->> 'enrollmentId' = $1`,
      [enrollmentId],
    );
    return rows[0].n;
  }
}

let clock = Date.parse('2026-06-01T08:00:00.000Z');

/** A progress event with a fresh id, `occurredAt` one second after the previous one unless given. */
export function ev(lessonId: string, type: ProgressEventInput['type'], extra: { position?: number; occurredAt?: string } = {}): ProgressEventInput {
  clock += 1000;
  return { eventId: randomUUID(), lessonId, type, occurredAt: extra.occurredAt ?? new Date(clock).toISOString(), ...(extra.position === undefined ? {} : { position: extra.position }) };
}
