// What the administrators' console needs beyond the routes tested with their contexts: discarding a failed job
// (an outbox job closes its event), the outbox lag, every course listed and archived by an administrator. Failed
// jobs are made genuinely: a BullMQ worker of the test's own fails them on the test's Redis prefix.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import type { AdminCourseList, AdminCourseSummary, AuditLogList, DiscardJobResponse, ErrorBody, FailedJobsResponse, OutboxLag } from '@academie/contracts';
import { type TestApi, createTestUser, errorFormat, eventually, startTestApi } from '@academie/server-testing';
import { createApiApp } from '../bootstrap';

let t: TestApi<Awaited<ReturnType<typeof createApiApp>>>;
let adminId: string;
let adminToken: string;
let learnerToken: string;
const queues: Queue[] = [];

beforeAll(async () => {
  t = await startTestApi(createApiApp, { seed: true });
  const admin = await createTestUser(t.db, { roles: ['admin'] });
  const learner = await createTestUser(t.db);
  adminId = admin.id;
  adminToken = (await t.api.login(admin.email, admin.password)).accessToken;
  learnerToken = (await t.api.login(learner.email, learner.password)).accessToken;
});

afterAll(async () => {
  await Promise.all(queues.map((queue) => queue.close()));
  await t?.close();
});

function redisConnection() {
  const url = new URL(t.config.REDIS_URL);
  return { host: url.hostname, port: Number(url.port || 6379), db: Number(url.pathname.slice(1) || 0), maxRetriesPerRequest: null };
}

function queueOf(name: 'outbox' | 'reporting'): Queue {
  const queue = new Queue(name, { connection: redisConnection(), prefix: t.config.REDIS_PREFIX });
  queues.push(queue);
  return queue;
}

/** Adds a job with one attempt and lets a worker of the test fail it with `reason`; resolves once BullMQ holds it as failed. */
async function failedJob(queueName: 'outbox' | 'reporting', name: string, jobId: string, data: unknown, reason: string): Promise<void> {
  const queue = queueOf(queueName);
  await queue.add(name, data, { jobId, attempts: 1, removeOnFail: false });
  const worker = new Worker(
    queueName,
    async (job) => {
      if (job.id === jobId) throw new Error(reason);
    },
    { connection: redisConnection(), prefix: t.config.REDIS_PREFIX },
  );
  try {
    await eventually(async () => (await queue.getJobState(jobId)) === 'failed', 10_000);
  } finally {
    await worker.close();
  }
}

const post = <T>(url: string, token?: string) => t.api.call<T>({ method: 'POST', url, token });

