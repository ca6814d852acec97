import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PersonalDataRegistry } from '@academie/server-identity';

/**
 * What the catalogue holds about a person: the courses they author and the name they are credited
 * under, the versions they submitted, the review decisions they made. On erasure the name goes; the
 * courses, their versions and the decisions stay (learners keep them), tied to an erased account.
 */
@Injectable()
export class CatalogPersonalData implements OnModuleInit {
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register({
      context: 'catalog',
      describe:
        'Les cours dont vous êtes auteur ou autrice et le nom sous lequel vous y êtes crédité, les versions que vous avez soumises et les décisions de relecture que vous avez prises. À l’effacement, votre nom est retiré ; les contenus restent.',
      export: async (userId, manager) => {
        const authored = await manager.query(
          `SELECT c.id, c.slug, c.title, a.display_name, a.added_at FROM course_author a JOIN course c ON c.id = a.course_id
            WHERE a.user_id = $1 ORDER BY a.added_at, c.id`,
          [userId],
        );
        const submitted = await manager.query(
          `SELECT v.course_id, v.id, v.number, v.status, v.submitted_at FROM course_version v WHERE v.submitted_by = $1
            ORDER BY v.submitted_at, v.id`,
          [userId],
        );
        const reviews = await manager.query(
          `SELECT r.version_id, r.decision, r.comment, r.decided_at FROM course_review r WHERE r.reviewer_id = $1 ORDER BY r.decided_at, r.id`,
          [userId],
        );
        return {
          authoredCourses: authored.map((r: { id: string; slug: string; title: string; display_name: string | null; added_at: Date }) => ({
            courseId: r.id,
            slug: r.slug,
            title: r.title,
            creditedAs: r.display_name,
            since: r.added_at.toISOString(),
          })),
          submittedVersions: submitted.map((r: { course_id: string; id: string; number: number; status: string; submitted_at: Date | null }) => ({
            courseId: r.course_id,
            versionId: r.id,
            number: r.number,
            status: r.status,
            submittedAt: r.submitted_at?.toISOString() ?? null,
          })),
          reviewDecisions: reviews.map((r: { version_id: string; decision: string; comment: string | null; decided_at: Date }) => ({
            versionId: r.version_id,
            decision: r.decision,
            comment: r.comment,
            decidedAt: r.decided_at.toISOString(),
          })),
        };
      },
      erase: async (userId, manager) => {
        await manager.query(`UPDATE course_author SET display_name = NULL WHERE user_id = $1`, [userId]);
      },
    });
  }
}
