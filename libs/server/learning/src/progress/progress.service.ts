import { Injectable } from '@nestjs/common';
import type { ErrorDetail, ProgressBatchRequest, ProgressBatchResponse } from '@academie/contracts';
import { AppConfig } from '@academie/server-core';
import { toSnapshot } from '../enrollment/enrollment-state';
import { LearningError } from '../learning.errors';
import type { EventProblem } from './ingest-progress';
import { ProgressWriter } from './progress-writer';

const PROBLEM_DETAIL: Record<EventProblem, { field: string; reason: string }> = {
  not_enrolled: { field: 'lessonId', reason: 'is not a lesson of the version of a course you are enrolled in' },
  quiz_needs_attempt: { field: 'type', reason: 'a quiz is completed by passing an attempt (POST /api/quizzes/:lessonId/attempts)' },
  not_a_video: { field: 'position', reason: 'positions are for video lessons only' },
};

/** Progress events: the hot path. One statement per batch (see ingest-progress.ts), no ORM entity in sight. */
@Injectable()
export class ProgressService {
  constructor(
    private readonly writer: ProgressWriter,
    private readonly config: AppConfig,
  ) {}

  async record(userId: string, batch: ProgressBatchRequest): Promise<ProgressBatchResponse> {
    // An id repeated inside the batch is the same event: the first one goes to the database, the others are duplicates.
    const firstIndex = new Map<string, number>();
    const unique: { index: number; event: ProgressBatchRequest['events'][number] }[] = [];
    batch.events.forEach((event, index) => {
      const key = event.eventId.toLowerCase();
      if (firstIndex.has(key)) return;
      firstIndex.set(key, index);
      unique.push({ index, event });
    });

    const outcome = await this.writer.ingest({
      userId,
      events: unique.map((u) => u.event),
      videoCompletionRatio: this.config.VIDEO_COMPLETION_RATIO,
    });

    if (outcome.problems.length > 0) {
      const notEnrolled = outcome.problems.some((p) => p.problem === 'not_enrolled');
      const details: ErrorDetail[] = outcome.problems
        .filter((p) => !notEnrolled || p.problem === 'not_enrolled')
        .map((p) => {
          const detail = PROBLEM_DETAIL[p.problem];
          const field = p.problem === 'not_a_video' && unique[p.idx].event.type === 'video_position' ? 'type' : detail.field;
          return { field: `events.${unique[p.idx].index}.${field}`, reason: detail.reason };
        });
      throw notEnrolled ? LearningError.NotEnrolled(details) : LearningError.InvalidEvents(details);
    }

    return {
      results: batch.events.map((event, index) => ({
        eventId: event.eventId,
        status: firstIndex.get(event.eventId.toLowerCase()) === index && outcome.accepted.has(event.eventId.toLowerCase()) ? 'accepted' : 'duplicate',
      })),
      enrollments: outcome.enrollments.map(toSnapshot),
    };
  }
}
