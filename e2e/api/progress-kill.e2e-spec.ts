// Acceptance 4: the API process is killed (SIGKILL) in the middle of a stream of progress events from several
// learners over real HTTP; restarted, it has stored every event it acknowledged (200) exactly once, each with the
// lesson progress derived from it (the event and its effects are one statement: all or nothing).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { CourseVersionDetail, EnrollmentView, ProgressBatchResponse, ProgressEventInput, SessionResponse } from '@academie/contracts';
import { createTestUser } from '@academie/server-testing';
import { freePort, platformEnv, startProcess, waitForStatus } from '../support/processes.mjs';

type Api = ReturnType<typeof startProcess>;

const LEARNERS = 8;
const BATCH = 5;

let db: pg.Client;
let api: Api;
let apiUrl: string;
let env: Record<string, string>;
let lessons: { id: string; kind: string }[];
let courseId: string;

async function startApi(label: string): Promise<Api> {
  const process = startProcess('api', env, label);
  await waitForStatus(`${apiUrl}/api/health/ready`, 200, 60_000, process);
  return process;
}

async function post<T>(path: string, token: string, body: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${apiUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.json()) as T };
}

beforeAll(async () => {
  env = { ...platformEnv(), API_PORT: String(await freePort()), LOG_LEVEL: 'warn' };
  apiUrl = `http://127.0.0.1:${env.API_PORT}`;
  db = new pg.Client({ connectionString: env.DATABASE_URL });
  db.on('error', () => undefined);
  await db.connect();
  api = await startApi('progress-kill-api-1');
  const detail = (await (await fetch(`${apiUrl}/api/courses/decouvrir-ia-generative-tpe`)).json()) as CourseVersionDetail;
  courseId = detail.id;
  lessons = detail.modules.flatMap((m) => m.lessons).filter((l) => l.kind !== 'quiz');
});

afterAll(async () => {
  await api?.stop();
  await db?.end();
});

describe('progress events across a SIGKILL of the API', () => {
  it('stores every acknowledged event exactly once, with its effects', async () => {
    const learners = await Promise.all(
      Array.from({ length: LEARNERS }, async () => {
        const user = await createTestUser(db);
        const login = await fetch(`${apiUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: user.email, password: user.password }),
        });
        expect(login.status).toBe(200);
        const token = ((await login.json()) as SessionResponse).accessToken;
        const enrolled = await post<EnrollmentView>('/api/enrollments', token, { courseId });
        expect(enrolled.status).toBe(201);
        return { token, enrollmentId: enrolled.body.id };
      }),
    );

    const acknowledged: string[] = [];
    let failed = 0;
    let phase: 'before' | 'down' | 'after' = 'before';
    const counts = { before: 0, after: 0 };
    let streaming = true;
    let clock = Date.now() - 3_600_000;
    const stream = async (learner: (typeof learners)[number]) => {
      while (streaming) {
        const events: ProgressEventInput[] = Array.from({ length: BATCH }, (_, i) => {
          const lesson = lessons[(acknowledged.length + i) % lessons.length];
          clock += 1;
          return lesson.kind === 'video'
            ? { eventId: randomUUID(), lessonId: lesson.id, type: 'video_position', position: (clock % 500) / 10, occurredAt: new Date(clock).toISOString() }
            : { eventId: randomUUID(), lessonId: lesson.id, type: 'started', occurredAt: new Date(clock).toISOString() };
        });
        try {
          const answer = await post<ProgressBatchResponse>('/api/progress/events', learner.token, { events });
          if (answer.status === 200) {
            acknowledged.push(...events.map((e) => e.eventId));
            if (phase !== 'down') counts[phase] += events.length;
          } else failed++;
        } catch {
          failed++; // killed mid-request, or refused while down: not acknowledged, so it may or may not be stored
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    };
    const streams = Promise.all(learners.map(stream));

    // Counts rather than durations: the machine may be busy. Bounded all the same.
    const reach = async (what: () => boolean, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (!what() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    };
    await reach(() => counts.before >= 300, 60_000);
    phase = 'down';
    await api.kill(); // SIGKILL, with requests in flight
    api = await startApi('progress-kill-api-2');
    phase = 'after';
    await reach(() => counts.after >= 150, 60_000);
    streaming = false;
    await streams;

    console.log(`acknowledged ${acknowledged.length} events (${counts.before} before the kill, ${counts.after} after the restart), ${failed} requests cut or refused`);
    expect(counts.before).toBeGreaterThanOrEqual(300);
    expect(counts.after).toBeGreaterThanOrEqual(150);
    expect(failed).toBeGreaterThan(0); // the kill did interrupt the stream
    const { rows } = await db.query(
      `SELECT count(*)::int AS stored, count(DISTINCT event_id)::int AS distinct_ids FROM progress_event WHERE event_id = ANY($1::uuid[])`,
      [acknowledged],
    );
    expect(rows[0]).toEqual({ stored: acknowledged.length, distinct_ids: acknowledged.length });

    // Every stored event has its effect: the lesson progress of each learner agrees with its stored events.
    const { rows: drift } = await db.query(
      `SELECT e.enrollment_id, e.lesson_id
         FROM progress_event e
         LEFT JOIN lesson_progress p ON p.enrollment_id = e.enrollment_id AND p.lesson_id = e.lesson_id
        WHERE e.enrollment_id = ANY($1::uuid[])
        GROUP BY e.enrollment_id, e.lesson_id, p.started_at, p.max_position
       HAVING p.started_at IS DISTINCT FROM min(e.occurred_at) OR p.max_position IS DISTINCT FROM max(e.position)`,
      [learners.map((l) => l.enrollmentId)],
    );
    expect(drift).toEqual([]);

    // Sent again to the restarted API, every acknowledged event is a duplicate.
    const resent = await post<ProgressBatchResponse>(
      '/api/progress/events',
      learners[0].token,
      {
        events: (
          await db.query(
            `SELECT event_id, lesson_id, type, position, occurred_at FROM progress_event WHERE enrollment_id = $1 ORDER BY received_at LIMIT 100`,
            [learners[0].enrollmentId],
          )
        ).rows.map((r) => ({
          eventId: r.event_id,
          lessonId: r.lesson_id,
          type: r.type,
          ...(r.position === null ? {} : { position: r.position }),
          occurredAt: r.occurred_at.toISOString(),
        })),
      },
    );
    expect(resent.status).toBe(200);
    expect(new Set(resent.body.results.map((r) => r.status))).toEqual(new Set(['duplicate']));
  });
});
