// The worker's metrics port: valid Prometheus text (strict parser) with job durations and failures by queue and job
// name, the depth of every queue, and the outbox's lag (open events, age of the oldest), after real jobs ran; and
// the protection by configuration on this port too.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { type DynamicModule, type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { QUEUES } from '@academie/contracts';
import { type AppConfig, CoreModule, MetricsServer, MetricsServerModule } from '@academie/server-core';
import { QueueRegistry } from '@academie/server-queue';
import { MemoryLogger, createTestDatabase, eventually, parsePrometheusText, testConfig } from '@academie/server-testing';
import { WorkerModule } from './worker.module';

const TOKEN = 'jeton-des-metriques-du-worker-0123456789';

async function scrape(app: INestApplicationContext, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Headers }> {
  const port = app.get(MetricsServer).port;
  if (!port) throw new Error('the metrics server does not listen');
  const response = await fetch(`http://127.0.0.1:${port}/metrics`, { headers });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

/** Only the metrics server, under another configuration: enough to test the port's protection. */
@Module({})
class MetricsOnlyModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: MetricsOnlyModule, imports: [CoreModule.forRoot(config, new MemoryLogger('metrics')), MetricsServerModule] };
  }
}

describe('worker metrics', () => {
  let db: pg.Client;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    // A long first retry delay: a failed job stays `delayed`, where the depth gauge must show it.
    const config = testConfig({ DATABASE_URL: databaseUrl, JOB_RETRY_DELAY_MS: '600000' });
    const logger = new MemoryLogger('worker');
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger), { logger });
    await worker.init();
  });

  afterAll(async () => {
    await worker?.close();
    await db?.end();
  });

  it('shows the jobs that ran and failed, the queue depths and the outbox lag', async () => {
    // A ping: one outbox.deliver job that completes.
    const { rows } = await db.query(`INSERT INTO system_ping DEFAULT VALUES RETURNING id`);
    await db.query(`INSERT INTO outbox_event (type, payload) VALUES ('system.ping', $1)`, [JSON.stringify({ pingId: rows[0].id })]);
    await eventually(async () => (await db.query(`SELECT handled_at FROM system_ping`)).rows[0].handled_at != null);
    await eventually(async () => (await db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE processed_at IS NULL`)).rows[0].n === 0);

    // A completion of an unknown learner: its subscribers fail, the job waits for a retry, the event stays open.
    const completion = {
      enrollmentId: randomUUID(),
      userId: randomUUID(),
      courseId: randomUUID(),
      versionId: randomUUID(),
      completedAt: new Date().toISOString(),
    };
    const failing = await db.query(`INSERT INTO outbox_event (type, payload, created_at) VALUES ('course.completed', $1, now() - interval '1 hour') RETURNING id`, [
      JSON.stringify(completion),
    ]);
    const outbox = worker.get(QueueRegistry).queue(QUEUES.outbox);
    await eventually(async () => (await outbox.getJobCounts('delayed')).delayed === 1, 15_000);

    const response = await scrape(worker);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const metrics = parsePrometheusText(response.body);

    expect(metrics.types.get('academie_job_duration_seconds')).toBe('histogram');
    const completed = { queue: 'outbox', job: 'outbox.deliver', outcome: 'completed' };
    expect(metrics.value('academie_job_duration_seconds_count', completed)).toBeGreaterThanOrEqual(1);
    expect(metrics.value('academie_job_duration_seconds_bucket', { ...completed, le: '+Inf' })).toBe(metrics.value('academie_job_duration_seconds_count', completed));
    expect(metrics.value('academie_job_duration_seconds_count', { queue: 'outbox', job: 'outbox.deliver', outcome: 'failed' })).toBe(1);
    expect(metrics.value('academie_job_failures_total', { queue: 'outbox', job: 'outbox.deliver' })).toBe(1);

    for (const queue of Object.values(QUEUES)) {
      for (const state of ['waiting', 'active', 'delayed', 'failed']) expect(metrics.find('academie_queue_jobs', { queue, state })).toHaveLength(1);
    }
    expect(metrics.value('academie_queue_jobs', { queue: 'outbox', state: 'delayed' })).toBe(1);

    expect(metrics.value('academie_outbox_open_events')).toBe(1);
    const age = metrics.value('academie_outbox_oldest_open_event_age_seconds');
    expect(age).toBeGreaterThanOrEqual(3600);
    expect(age).toBeLessThan(3700);
    expect(metrics.value('nodejs_heap_size_used_bytes')).toBeGreaterThan(0);

    // Once the event is closed, the lag is gone.
    await db.query(`UPDATE outbox_event SET processed_at = now() WHERE id = $1`, [failing.rows[0].id]);
    const after = parsePrometheusText((await scrape(worker)).body);
    expect([after.value('academie_outbox_open_events'), after.value('academie_outbox_oldest_open_event_age_seconds')]).toEqual([0, 0]);
  });

  it('refuses a scrape without the token when only the token opens the port', async () => {
    const app = await NestFactory.createApplicationContext(MetricsOnlyModule.forRoot(testConfig({ METRICS_TOKEN: TOKEN, METRICS_ALLOW: 'none' })), { logger: false });
    await app.init();
    try {
      const refused = await scrape(app);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer');
      expect(JSON.parse(refused.body)).toEqual({
        statusCode: 401,
        error: 'Unauthorized',
        message: expect.any(String),
        details: [{ field: 'authorization', reason: 'must be Bearer <METRICS_TOKEN>' }],
      });
      const ok = await scrape(app, { authorization: `Bearer ${TOKEN}` });
      expect(ok.status).toBe(200);
      expect(parsePrometheusText(ok.body).types.get('process_cpu_user_seconds_total')).toBe('counter');
    } finally {
      await app.close();
    }
  });
});
