import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ProgressEventInput, QuizAnswerInput } from '@academie/contracts';
import { PublishedContentApi, type PublishedLesson } from '@academie/server-catalog';
import { enrollLearner, ingestProgress, poolOf, submitQuizAttempt } from '@academie/server-learning';
import { OutboxService } from '@academie/server-outbox';

const DEMO_LEARNER_EMAIL = 'apprenant@demo.academie-ia.fr';
/** The share used for the demo's video positions: past any VIDEO_COMPLETION_RATIO. */
const FULL_VIDEO = 1;

/** The demo learner's journey: one course completed, one half done (resuming in a video), one just started. */
const JOURNEY: { slug: string; daysAgo: number; upTo: 'all' | 'half' | 'first' }[] = [
  { slug: 'tutoriel-verifier-reponse-ia', daysAgo: 12, upTo: 'all' },
  { slug: 'decouvrir-ia-generative-tpe', daysAgo: 5, upTo: 'half' },
  { slug: 'ia-et-rgpd', daysAgo: 1, upTo: 'first' },
];

export interface LearningSeedReport {
  enrollments: { inserted: number; existing: number };
  events: number;
  attempts: number;
  completions: number;
}

/** A stable event id for the demo (a UUID made from a name), so that seeding again stores nothing new. */
function demoEventId(name: string): string {
  const hex = createHash('sha256').update(`academie-demo-learning:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Seeds the demo learner's enrollments and progress through the learning context's own code (the enrollment, the
 * progress statement and quiz grading of the routes), so that the completed course has its completion row and its
 * `course.completed` outbox event, for certificates to be issued. Idempotent: enrollments are unique per course,
 * events have fixed ids, a quiz already passed is not attempted again. Does nothing without the demo learner.
 */
export async function seedLearning(dataSource: DataSource, progress: (line: string) => void = () => {}): Promise<LearningSeedReport | null> {
  const [learner] = (await dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [DEMO_LEARNER_EMAIL])) as { id: string }[];
  if (!learner) return null;
  const content = new PublishedContentApi(dataSource);
  const outbox = new OutboxService();
  const report: LearningSeedReport = { enrollments: { inserted: 0, existing: 0 }, events: 0, attempts: 0, completions: 0 };

  for (const [index, step] of JOURNEY.entries()) {
    const [course] = (await dataSource.query(`SELECT id FROM course WHERE slug = $1 AND status = 'published'`, [step.slug])) as { id: string }[];
    if (!course) continue;
    const enrolled = await dataSource.transaction((manager) => enrollLearner(manager, content, outbox, learner.id, course.id));
    report.enrollments[enrolled.created ? 'inserted' : 'existing']++;
    const [{ version_id: versionId }] = (await dataSource.query(`SELECT version_id FROM enrollment WHERE id = $1`, [enrolled.enrollmentId])) as {
      version_id: string;
    }[];
    const outline = await content.version(versionId);
    if (!outline) continue;

    const lessons = outline.lessons;
    const done = step.upTo === 'all' ? lessons.length : step.upTo === 'half' ? Math.ceil(lessons.length / 2) : 0;
    const start = Date.now() - step.daysAgo * 86_400_000;
    const events: ProgressEventInput[] = [];
    const at = (minutes: number) => new Date(start + minutes * 60_000).toISOString();
    const event = (lesson: PublishedLesson, type: ProgressEventInput['type'], minute: number, position?: number) =>
      events.push({ eventId: demoEventId(`${step.slug}:${lesson.id}:${type}:${position ?? ''}`), lessonId: lesson.id, type, position, occurredAt: at(minute) });
    lessons.forEach((lesson, i) => {
      const minute = i * 10;
      if (i < done) {
        event(lesson, 'started', minute);
        if (lesson.kind === 'text') event(lesson, 'completed', minute + 5);
        if (lesson.kind === 'video') event(lesson, 'video_position', minute + 8, Math.round((lesson.videoSeconds ?? 60) * FULL_VIDEO));
      } else if (i === done) {
        // Where the learner stopped: a lesson opened (a video halfway through).
        event(lesson, 'started', minute);
        if (lesson.kind === 'video') event(lesson, 'video_position', minute + 3, Math.round((lesson.videoSeconds ?? 60) / 2));
      }
    });
    const ingested = await ingestProgress(poolOf(dataSource), { userId: learner.id, events, videoCompletionRatio: 0.9 });
    report.events += ingested.accepted.size;
    report.completions += ingested.completions;

    for (const lesson of lessons.slice(0, done).filter((l) => l.kind === 'quiz')) {
      const [passed] = (await dataSource.query(`SELECT 1 FROM quiz_attempt WHERE enrollment_id = $1 AND lesson_id = $2 AND passed`, [
        enrolled.enrollmentId,
        lesson.id,
      ])) as unknown[];
      if (passed) continue;
      const key = await content.quizAnswerKey(lesson.id);
      if (!key) continue;
      const answers: QuizAnswerInput[] = key.questions.map((q) => ({ questionId: q.id, optionIds: q.options.filter((o) => o.correct).map((o) => o.id) }));
      const attempt = await submitQuizAttempt(dataSource, content, learner.id, lesson.id, answers);
      report.attempts++;
      if (attempt.enrollment.status === 'completed') report.completions++;
    }
    progress(`  [${index + 1}/${JOURNEY.length}] ${DEMO_LEARNER_EMAIL} : ${step.slug} (${step.upTo === 'all' ? 'terminé' : 'en cours'})`);
  }
  return report;
}
