import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { QuizAttemptRequest, QuizAttemptResponse } from '@academie/contracts';
import { PublishedContentApi } from '@academie/server-catalog';
import { submitQuizAttempt } from './submit-attempt';

@Injectable()
export class QuizService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly content: PublishedContentApi,
  ) {}

  attempt(userId: string, lessonId: string, body: QuizAttemptRequest): Promise<QuizAttemptResponse> {
    return submitQuizAttempt(this.dataSource, this.content, userId, lessonId, body.answers);
  }
}
