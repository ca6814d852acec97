// Helpers of the catalogue integration tests (not a test file: takes the app and a database client).
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type pg from 'pg';
import type { LessonInput, Role, StudioCourse } from '@academie/contracts';
import { AccessTokenService } from '@academie/server-identity';

export interface TestUser {
  id: string;
  token: string;
}

export interface Answer<T> {
  status: number;
  body: T;
  text: string;
  headers: Record<string, string | string[] | number | undefined>;
}

export class CatalogKit {
  private counter = 0;

  constructor(
    readonly app: NestFastifyApplication,
    readonly db: pg.Client,
  ) {}

  /** A verified account with these roles and an open session, and its access token. */
  async user(roles: Role[] = [], name = 'Test'): Promise<TestUser> {
    const n = ++this.counter;
    const { rows } = await this.db.query(
      `INSERT INTO app_user (email, email_verified_at, first_name, last_name) VALUES ($1, now(), $2, 'Testeur') RETURNING id`,
      [`user-${n}-${Date.now()}@test.academie-ia.invalid`, name],
    );
    const id = rows[0].id as string;
    for (const role of roles.filter((r) => r !== 'learner')) {
      await this.db.query(`INSERT INTO user_role (user_id, role) VALUES ($1, $2)`, [id, role]);
    }
    const { rows: sessions } = await this.db.query(`INSERT INTO session_family (user_id) VALUES ($1) RETURNING id`, [id]);
    const token = await this.app.get(AccessTokenService).sign({ sub: id, sid: sessions[0].id });
    return { id, token };
  }

  async call<T = unknown>(method: string, url: string, user?: TestUser | null, payload?: unknown): Promise<Answer<T>> {
    const response = await this.app
      .getHttpAdapter()
      .getInstance()
      .inject({
        method: method as 'GET',
        url,
        payload: payload === undefined ? undefined : JSON.stringify(payload),
        headers: {
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...(user ? { authorization: `Bearer ${user.token}` } : {}),
        },
      });
    return { status: response.statusCode, body: (response.body ? JSON.parse(response.body) : undefined) as T, text: response.body, headers: response.headers };
  }

  /** Like call, failing the test with the body when the status is not the expected one. */
  async ok<T = unknown>(method: string, url: string, user: TestUser | null, payload?: unknown, status = [200, 201]): Promise<T> {
    const answer = await this.call<T>(method, url, user, payload);
    if (!status.includes(answer.status)) throw new Error(`${method} ${url} answered ${answer.status}: ${answer.text}`);
    return answer.body;
  }

  /** Creates a course through the studio with one module of the given lessons; returns the studio view. */
  async draftCourse(
    trainer: TestUser,
    overrides: Partial<{ slug: string; title: string; summary: string; kind: string; useCases: string[]; audiences: string[] }> = {},
    lessons: LessonInput[] = [TEXT_LESSON],
  ): Promise<StudioCourse> {
    const n = ++this.counter;
    const course = await this.ok<StudioCourse>('POST', '/api/studio/courses', trainer, {
      slug: overrides.slug ?? `cours-test-${n}-${Date.now()}`,
      kind: overrides.kind ?? 'course',
      title: overrides.title ?? `Cours de test ${n}`,
      summary: overrides.summary ?? 'Un cours écrit par les tests.',
      level: 'decouverte',
      durationMinutes: 45,
      audiences: overrides.audiences ?? ['pme'],
      sectors: ['C'],
      useCases: overrides.useCases ?? ['bureautique'],
      authorName: 'Marie Testeuse',
    });
    const withModule = await this.ok<StudioCourse>('POST', `/api/studio/courses/${course.id}/draft/modules`, trainer, {
      title: 'Module 1',
    });
    const moduleId = withModule.draft!.modules[0].id;
    let last = withModule;
    for (const lesson of lessons) {
      last = await this.ok<StudioCourse>('POST', `/api/studio/courses/${course.id}/draft/modules/${moduleId}/lessons`, trainer, lesson);
    }
    return last;
  }

  /** Submits the open version and has the reviewer approve it; returns the published version id. */
  async publish(courseId: string, trainer: TestUser, reviewer: TestUser): Promise<string> {
    const submitted = await this.ok<StudioCourse>('POST', `/api/studio/courses/${courseId}/draft/submit`, trainer);
    const versionId = submitted.draft!.id;
    await this.ok('POST', `/api/review/versions/${versionId}/approve`, reviewer);
    return versionId;
  }
}

export const TEXT_LESSON: LessonInput = {
  kind: 'text',
  title: 'Introduction',
  durationMinutes: 10,
  text: { markdown: '## Bienvenue\n\nUne **formation** courte.' },
};

export const VIDEO_LESSON: LessonInput = {
  kind: 'video',
  title: 'La vidéo',
  durationMinutes: 5,
  video: {
    url: 'https://videos.academie-ia.example/test/intro.mp4',
    captionsVtt: 'WEBVTT\n\n1\n00:00:00.000 --> 00:00:04.000\nBonjour et bienvenue.\n',
  },
};

export const QUIZ_EXPLANATIONS = ['EXPLICATION-SECRETE-UN', 'EXPLICATION-SECRETE-DEUX', 'EXPLICATION-SECRETE-TROIS', 'EXPLICATION-SECRETE-QUATRE'];

export const QUIZ_LESSON: LessonInput = {
  kind: 'quiz',
  title: 'Le quiz',
  durationMinutes: 5,
  quiz: {
    questions: [
      {
        kind: 'single',
        prompt: 'Une IA peut-elle se tromper ?',
        options: [
          { text: 'Oui', correct: true, explanation: QUIZ_EXPLANATIONS[0] },
          { text: 'Non', correct: false, explanation: QUIZ_EXPLANATIONS[1] },
        ],
      },
      {
        kind: 'true_false',
        prompt: 'Il faut vérifier les sources.',
        options: [
          { text: 'Vrai', correct: true, explanation: QUIZ_EXPLANATIONS[2] },
          { text: 'Faux', correct: false, explanation: QUIZ_EXPLANATIONS[3] },
        ],
      },
    ],
  },
};