describe('discarding a failed job', () => {
  it('removes a failed outbox job for good, closes its event without the undelivered subscriber, and audits it', async () => {
    // The event is marked relayed an hour from now: no relay would hand it to the queue meanwhile.
    const { rows } = await t.db.query(
      `INSERT INTO outbox_event (type, payload, enqueued_at) VALUES ('course.completed', $1, now() + interval '1 hour') RETURNING id`,
      [JSON.stringify({ enrollmentId: randomUUID(), userId: randomUUID(), courseId: randomUUID(), versionId: randomUUID(), completedAt: new Date().toISOString() })],
    );
    const eventId = String(rows[0].id);
    const jobId = `outbox-${eventId}`;
    await t.db.query(`INSERT INTO outbox_delivery (event_id, subscriber, attempts, last_error) VALUES ($1, 'certification', 1, 'unknown learner')`, [eventId]);
    await failedJob('outbox', 'outbox.deliver', jobId, { eventId }, 'course.completed for an unknown learner');
    const before = await t.api.call<FailedJobsResponse>({ url: '/api/admin/jobs/failed', token: adminToken });
    expect(before.body.jobs.map((job) => job.jobId)).toContain(jobId);
    expect(before.body.deliveries.map((d) => d.eventId)).toContain(eventId);

    expect((await post(`/api/admin/jobs/outbox/${jobId}/discard`)).status).toBe(401);
    expect((await post(`/api/admin/jobs/outbox/${jobId}/discard`, learnerToken)).status).toBe(403);
    const discarded = await post<DiscardJobResponse>(`/api/admin/jobs/outbox/${jobId}/discard`, adminToken);
    expect(discarded.status).toBe(200);
    expect(discarded.body).toEqual({ queue: 'outbox', jobId, state: 'discarded', undeliveredSubscribers: ['certification'] });

    expect(await queueOf('outbox').getJob(jobId)).toBeUndefined();
    const event = await t.db.query(`SELECT processed_at IS NOT NULL AS closed FROM outbox_event WHERE id = $1`, [eventId]);
    expect(event.rows).toEqual([{ closed: true }]);
    const after = await t.api.call<FailedJobsResponse>({ url: '/api/admin/jobs/failed', token: adminToken });
    expect(after.body.jobs.map((job) => job.jobId)).not.toContain(jobId);
    expect(after.body.deliveries.map((d) => d.eventId)).not.toContain(eventId);
    const audit = await t.api.call<AuditLogList>({ url: `/api/admin/audit?action=job.discarded&targetId=outbox/${jobId}`, token: adminToken });
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        actorId: adminId,
        targetType: 'job',
        details: { queue: 'outbox', jobId, name: 'outbox.deliver', attemptsMade: 1, eventId, undeliveredSubscribers: ['certification'] },
      }),
    ]);

    // Gone: neither discarded nor retried again.
    const again = await post<ErrorBody>(`/api/admin/jobs/outbox/${jobId}/discard`, adminToken);
    expect(errorFormat(again.body, 404).details).toEqual([{ field: 'jobId', reason: 'unknown in this queue' }]);
    expect((await post(`/api/admin/jobs/outbox/${jobId}/retry`, adminToken)).status).toBe(404);
  });

  it('removes a failed job of another queue without touching the outbox, and refuses a job that is not failed', async () => {
    const jobId = `kpi-reconcile-test-${randomUUID()}`;
    await failedJob('reporting', 'kpi.reconcile', jobId, { trigger: 'manual' }, 'reconciliation refused');
    const discarded = await post<DiscardJobResponse>(`/api/admin/jobs/reporting/${jobId}/discard`, adminToken);
    expect(discarded.body).toEqual({ queue: 'reporting', jobId, state: 'discarded', undeliveredSubscribers: [] });

    const waiting = `kpi-reconcile-waiting-${randomUUID()}`;
    await queueOf('reporting').add('kpi.reconcile', { trigger: 'manual' }, { jobId: waiting });
    const conflict = await post<ErrorBody>(`/api/admin/jobs/reporting/${waiting}/discard`, adminToken);
    expect(errorFormat(conflict.body, 409).details).toEqual([{ field: 'jobId', reason: 'is waiting' }]);
    const badQueue = await post<ErrorBody>(`/api/admin/jobs/nowhere/${waiting}/discard`, adminToken);
    expect(errorFormat(badQueue.body, 400).details[0].field).toBe('queue');
    const badId = await post<ErrorBody>(`/api/admin/jobs/reporting/123/discard`, adminToken);
    expect(errorFormat(badId.body, 400).details).toEqual([{ field: 'jobId', reason: 'must be a job id such as outbox-42' }]);
  });
});

