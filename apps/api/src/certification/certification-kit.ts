// Helpers of the certification integration tests (not a test file): issue certificates as the worker does, in a
// Nest context of the certification worker module on the test's database, and completions as learning writes them.
import { randomUUID } from 'node:crypto';
import { type DynamicModule, type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { CertificateIssuance, CertificationWorkerModule, type IssuanceOutcome } from '@academie/server-certification';
import { type AppConfig, CoreModule, JsonLogger } from '@academie/server-core';
import { DatabaseModule } from '@academie/server-database';
import { OutboxModule } from '@academie/server-outbox';

@Module({})
class IssuerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: IssuerModule,
      imports: [CoreModule.forRoot(config, new JsonLogger('issuer', 'error', () => undefined)), DatabaseModule.forRoot('test-issuer'), OutboxModule, CertificationWorkerModule],
    };
  }
}

export interface Completion {
  enrollmentId: string;
  userId: string;
  courseId: string;
  versionId: string;
  completedAt: string;
}

export interface PublishedCourse {
  courseId: string;
  versionId: string;
  title: string;
  number: number;
  durationMinutes: number;
}

/** What the worker's `certification` subscriber does, called directly: one transaction per completion. */
export class Issuer {
  private constructor(private readonly context: INestApplicationContext) {}

  static async start(config: AppConfig): Promise<Issuer> {
    const context = await NestFactory.createApplicationContext(IssuerModule.forRoot(config), { logger: false });
    return new Issuer(context);
  }

  issue(completion: Completion): Promise<IssuanceOutcome> {
    const dataSource = this.context.get<DataSource>(getDataSourceToken());
    return dataSource.transaction((manager) => this.context.get(CertificateIssuance).issue(manager, completion));
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

/** Published courses of the demo seed, with their current version. */
export async function publishedCourses(db: pg.Client): Promise<PublishedCourse[]> {
  const { rows } = await db.query(
    `SELECT c.id AS "courseId", v.id AS "versionId", v.title, v.number, v.duration_minutes AS "durationMinutes"
       FROM course c JOIN course_version v ON v.id = c.current_version_id
      WHERE c.status = 'published' ORDER BY c.slug`,
  );
  return rows;
}

export const completionOf = (userId: string, course: PublishedCourse, completedAt = '2026-03-12T10:15:30.000Z'): Completion => ({
  enrollmentId: randomUUID(),
  userId,
  courseId: course.courseId,
  versionId: course.versionId,
  completedAt,
});

/** A `course.completed` outbox event, as the learning context writes it in the completion's transaction. */
export async function recordCompletion(db: pg.Client, completion: Completion): Promise<string> {
  const { rows } = await db.query(`INSERT INTO outbox_event (type, payload) VALUES ('course.completed', $1) RETURNING id`, [
    JSON.stringify(completion),
  ]);
  return String(rows[0].id);
}
