import type { DataSource } from 'typeorm';
import { insertDraftVersion, insertVersionContent, publishVersion } from '@academie/server-catalog';
import { SEED_CONTENT, SEED_SOLUTIONS } from './catalog-content.seed-data';
import { SEED_COURSES } from './catalog.seed-data';

const DEMO_TRAINER_EMAIL = 'formateur@demo.academie-ia.fr';

export interface CatalogSeedReport {
  courses: { inserted: number; existing: number };
  solutions: { inserted: number; existing: number };
}

/**
 * The demo catalogue, idempotent: each course (keyed by slug) gets a published version with its modules and
 * lessons unless its current version already has lessons; solutions are keyed by provider and name. The
 * demo trainer, when that account exists, is made an author of every demo course.
 */
export async function seedCatalog(dataSource: DataSource, progress: (line: string) => void = () => {}): Promise<CatalogSeedReport> {
  const [trainer] = (await dataSource.query(
    `SELECT id, concat_ws(' ', first_name, last_name) AS name FROM app_user WHERE email = $1`,
    [DEMO_TRAINER_EMAIL],
  )) as { id: string; name: string }[];
  let inserted = 0;
  for (const [index, course] of SEED_COURSES.entries()) {
    const content = SEED_CONTENT[course.slug] ?? [];
    const created = await dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO course (slug, kind, title, summary, level, duration_minutes, audiences, sectors, use_cases, counts_toward_goal, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'draft')
         ON CONFLICT ON CONSTRAINT uq_course_slug DO NOTHING`,
        [course.slug, course.kind, course.title, course.summary, course.level, course.durationMinutes, course.audiences, course.sectors,
          course.useCases, course.countsTowardGoal],
      );
      const [row] = await manager.query(
        `SELECT c.id,
                EXISTS (SELECT 1 FROM course_lesson l WHERE l.version_id = c.current_version_id) AS has_content,
                EXISTS (SELECT 1 FROM course_version v WHERE v.course_id = c.id AND v.status <> 'published') AS has_open
           FROM course c WHERE c.slug = $1 FOR UPDATE`,
        [course.slug],
      );
      if (trainer) {
        await manager.query(
          `INSERT INTO course_author (course_id, user_id, display_name) VALUES ($1, $2, $3)
           ON CONFLICT ON CONSTRAINT pk_course_author DO NOTHING`,
          [row.id, trainer.id, trainer.name],
        );
      }
      if (row.has_content || row.has_open) return false;
      const version = await insertDraftVersion(manager, row.id, course, null);
      await insertVersionContent(manager, version.id, { modules: content });
      await publishVersion(manager, version.id, null, new Date(Date.now() - course.publishedDaysAgo * 86_400_000));
      return true;
    });
    if (created) inserted++;
    progress(`  [${index + 1}/${SEED_COURSES.length}] ${course.slug}${created ? '' : ' (déjà présent)'}`);
  }
  let solutions = 0;
  for (const s of SEED_SOLUTIONS) {
    const rows: unknown[] = await dataSource.query(
      `INSERT INTO solution (name, provider, description, use_cases, sectors, company_sizes, price_range, url, private_offer)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT ON CONSTRAINT uq_solution_provider_name DO NOTHING RETURNING id`,
      [s.name, s.provider, s.description, s.useCases, s.sectors, s.companySizes, s.priceRange, s.url, s.privateOffer],
    );
    solutions += rows.length;
  }
  progress(`  Solutions clés en main : ${solutions} ajoutée(s), ${SEED_SOLUTIONS.length - solutions} déjà présente(s).`);
  return {
    courses: { inserted, existing: SEED_COURSES.length - inserted },
    solutions: { inserted: solutions, existing: SEED_SOLUTIONS.length - solutions },
  };
}