describe('outbox lag', () => {
  it('counts open events, the age of the oldest, open events by type and failed deliveries by subscriber, with the queue depths', async () => {
    expect((await t.api.call({ url: '/api/admin/outbox' })).status).toBe(401);
    expect((await t.api.call({ url: '/api/admin/outbox', token: learnerToken })).status).toBe(403);
    const before = (await t.api.call<OutboxLag>({ url: '/api/admin/outbox', token: adminToken })).body;

    const { rows } = await t.db.query(
      `INSERT INTO outbox_event (type, payload, created_at, enqueued_at)
       VALUES ('system.ping', '{"pingId":"a"}', now() - interval '2 hours', now() + interval '1 hour'),
              ('system.ping', '{"pingId":"b"}', now() - interval '1 hour', now() + interval '1 hour')
       RETURNING id, created_at`,
    );
    await t.db.query(
      `INSERT INTO outbox_delivery (event_id, subscriber, attempts, last_error) VALUES ($1, 'lag-test', 3, 'boom'), ($2, 'lag-test', 1, 'boom')`,
      [rows[0].id, rows[1].id],
    );
    const lag = await t.api.call<OutboxLag>({ url: '/api/admin/outbox', token: adminToken });
    expect(lag.status).toBe(200);
    expect(lag.body.openEvents).toBe(before.openEvents + 2);
    expect(lag.body.oldestOpenEventAt).toBe((rows[0].created_at as Date).toISOString());
    expect(lag.body.oldestOpenAgeSeconds).toBeGreaterThanOrEqual(7200);
    expect(lag.body.oldestOpenAgeSeconds).toBeLessThan(7200 + 600);
    expect(lag.body.byType[0]).toEqual({
      type: 'system.ping',
      openEvents: (before.byType.find((row) => row.type === 'system.ping')?.openEvents ?? 0) + 2,
      oldestOpenEventAt: (rows[0].created_at as Date).toISOString(),
    });
    expect(lag.body.bySubscriber.find((row) => row.subscriber === 'lag-test')).toEqual({
      subscriber: 'lag-test',
      failedDeliveries: 2,
      oldestFailedEventAt: (rows[0].created_at as Date).toISOString(),
    });
    expect(lag.body.queues?.map((queue) => queue.queue)).toEqual(expect.arrayContaining(['outbox', 'reporting']));

    // Once the events are closed they no longer count.
    await t.db.query(`UPDATE outbox_event SET processed_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((row) => row.id)]);
    const closed = (await t.api.call<OutboxLag>({ url: '/api/admin/outbox', token: adminToken })).body;
    expect(closed.openEvents).toBe(before.openEvents);
    expect(closed.bySubscriber.find((row) => row.subscriber === 'lag-test')).toBeUndefined();
  });
});

describe('courses (administrators)', () => {
  it('lists every course by title with its status, filtered by text and status, page after page', async () => {
    expect((await t.api.call({ url: '/api/admin/courses' })).status).toBe(401);
    expect((await t.api.call({ url: '/api/admin/courses', token: learnerToken })).status).toBe(403);
    const all: AdminCourseSummary[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: AdminCourseList } = await t.api.call<AdminCourseList>({
        url: `/api/admin/courses?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        token: adminToken,
      });
      expect(page.status).toBe(200);
      all.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    const { rows } = await t.db.query(`SELECT id FROM course ORDER BY title, id`);
    expect(all.map((course) => course.id)).toEqual(rows.map((row) => row.id));
    const published = all.find((course) => course.status === 'published');
    if (!published) throw new Error('the seed publishes courses');
    expect(published.currentVersionNumber).toEqual(expect.any(Number));

    const byText = await t.api.call<AdminCourseList>({ url: `/api/admin/courses?q=${encodeURIComponent(published.slug)}`, token: adminToken });
    expect(byText.body.items.map((course) => course.id)).toContain(published.id);
    const byStatus = await t.api.call<AdminCourseList>({ url: '/api/admin/courses?status=published&limit=100', token: adminToken });
    expect(byStatus.body.items.every((course) => course.status === 'published')).toBe(true);
    for (const query of ['status=gone', 'limit=0', 'cursor=zzz']) {
      const bad = await t.api.call<ErrorBody>({ url: `/api/admin/courses?${query}`, token: adminToken });
      expect(errorFormat(bad.body, 400).details[0].field).toBe(query.split('=')[0]);
    }
  });

  it('archives any course (not only one the administrator authors): out of the catalogue, audited; 409 twice, 404 unknown', async () => {
    const { rows } = await t.db.query(`SELECT id, slug FROM course WHERE status = 'published' ORDER BY title DESC LIMIT 1`);
    const course = rows[0] as { id: string; slug: string };
    expect((await t.api.call({ url: `/api/courses/${course.slug}` })).status).toBe(200);
    expect((await post(`/api/admin/courses/${course.id}/archive`, learnerToken)).status).toBe(403);

    const archived = await post<AdminCourseSummary>(`/api/admin/courses/${course.id}/archive`, adminToken);
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ id: course.id, status: 'archived', archivedAt: expect.any(String) });
    expect((await t.api.call({ url: `/api/courses/${course.slug}` })).status).toBe(404);
    const audit = await t.db.query(`SELECT actor_id, details FROM audit_log WHERE action = 'course.archived' AND target_id = $1`, [course.id]);
    expect(audit.rows).toEqual([{ actor_id: adminId, details: { byAdministrator: true, previousStatus: 'published' } }]);

    const again = await post<ErrorBody>(`/api/admin/courses/${course.id}/archive`, adminToken);
    expect(errorFormat(again.body, 409).details).toEqual([{ field: 'courseId', reason: 'is already archived' }]);
    expect(errorFormat((await post<ErrorBody>(`/api/admin/courses/${randomUUID()}/archive`, adminToken)).body, 404).details[0].field).toBe('courseId');
    expect(errorFormat((await post<ErrorBody>('/api/admin/courses/nope/archive', adminToken)).body, 400).details[0].field).toBe('courseId');
  });
});
