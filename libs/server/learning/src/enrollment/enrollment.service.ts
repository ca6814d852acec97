import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { EnrollmentDetail, EnrollmentView } from '@academie/contracts';
import { PublishedContentApi } from '@academie/server-catalog';
import { AppConfig } from '@academie/server-core';
import { OutboxService } from '@academie/server-outbox';
import { LearningError } from '../learning.errors';
import { rowsOf } from '../sql';
import { enrollLearner } from './enroll';
import { findEnrollment, lessonProgress, listEnrollments } from './enrollment-views';

@Injectable()
export class EnrollmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly content: PublishedContentApi,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  /** Enrolls the learner (or returns their enrollment, resumed if withdrawn); `created` tells 201 from 200. */
  async enroll(userId: string, courseId: string): Promise<{ enrollment: EnrollmentView; created: boolean }> {
    const result = await this.dataSource.transaction((manager) => enrollLearner(manager, this.content, this.outbox, userId, courseId));
    return { enrollment: await this.get(userId, result.enrollmentId), created: result.created };
  }

  list(userId: string): Promise<EnrollmentView[]> {
    return listEnrollments(this.dataSource, userId);
  }

  async get(userId: string, enrollmentId: string): Promise<EnrollmentView> {
    const enrollment = await findEnrollment(this.dataSource, userId, enrollmentId);
    if (!enrollment) throw LearningError.EnrollmentNotFound([{ field: 'id', reason: 'you have no enrollment with this id' }]);
    return enrollment;
  }

  async detail(userId: string, enrollmentId: string): Promise<EnrollmentDetail> {
    const enrollment = await this.get(userId, enrollmentId);
    return { ...enrollment, lessons: await lessonProgress(this.dataSource, enrollment, this.config.VIDEO_COMPLETION_RATIO) };
  }

  /** Unenrolls: the enrollment is marked withdrawn, its progress kept (enrolling again resumes it). Idempotent. */
  async withdraw(userId: string, enrollmentId: string): Promise<EnrollmentView> {
    const rows = await rowsOf<{ id: string }>(
      this.dataSource,
      `UPDATE enrollment SET withdrawn_at = coalesce(withdrawn_at, now()), updated_at = now()
        WHERE id = $1 AND user_id = $2 RETURNING id`,
      [enrollmentId, userId],
    );
    if (!rows[0]) throw LearningError.EnrollmentNotFound([{ field: 'id', reason: 'you have no enrollment with this id' }]);
    return this.get(userId, enrollmentId);
  }
}
