import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One graded attempt at a quiz, kept for good (the xAPI `passed`/`failed` statements are projections of these rows). */
@Entity({ name: 'quiz_attempt' })
@Unique('uq_quiz_attempt_number', ['enrollmentId', 'lessonId', 'attemptNumber'])
@Index('ix_quiz_attempt_submitted', ['submittedAt', 'id'])
@Index('ix_quiz_attempt_lesson', ['lessonId'])
@Check('ck_quiz_attempt_number', 'attempt_number > 0')
@Check('ck_quiz_attempt_question_count', 'question_count > 0')
@Check('ck_quiz_attempt_correct_count', 'correct_count BETWEEN 0 AND question_count')
@Check('ck_quiz_attempt_score', 'score BETWEEN 0 AND 100')
@Check('ck_quiz_attempt_pass_mark', 'pass_mark BETWEEN 0 AND 100')
@Check('ck_quiz_attempt_answers', "jsonb_typeof(answers) = 'array'")
export class QuizAttempt {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  enrollmentId!: string;

  @Column({ type: 'uuid' })
  lessonId!: string;

  @Column({ type: 'integer' })
  attemptNumber!: number;

  /** `[{ questionId, optionIds }]`: ids of the options chosen, nothing typed by the learner. */
  @Column({ type: 'jsonb' })
  answers!: { questionId: string; optionIds: string[] }[];

  @Column({ type: 'integer' })
  questionCount!: number;

  @Column({ type: 'integer' })
  correctCount!: number;

  @Column({ type: 'integer' })
  score!: number;

  @Column({ type: 'integer' })
  passMark!: number;

  @Column({ type: 'boolean' })
  passed!: boolean;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  submittedAt!: Date;
}
