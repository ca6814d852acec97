import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { EnrollmentDetail, ErrorBody, ProgressBatchResponse, ProgressEventInput } from '@academie/contracts';
import { MemoryLogger, createTestDatabase, errorFormat, testConfig } from '@academie/server-testing';
import { bootCatalogApi, stopCatalogApi } from '../catalog/catalog-boot';
import type { CatalogKit, TestUser } from '../catalog/catalog-kit';
import { LearningKit, type PublishedCourse, ev, quiz, text, video } from './learning-kit';

let catalog: CatalogKit;
let kit: LearningKit;
let course: PublishedCourse;
let other: PublishedCourse;

beforeAll(async () => {
  const url = await createTestDatabase();
  catalog = await bootCatalogApi(url, testConfig({ DATABASE_URL: url, DATABASE_POOL_SIZE: '8' }), new MemoryLogger('api'), false);
  kit = new LearningKit(catalog);
  // text, video of 200 s, quiz, optional text
  course = await kit.publish([text('Lire'), video('Regarder', 200), quiz('Vérifier'), text('Bonus', false)]);
  other = await kit.publish([text('Ailleurs')], 'Un autre cours');
});

afterAll(() => stopCatalogApi(catalog));

/** Deterministic shuffle (seeded), so that a failure can be replayed. */
function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * The events as one learner sends them: event ids are global, so each learner gets ids of its own, made so that
 * they sort like the originals (same prefix, the original's rank at the end) — ties on occurredAt break alike.
 */
function asLearner(events: ProgressEventInput[]): ProgressEventInput[] {
  const prefix = randomUUID().slice(0, 24);
  const rank = new Map([...events].sort((x, y) => (x.eventId < y.eventId ? -1 : 1)).map((e, i) => [e.eventId, i]));
  return events.map((e) => ({ ...e, eventId: `${prefix}${rank.get(e.eventId)!.toString(16).padStart(12, '0')}` }));
}

/** Everything the learning state of an enrollment consists of, without the ids that differ between learners. */
async function state(user: TestUser, enrollmentId: string) {
  const detail: EnrollmentDetail = await kit.detail(user, enrollmentId);
  const { rows: lessons } = await kit.db.query(
    `SELECT lesson_id, started_at, completed_at, max_position, last_position, last_position_at FROM lesson_progress
      WHERE enrollment_id = $1 ORDER BY lesson_id`,
    [enrollmentId],
  );
  const { rows: enrollment } = await kit.db.query(
    `SELECT completed_lesson_ids, completed_at IS NOT NULL AS completed, last_lesson_id, last_activity_at FROM enrollment WHERE id = $1`,
    [enrollmentId],
  );
  const { rows: events } = await kit.db.query(`SELECT count(*)::int AS n FROM progress_event WHERE enrollment_id = $1`, [enrollmentId]);
  const { id: _id, enrolledAt: _e, completedAt: _c, lessons: lessonViews, ...view } = detail;
  return { view, lessonViews, lessons, enrollment, events: events[0].n };
}

describe('progress events', () => {
  it('records a batch, answers each event accepted and the enrollment progress, and derives the lesson states', async () => {
    const learner = await kit.learner();
    const enrollment = await kit.enroll(learner, course.courseId);
    const [read, watch] = course.lessonIds;
    const events = [ev(read, 'started'), ev(read, 'completed'), ev(watch, 'started'), ev(watch, 'video_position', { position: 90 })];
    const answer = await kit.sendOk(learner, events);
    expect(answer.results).toEqual(events.map((e) => ({ eventId: e.eventId, status: 'accepted' })));
    expect(answer.enrollments).toEqual([
      {
        enrollmentId: enrollment.id,
        courseId: course.courseId,
        status: 'in_progress',
        progress: { completedLessons: 1, requiredLessons: 3, percent: 33 },
        completedAt: null,
        lastLessonId: watch,
        lastActivityAt: events[3].occurredAt,
      },
    ]);
    const { rows } = await kit.db.query(`SELECT type, position, completes FROM progress_event WHERE enrollment_id = $1 ORDER BY occurred_at`, [
      enrollment.id,
    ]);
    expect(rows).toEqual([
      { type: 'started', position: null, completes: false },
      { type: 'completed', position: null, completes: true },
      { type: 'started', position: null, completes: false },
      { type: 'video_position', position: 90, completes: false },
    ]);
  });

  it('stores an event sent twice once: the second time it is a duplicate and changes nothing', async () => {
    const learner = await kit.learner();
    const enrollment = await kit.enroll(learner, course.courseId);
    const events = [ev(course.lessonIds[0], 'started'), ev(course.lessonIds[0], 'completed')];
    await kit.sendOk(learner, events);
    const before = await state(learner, enrollment.id);
    const again = await kit.sendOk(learner, [...events, events[0]]);
    expect(again.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(again.enrollments[0].progress.completedLessons).toBe(1);
    expect(await state(learner, enrollment.id)).toEqual(before);
    // The same id twice in one new batch: stored once.
    const fresh = ev(course.lessonIds[1], 'started');
    const both = await kit.sendOk(learner, [fresh, { ...fresh }]);
    expect(both.results.map((r) => r.status)).toEqual(['accepted', 'duplicate']);
    const { rows } = await kit.db.query(`SELECT count(*)::int AS n FROM progress_event WHERE event_id = $1`, [fresh.eventId]);
    expect(rows[0].n).toBe(1);
  });

  it('reaches the same final state from the same events sent twice, shuffled, in pieces or one by one (acceptance 2)', async () => {
    const [read, watch, _quiz, bonus] = course.lessonIds;
    const t = (s: number) => new Date(Date.parse('2026-03-02T10:00:00.000Z') + s * 1000).toISOString();
    const events: ProgressEventInput[] = [
      { eventId: randomUUID(), lessonId: read, type: 'started', occurredAt: t(0) },
      { eventId: randomUUID(), lessonId: read, type: 'completed', occurredAt: t(120) },
      { eventId: randomUUID(), lessonId: read, type: 'completed', occurredAt: t(900) }, // read again later
      { eventId: randomUUID(), lessonId: watch, type: 'started', occurredAt: t(130) },
      ...[10, 40, 95, 60, 150, 185, 100, 30].map((position, i) => ({
        eventId: randomUUID(),
        lessonId: watch,
        type: 'video_position' as const,
        position,
        occurredAt: t(140 + i * 20),
      })),
      // Two events at the same instant: the tie is broken by the event id, whatever the order of arrival.
      { eventId: randomUUID(), lessonId: watch, type: 'video_position', position: 12, occurredAt: t(400) },
      { eventId: randomUUID(), lessonId: watch, type: 'video_position', position: 13, occurredAt: t(400) },
      { eventId: randomUUID(), lessonId: watch, type: 'completed', position: 170, occurredAt: t(410) }, // 170 < 0.9 × 200
      { eventId: randomUUID(), lessonId: bonus, type: 'started', occurredAt: t(420) },
      { eventId: randomUUID(), lessonId: _quiz, type: 'started', occurredAt: t(430) },
    ];
    const states = [];

    // In order, then the whole batch again.
    const a = await kit.learner();
    const ea = await kit.enroll(a, course.courseId);
    const forA = asLearner(events);
    await kit.sendOk(a, forA);
    const twice = await kit.sendOk(a, forA);
    expect(twice.results.every((r) => r.status === 'duplicate')).toBe(true);
    states.push(await state(a, ea.id));

    // Shuffled, in pieces of 1 to 4, with repeats.
    for (const seed of [7, 42, 1234]) {
      const b = await kit.learner();
      const eb = await kit.enroll(b, course.courseId);
      const forB = asLearner(events);
      const mixed = shuffle([...forB, ...forB.slice(0, 5)], seed);
      for (let i = 0; i < mixed.length; ) {
        const size = 1 + ((seed + i) % 4);
        await kit.sendOk(b, mixed.slice(i, i + size));
        i += size;
      }
      states.push(await state(b, eb.id));
    }

    // One by one, newest first.
    const c = await kit.learner();
    const ec = await kit.enroll(c, course.courseId);
    for (const event of asLearner(events).reverse()) await kit.sendOk(c, [event]);
    states.push(await state(c, ec.id));

    // The lesson ids are the same for everyone (same version); only enrollment ids differ, and they are left out.
    for (const other of states.slice(1)) expect(other).toEqual(states[0]);
    const first = states[0];
    expect(first.events).toBe(events.length);
    expect(first.view.resume).toEqual({ lessonId: read, position: null }); // read again at t(900), the latest event
    expect(first.lessonViews[1].video).toMatchObject({ maxPosition: 185, lastPosition: 170 });
    // 185 ≥ 0.9 × 200: the video counts as watched from the event that reached it.
    expect(first.lessonViews.map((l) => l.status)).toEqual(['completed', 'completed', 'in_progress', 'in_progress']);
    expect(first.lessonViews[0].completedAt).toBe(t(120)); // the earliest completion, not the latest
    expect(first.lessonViews[1].completedAt).toBe(t(240));
    expect(first.view.progress).toEqual({ completedLessons: 2, requiredLessons: 3, percent: 66 });
  });

  it('counts a video as watched only past VIDEO_COMPLETION_RATIO of its length, and never goes back', async () => {
    const learner = await kit.learner();
    const enrollment = await kit.enroll(learner, course.courseId);
    const watch = course.lessonIds[1];
    await kit.sendOk(learner, [ev(watch, 'video_position', { position: 179 }), ev(watch, 'completed', { position: 179.9 })]);
    let detail = await kit.detail(learner, enrollment.id);
    expect(detail.lessons[1].status).toBe('in_progress'); // 179.9 < 180
    await kit.sendOk(learner, [ev(watch, 'video_position', { position: 180 })]);
    detail = await kit.detail(learner, enrollment.id);
    expect(detail.lessons[1].status).toBe('completed');
    // Seeking back, even with a later event, neither uncompletes it nor lowers the furthest position.
    await kit.sendOk(learner, [ev(watch, 'video_position', { position: 5 })]);
    detail = await kit.detail(learner, enrollment.id);
    expect(detail.lessons[1]).toMatchObject({ status: 'completed', video: { lastPosition: 5, maxPosition: 180 } });
    expect(detail.resume).toEqual({ lessonId: watch, position: 5 });
    // A late event (older occurredAt) does not move the resume point.
    await kit.sendOk(learner, [ev(course.lessonIds[0], 'started', { occurredAt: '2026-01-01T00:00:00.000Z' })]);
    expect((await kit.detail(learner, enrollment.id)).resume).toEqual({ lessonId: watch, position: 5 });
  });

  it('refuses a lesson of a course the learner is not enrolled in (403, nothing stored), naming the event', async () => {
    const learner = await kit.learner();
    await kit.enroll(learner, course.courseId);
    const good = ev(course.lessonIds[0], 'started');
    const foreign = ev(other.lessonIds[0], 'started');
    const refused = await kit.send(learner, [good, ev(course.lessonIds[0], 'completed'), ev(course.lessonIds[1], 'started'), foreign]);
    expect(refused.status).toBe(403);
    expect(errorFormat(refused.body, 403).details).toEqual([
      { field: 'events.3.lessonId', reason: 'is not a lesson of the version of a course you are enrolled in' },
    ]);
    const { rows } = await kit.db.query(`SELECT count(*)::int AS n FROM progress_event WHERE event_id = ANY($1::uuid[])`, [[good.eventId, foreign.eventId]]);
    expect(rows[0].n).toBe(0);
    // An unknown lesson likewise.
    expect((await kit.send(learner, [ev(randomUUID(), 'started')])).status).toBe(403);
  });

  it('refuses another learner’s enrollment: a learner cannot post progress to a course only someone else follows', async () => {
    const owner = await kit.learner();
    const intruder = await kit.learner();
    const enrollment = await kit.enroll(owner, other.courseId);
    const attempt = await kit.send(intruder, [ev(other.lessonIds[0], 'completed')]);
    expect(attempt.status).toBe(403);
    const detail = await kit.detail(owner, enrollment.id);
    expect(detail.lessons[0].status).toBe('not_started');
  });

  it('answers 400 naming the malformed event, for every kind of mistake, and stores nothing', async () => {
    const learner = await kit.learner();
    await kit.enroll(learner, course.courseId);
    const [read, watch, quizId] = course.lessonIds;
    const ok = ev(read, 'started');
    const cases: [unknown, string][] = [
      [[ok, ok, ok, { ...ev(read, 'started'), lessonId: 'nope' }], 'events.3.lessonId'],
      [[{ ...ev(read, 'started'), eventId: 'x' }], 'events.0.eventId'],
      [[{ ...ev(read, 'started'), type: 'paused' }], 'events.0.type'],
      [[{ ...ev(read, 'started'), occurredAt: '2026-03-02 10:00' }], 'events.0.occurredAt'],
      [[{ ...ev(read, 'started'), occurredAt: new Date(Date.now() + 3_600_000).toISOString() }], 'events.0.occurredAt'],
      [[ev(watch, 'video_position')], 'events.0.position'],
      [[{ ...ev(watch, 'video_position'), position: -1 }], 'events.0.position'],
      [[{ ...ev(watch, 'video_position'), position: '12' }], 'events.0.position'],
      [[{ ...ev(watch, 'started'), position: 3 }], 'events.0.position'],
      [[{ ...ev(read, 'started'), extra: 1 }], 'events.0.extra'],
      [[ok, 'not an object'], 'events.1'],
      [[], 'events'],
      [Array.from({ length: 101 }, () => ev(read, 'started')), 'events'],
    ];
    for (const [events, field] of cases) {
      const answer = await catalog.call<ErrorBody>('POST', '/api/progress/events', learner, { events });
      expect([field, answer.status]).toEqual([field, 400]);
      expect([field, errorFormat(answer.body, 400).details.map((d) => d.field)]).toEqual([field, expect.arrayContaining([field])]);
    }
    // Kinds that do not fit the lesson: checked against the enrolled version.
    const notVideo = await kit.send(learner, [ok, ev(read, 'video_position', { position: 3 })]);
    expect(notVideo.status).toBe(400);
    expect((notVideo.body as unknown as ErrorBody).details).toEqual([{ field: 'events.1.type', reason: 'positions are for video lessons only' }]);
    const quizDone = await kit.send(learner, [ev(quizId, 'completed')]);
    expect(quizDone.status).toBe(400);
    expect((quizDone.body as unknown as ErrorBody).details[0].field).toBe('events.0.type');
    const { rows } = await kit.db.query(`SELECT count(*)::int AS n FROM progress_event WHERE event_id = $1`, [ok.eventId]);
    expect(rows[0].n).toBe(0);
    for (const body of ['{"events":', 'null', '[]', '{"events": {}}']) {
      const answer = await catalog.app.getHttpAdapter().getInstance().inject({
        method: 'POST',
        url: '/api/progress/events',
        payload: body,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${learner.token}` },
      });
      expect([body, answer.statusCode]).toEqual([body, 400]);
    }
    expect((await kit.send({ id: learner.id, token: 'forged' }, [ok])).status).toBe(401);
  });

  it('answers 200 for 100 events in one batch (the maximum)', async () => {
    const learner = await kit.learner();
    await kit.enroll(learner, course.courseId);
    const events = Array.from({ length: 100 }, (_, i) => ev(course.lessonIds[1], 'video_position', { position: i }));
    const answer: ProgressBatchResponse = await kit.sendOk(learner, events);
    expect(answer.results.filter((r) => r.status === 'accepted')).toHaveLength(100);
  });
});
