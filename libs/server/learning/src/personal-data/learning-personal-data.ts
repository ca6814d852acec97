import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '@academie/server-core';
import { PersonalDataRegistry } from '@academie/server-identity';
import { iso, rowsOf } from '../sql';
import { statementsOfUser } from '../xapi/statement-rows';
import { toStatement } from '../xapi/xapi-statements';

/**
 * What the learning context holds about a person: their pseudonym, enrollments, lesson progress, progress events,
 * quiz attempts (option ids chosen), completions, and the xAPI statements projected from them. None of these rows
 * holds a name or an e-mail. On erasure they stay, for exact counts and for the certificates already issued: they
 * are tied to the account row (whose identity is erased by the identity context) and appear in learning records
 * under the anonymous id only — so there is nothing to remove here.
 */
@Injectable()
export class LearningPersonalData implements OnModuleInit {
  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      context: 'learning',
      describe:
        'Vos inscriptions, votre progression leçon par leçon, les événements de progression envoyés par le lecteur, vos tentatives aux quiz (les options choisies), vos parcours terminés et les déclarations xAPI qui en sont tirées, sous un identifiant anonyme. À l’effacement, ces données restent, rattachées à ce seul identifiant anonyme : plus rien ne les relie à votre nom ni à votre adresse.',
      export: (userId, manager) => this.export(userId, manager),
      erase: async () => {
        // Kept on purpose, under the anonymous id only (see above): the identity context erases what identified the person.
      },
    });
  }

  private async export(userId: string, manager: EntityManager): Promise<unknown> {
    const [pseudonym] = await rowsOf<{ anonymous_id: string }>(manager, `SELECT anonymous_id FROM learner_pseudonym WHERE user_id = $1`, [userId]);
    const enrollments = await rowsOf<Record<string, unknown>>(
      manager,
      `SELECT e.id, e.course_id, v.course_slug, v.title, e.version_id, e.enrolled_at, e.withdrawn_at, e.completed_at,
              e.required_lessons, cardinality(e.completed_lesson_ids) AS completed_lessons, e.last_lesson_id, e.last_activity_at
         FROM enrollment e JOIN learning_version v ON v.version_id = e.version_id WHERE e.user_id = $1 ORDER BY e.enrolled_at, e.id`,
      [userId],
    );
    const progress = await rowsOf<Record<string, unknown>>(
      manager,
      `SELECT p.enrollment_id, p.lesson_id, p.started_at, p.completed_at, p.max_position, p.last_position, p.last_position_at
         FROM lesson_progress p JOIN enrollment e ON e.id = p.enrollment_id WHERE e.user_id = $1 ORDER BY p.enrollment_id, p.started_at`,
      [userId],
    );
    const events = await rowsOf<Record<string, unknown>>(
      manager,
      `SELECT x.event_id, x.enrollment_id, x.lesson_id, x.type, x.position, x.occurred_at, x.received_at
         FROM progress_event x JOIN enrollment e ON e.id = x.enrollment_id WHERE e.user_id = $1 ORDER BY x.received_at, x.event_id`,
      [userId],
    );
    const attempts = await rowsOf<Record<string, unknown>>(
      manager,
      `SELECT a.id, a.enrollment_id, a.lesson_id, a.attempt_number, a.answers, a.score, a.pass_mark, a.passed, a.submitted_at
         FROM quiz_attempt a JOIN enrollment e ON e.id = a.enrollment_id WHERE e.user_id = $1 ORDER BY a.submitted_at, a.id`,
      [userId],
    );
    const completions = await rowsOf<Record<string, unknown>>(
      manager,
      `SELECT enrollment_id, course_id, version_id, completed_at FROM course_completion WHERE user_id = $1 ORDER BY completed_at`,
      [userId],
    );
    const statements = await statementsOfUser(manager, userId);
    const dates = (row: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value instanceof Date ? iso(value) : value]));
    return {
      anonymousId: pseudonym?.anonymous_id ?? null,
      enrollments: enrollments.map(dates),
      lessonProgress: progress.map(dates),
      progressEvents: events.map(dates),
      quizAttempts: attempts.map(dates),
      completions: completions.map(dates),
      xapiStatements: statements.map((row) => toStatement(row, { baseUrl: this.config.PUBLIC_BASE_URL })),
    };
  }
}
