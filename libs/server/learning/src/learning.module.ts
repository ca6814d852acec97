import { type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { PublishedContentApi } from '@academie/server-catalog';
import { LearningDailyCompletions, LearningDailyEnrollments } from './daily/learning-daily.handlers';
import { EnrollmentController } from './enrollment/enrollment.controller';
import { EnrollmentService } from './enrollment/enrollment.service';
import { LearningPersonalData } from './personal-data/learning-personal-data';
import { ProgressController } from './progress/progress.controller';
import { ProgressWriter } from './progress/progress-writer';
import { ProgressService } from './progress/progress.service';
import { QuizController } from './quiz/quiz.controller';
import { QuizService } from './quiz/quiz.service';
import { XapiController, XapiVersionHeader } from './xapi/xapi.controller';
import { XapiService } from './xapi/xapi.service';

/**
 * Enrollments, progress, quizzes and learning records, for the API. Needs the identity context (global: guard,
 * personal-data registry) and the OutboxModule; reads the catalogue through its PublishedContentApi only.
 */
@Module({
  controllers: [EnrollmentController, ProgressController, QuizController, XapiController],
  providers: [PublishedContentApi, EnrollmentService, ProgressWriter, ProgressService, QuizService, XapiService, LearningPersonalData],
})
export class LearningModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(XapiVersionHeader).forRoutes(XapiController);
  }
}

/** The worker's side: the learning-daily subscribers of `enrollment.created` and `course.completed`. */
@Module({ providers: [LearningDailyEnrollments, LearningDailyCompletions] })
export class LearningWorkerModule {}
