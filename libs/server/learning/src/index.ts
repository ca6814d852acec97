// The learning context's public face: what the apps, the demo seed and later contexts may use.
export * from './learning.module';
export { LearningDailyCompletions, LearningDailyEnrollments } from './daily/learning-daily.handlers';
export { LearningError } from './learning.errors';
// Writing learning data outside HTTP, through the same code as the routes: the demo seed and the benchmark.
export { enrollLearner, type EnrollResult } from './enrollment/enroll';
export { ingestProgress, type IngestInput, type IngestOutcome } from './progress/ingest-progress';
export { submitQuizAttempt } from './quiz/submit-attempt';
export { gradeQuiz } from './quiz/grading';
export { poolOf } from './sql';
// The xAPI statements over a part of the learners, for another context's route (the organisations' admins).
export { XapiService } from './xapi/xapi.service';
export { StatementsQueryDto } from './xapi/dto/statements-query.dto';
export { XapiVersionHeader, checkXapiVersion } from './xapi/xapi.controller';
export type { StatementScope } from './xapi/statement-rows';
// Entities, for the one DataSource (libs/server/database) only.
export { LearningVersion } from './content/learning-version.entity';
export { LearningLesson } from './content/learning-lesson.entity';
export { LearnerPseudonym } from './learner/learner-pseudonym.entity';
export { Enrollment } from './enrollment/enrollment.entity';
export { LessonProgress } from './progress/lesson-progress.entity';
export { ProgressEvent } from './progress/progress-event.entity';
export { QuizAttempt } from './quiz/quiz-attempt.entity';
export { CourseCompletion } from './completion/course-completion.entity';
export { LearningActivityDaily } from './daily/learning-activity-daily.entity';
