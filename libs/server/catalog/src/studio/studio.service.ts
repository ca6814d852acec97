import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  CourseMetadataInput,
  CreateCourseRequest,
  LessonInput,
  ModuleInput,
  ReorderRequest,
  ReviewDecision,
  StudioCourse,
  StudioCourseSummary,
  UpdateDraftRequest,
  VersionRef,
  VersionStatus,
} from '@academie/contracts';
import { CatalogError, violatedConstraint } from '../catalog.errors';
import { LessonContentError, buildLessonContent } from '../content/lesson-content';
import { renderMarkdown } from '../content/markdown';
import { AuditTrail, type Actor } from '../publishing/audit-trail';
import { loadAuthorVersion } from '../publishing/author-version';
import { insertDraftVersion } from '../publishing/publish-version';
import { CatalogCache, announceCatalogChange } from '../search/catalog-cache';

const EDITABLE: VersionStatus[] = ['draft', 'rejected'];

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());
const toRef = (r: { id: string; number: number; status: VersionStatus; published_at: Date | null }): VersionRef => ({
  id: r.id,
  number: r.number,
  status: r.status,
  publishedAt: iso(r.published_at),
});

function lessonContent(input: LessonInput) {
  try {
    return buildLessonContent(input);
  } catch (error) {
    if (error instanceof LessonContentError) throw CatalogError.InvalidLesson(error.details);
    throw error;
  }
}

/**
 * The authors' side: create a course, write its open version (metadata, modules, lessons, order),
 * submit it, open the next version from the latest published one, archive. Only the course's authors
 * (`course_author`) reach a course; every transition is audited in its transaction.
 */
@Injectable()
export class StudioService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly cache: CatalogCache,
  ) {}

  /** The courses the person authors, most recently changed first. */
  async mine(actor: Actor): Promise<StudioCourseSummary[]> {
    const rows: {
      id: string;
      slug: string;
      title: string;
      status: StudioCourseSummary['status'];
      draft: (VersionRef & { published_at: null }) | null;
      latest: { id: string; number: number; status: VersionStatus; published_at: string } | null;
    }[] = await this.dataSource.query(
      `SELECT c.id, c.slug, coalesce(d.title, c.title) AS title, c.status,
              CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object('id', d.id, 'number', d.number, 'status', d.status) END AS draft,
              CASE WHEN p.id IS NULL THEN NULL
                   ELSE json_build_object('id', p.id, 'number', p.number, 'status', p.status, 'published_at', p.published_at) END AS latest
         FROM course_author a
         JOIN course c ON c.id = a.course_id
         LEFT JOIN course_version d ON d.course_id = c.id AND d.status <> 'published'
         LEFT JOIN course_version p ON p.id = c.current_version_id
        WHERE a.user_id = $1
        ORDER BY greatest(c.updated_at, d.updated_at) DESC, c.id`,
      [actor.userId],
    );
    return rows.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      status: r.status,
      draft: r.draft ? { id: r.draft.id, number: r.draft.number, status: r.draft.status, publishedAt: null } : null,
      latestPublished: r.latest
        ? { id: r.latest.id, number: r.latest.number, status: r.latest.status, publishedAt: new Date(r.latest.published_at).toISOString() }
        : null,
    }));
  }

  async create(actor: Actor, input: CreateCourseRequest): Promise<StudioCourse> {
    try {
      const courseId = await this.dataSource.transaction(async (manager) => {
        const [course] = await manager.query(
          `INSERT INTO course (slug, kind, title, summary, level, duration_minutes, audiences, sectors, use_cases, language,
                               counts_toward_goal, status, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'draft', $12) RETURNING id`,
          [input.slug, input.kind, input.title, input.summary, input.level, input.durationMinutes, input.audiences, input.sectors,
            input.useCases, input.language ?? 'fr', input.countsTowardGoal ?? true, actor.userId],
        );
        await manager.query(`INSERT INTO course_author (course_id, user_id, display_name) VALUES ($1, $2, $3)`, [
          course.id,
          actor.userId,
          input.authorName.trim(),
        ]);
        const version = await insertDraftVersion(manager, course.id, input, actor.userId);
        await this.audit.record(manager, actor, 'course.created', 'course', course.id, { slug: input.slug, versionId: version.id });
        return course.id as string;
      });
      return await this.get(actor, courseId);
    } catch (error) {
      if (violatedConstraint(error) === 'uq_course_slug') {
        throw CatalogError.SlugTaken([{ field: 'slug', reason: 'is already taken by another course' }]);
      }
      throw error;
    }
  }

  async get(actor: Actor, courseId: string): Promise<StudioCourse> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await this.assertAuthor(manager, actor, courseId);
      return this.load(manager, courseId);
    });
  }

  /**
   * The open version of the course, opened from the latest published one if there is none (modules and
   * lessons copied with new ids, each remembering its origin). Idempotent: uq_course_version_open.
   */
  async openDraft(actor: Actor, courseId: string): Promise<StudioCourse> {
    try {
      await this.dataSource.transaction(async (manager) => {
        await this.assertAuthor(manager, actor, courseId, true);
        const open = await manager.query(`SELECT id FROM course_version WHERE course_id = $1 AND status <> 'published'`, [courseId]);
        if (open[0]) return;
        const [source] = await manager.query(`SELECT current_version_id AS id FROM course WHERE id = $1`, [courseId]);
        const [draft] = await manager.query(
          `INSERT INTO course_version (course_id, number, kind, title, summary, level, duration_minutes, audiences, sectors, use_cases,
                                       language, counts_toward_goal, created_by)
           SELECT v.course_id, (SELECT max(number) + 1 FROM course_version WHERE course_id = v.course_id), v.kind, v.title, v.summary,
                  v.level, v.duration_minutes, v.audiences, v.sectors, v.use_cases, v.language, v.counts_toward_goal, $2
             FROM course_version v WHERE v.id = $1
           RETURNING id, number`,
          [source.id, actor.userId],
        );
        // Copy the modules, then the lessons onto the copied modules, in two statements.
        await manager.query(
          `WITH copied AS (
             INSERT INTO course_module (version_id, position, title)
             SELECT $2, m.position, m.title FROM course_module m WHERE m.version_id = $1
             RETURNING id, position
           )
           INSERT INTO course_lesson (version_id, module_id, position, kind, title, duration_minutes, required, content, search_text,
                                      origin_lesson_id)
           SELECT $2, copied.id, l.position, l.kind, l.title, l.duration_minutes, l.required, l.content, l.search_text, l.id
             FROM course_lesson l
             JOIN course_module m ON m.id = l.module_id
             JOIN copied ON copied.position = m.position
            WHERE l.version_id = $1`,
          [source.id, draft.id],
        );
        await this.audit.record(manager, actor, 'course.draft_opened', 'course', courseId, {
          versionId: draft.id,
          number: draft.number,
          fromVersionId: source.id,
        });
      });
    } catch (error) {
      if (violatedConstraint(error) !== 'uq_course_version_open') throw error; // opened concurrently: same answer
    }
    return this.get(actor, courseId);
  }

  async updateDraft(actor: Actor, courseId: string, patch: UpdateDraftRequest): Promise<StudioCourse> {
    return this.editDraft(actor, courseId, async (manager, draftId) => {
      const columns: Record<keyof CourseMetadataInput, string> = {
        kind: 'kind',
        title: 'title',
        summary: 'summary',
        level: 'level',
        durationMinutes: 'duration_minutes',
        audiences: 'audiences',
        sectors: 'sectors',
        useCases: 'use_cases',
        language: 'language',
        countsTowardGoal: 'counts_toward_goal',
      };
      const sets: string[] = [];
      const params: unknown[] = [draftId];
      for (const [key, column] of Object.entries(columns) as [keyof CourseMetadataInput, string][]) {
        if (patch[key] === undefined) continue;
        params.push(patch[key]);
        sets.push(`${column} = $${params.length}`);
      }
      if (sets.length) await manager.query(`UPDATE course_version SET ${sets.join(', ')} WHERE id = $1`, params);
    });
  }

  async addModule(actor: Actor, courseId: string, input: ModuleInput): Promise<StudioCourse> {
    return this.editDraft(actor, courseId, async (manager, draftId) => {
      await manager.query(
        `INSERT INTO course_module (version_id, position, title)
         SELECT $1, coalesce(max(position) + 1, 0), $2 FROM course_module WHERE version_id = $1`,
        [draftId, input.title],
      );
    });
  }

  async updateModule(actor: Actor, courseId: string, moduleId: string, input: ModuleInput): Promise<StudioCourse> {
    return this.editDraft(actor, courseId, async (manager, draftId) => {
      const rows = await manager.query(`UPDATE course_module SET title = $3 WHERE id = $1 AND version_id = $2 RETURNING id`, [
        moduleId,
        draftId,
        input.title,
      ]);
      if (!rows[1]) throw CatalogError.ModuleNotFound([{ field: 'moduleId', reason: 'no module of the draft has this id' }]);
    });
  }

  async deleteModule(actor: Actor, courseId: string, moduleId: string): Promise<StudioCourse> {
    return this.editDraft(actor, courseId, async (manager, draftId) => {
      const [deleted] = await manager.query(`DELETE FROM course_module WHERE id = $1 AND version_id = $2 RETURNING position`, [
        moduleId,
        draftId,
      ]);
      if (!deleted[0]) throw CatalogError.ModuleNotFound([{ field: 'moduleId', reason: 'no module of the draft has this id' }]);
      await manager.query(`UPDATE course_module SET position = position - 1 WHERE version_id = $1 AND position > $2`, [
        draftId,
        deleted[0].position,
      ]);
    });
  }

  async addLesson(actor: Actor, courseId: string, moduleId: string, input: LessonInput): Promise<StudioCourse> {
    const built = lessonContent(input);
    return this.editDraft(actor, courseId, async (manager, draftId) => {
      const rows = await manager.query(
        `INSERT INTO course_lesson (version_id, module_id, position, kind, title, duration_minutes, required, content, search_text)
         SELECT m.version_id, m.id, (SELECT coalesce(max(position) + 1, 0) FROM course_lesson WHERE module_id = m.id),
                $3, $4, $5, $6, $7, $8
           FROM course_module m WHERE m.id = $1 AND m.version_id = $2
         RETURNING id`,
        [moduleId, draftId, input.kind, input.title, input.durationMinutes, input.required ?? true, built.content, built.searchText],
      );
      if (!rows[0]) throw CatalogError.ModuleNotFound([{ field: 'moduleId', reason: 'no module of the draft has this id' }]);
    });
  }

  async replaceLesson(actor: Actor, courseId: string, lessonId: string, input: LessonInput): Promise<StudioCourse> {
    const built = lessonContent(input);
    return this.editDraft(actor, courseId, async (manager, draftId) => {
      const rows = await manager.query(
        `UPDATE course_lesson SET kind = $3, title = $4, duration_minutes = $5, required = $6, content = $7, search_text = $8
          WHERE id = $1 AND version_id = $2 RETURNING id`,
        [lessonId, draftId, input.kind, input.title, input.durationMinutes, input.required ?? true, built.content, built.searchText],
      );
      if (!rows[1]) throw CatalogError.LessonNotFound([{ field: 'lessonId', reason: 'no lesson of the draft has this id' }]);
    });
  }

  async deleteLesson(actor: Actor, courseId: string, lessonId: string): Promise<StudioCourse> {
    return this.editDraft(actor, courseId, async (manager, draftId) => {
      const [deleted] = await manager.query(
        `DELETE FROM course_lesson WHERE id = $1 AND version_id = $2 RETURNING module_id, position`,
        [lessonId, draftId],
      );
      if (!deleted[0]) throw CatalogError.LessonNotFound([{ field: 'lessonId', reason: 'no lesson of the draft has this id' }]);
      await manager.query(`UPDATE course_lesson SET position = position - 1 WHERE module_id = $1 AND position > $2`, [
        deleted[0].module_id,
        deleted[0].position,
      ]);
    });
  }

  /** Sets the order of every module and lesson at once; a lesson may move to another module. */
  async reorder(actor: Actor, courseId: string, order: ReorderRequest): Promise<StudioCourse> {
    return this.editDraft(actor, courseId, async (manager, draftId) => {
      const modules: { id: string }[] = await manager.query(`SELECT id FROM course_module WHERE version_id = $1`, [draftId]);
      const lessons: { id: string }[] = await manager.query(`SELECT id FROM course_lesson WHERE version_id = $1`, [draftId]);
      const givenModules = order.modules.map((m) => m.id);
      const givenLessons = order.modules.flatMap((m) => m.lessonIds);
      const same = (a: string[], b: string[]) => a.length === b.length && new Set(a).size === a.length && a.every((x) => b.includes(x));
      if (!same(givenModules, modules.map((m) => m.id))) {
        throw CatalogError.InvalidOrder([{ field: 'modules', reason: 'must list every module of the draft exactly once' }]);
      }
      if (!same(givenLessons, lessons.map((l) => l.id))) {
        throw CatalogError.InvalidOrder([{ field: 'modules.lessonIds', reason: 'must list every lesson of the draft exactly once' }]);
      }
      await manager.query(
        `UPDATE course_module m SET position = x.position
           FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, position int) WHERE m.id = x.id AND m.version_id = $1`,
        [draftId, JSON.stringify(order.modules.map((m, position) => ({ id: m.id, position })))],
      );
      await manager.query(
        `UPDATE course_lesson l SET module_id = x.module_id, position = x.position
           FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, module_id uuid, position int) WHERE l.id = x.id AND l.version_id = $1`,
        [draftId, JSON.stringify(order.modules.flatMap((m) => m.lessonIds.map((id, position) => ({ id, module_id: m.id, position }))))],
      );
    });
  }

  /** Sends the open version to review once complete: modules with lessons, one module for a tutorial, an audience. */
  async submit(actor: Actor, courseId: string): Promise<StudioCourse> {
    return this.editDraft(
      actor,
      courseId,
      async (manager, draftId) => {
        const version = (await loadAuthorVersion(manager, draftId))!;
        const problems: { field: string; reason: string }[] = [];
        if (version.modules.length === 0) problems.push({ field: 'modules', reason: 'must have at least one module' });
        if (version.kind === 'tutorial' && version.modules.length > 1) {
          problems.push({ field: 'modules', reason: 'a tutorial has exactly one module' });
        }
        version.modules.forEach((m, i) => {
          if (m.lessons.length === 0) problems.push({ field: `modules.${i}.lessons`, reason: 'must have at least one lesson' });
        });
        if (version.summary.trim() === '') problems.push({ field: 'summary', reason: 'must not be empty' });
        if (version.audiences.length === 0) problems.push({ field: 'audiences', reason: 'must name at least one audience' });
        if (problems.length) throw CatalogError.IncompleteVersion(problems);
        await manager.query(`UPDATE course_version SET status = 'submitted', submitted_at = now(), submitted_by = $2 WHERE id = $1`, [
          draftId,
          actor.userId,
        ]);
        await this.audit.record(manager, actor, 'course.submitted', 'course', courseId, { versionId: draftId, number: version.number });
      },
      false,
    );
  }

  /** Withdraws the course from the catalogue; its published versions stay readable by id for those who started them. */
  async archive(actor: Actor, courseId: string): Promise<StudioCourse> {
    await this.dataSource.transaction(async (manager) => {
      await this.assertAuthor(manager, actor, courseId, true);
      const rows = await manager.query(
        `UPDATE course SET status = 'archived', archived_at = now(), updated_at = now() WHERE id = $1 AND status <> 'archived' RETURNING id`,
        [courseId],
      );
      if (!rows[1]) throw CatalogError.AlreadyArchived([{ field: 'courseId', reason: 'is already archived' }]);
      await announceCatalogChange(manager);
      await this.audit.record(manager, actor, 'course.archived', 'course', courseId);
    });
    this.cache.invalidate();
    return this.get(actor, courseId);
  }

  preview(markdown: string): { html: string } {
    return { html: renderMarkdown(markdown) };
  }

  // ---------------------------------------------------------------------------------------------------------

  /** 404 when the course does not exist, 403 when the person is not one of its authors; locks the course row if asked. */
  private async assertAuthor(manager: EntityManager, actor: Actor, courseId: string, lock = false): Promise<void> {
    const [row] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM course_author a WHERE a.course_id = c.id AND a.user_id = $2) AS author
         FROM course c WHERE c.id = $1 ${lock ? 'FOR UPDATE OF c' : ''}`,
      [courseId, actor.userId],
    );
    if (!row) throw CatalogError.CourseNotFound([{ field: 'courseId', reason: 'no course has this id' }]);
    if (!row.author) throw CatalogError.NotAuthor([{ field: 'courseId', reason: 'you are not an author of this course' }]);
  }

  /** Runs a change on the open version, locked, when its authors may still change it; touches it; returns the course. */
  private async editDraft(
    actor: Actor,
    courseId: string,
    change: (manager: EntityManager, draftId: string) => Promise<void>,
    touch = true,
  ): Promise<StudioCourse> {
    await this.dataSource.transaction(async (manager) => {
      await this.assertAuthor(manager, actor, courseId);
      const [draft] = await manager.query(
        `SELECT id, status FROM course_version WHERE course_id = $1 AND status <> 'published' FOR UPDATE`,
        [courseId],
      );
      if (!draft) throw CatalogError.NoDraft([{ field: 'courseId', reason: 'has no open version: POST .../draft first' }]);
      if (!EDITABLE.includes(draft.status)) {
        throw CatalogError.DraftLocked([{ field: 'courseId', reason: `the open version is ${draft.status}` }]);
      }
      await change(manager, draft.id);
      if (touch) await manager.query(`UPDATE course_version SET updated_at = now() WHERE id = $1`, [draft.id]);
    });
    return this.get(actor, courseId);
  }

  private async load(manager: EntityManager, courseId: string): Promise<StudioCourse> {
    const [course] = await manager.query(
      `SELECT c.id, c.slug, c.status,
              coalesce((SELECT json_agg(json_build_object('userId', a.user_id, 'name', a.display_name) ORDER BY a.added_at, a.user_id)
                          FROM course_author a WHERE a.course_id = c.id), '[]'::json) AS authors,
              coalesce((SELECT json_agg(json_build_object('id', v.id, 'number', v.number, 'status', v.status,
                                                          'published_at', v.published_at) ORDER BY v.number)
                          FROM course_version v WHERE v.course_id = c.id), '[]'::json) AS versions,
              coalesce((SELECT json_agg(json_build_object('id', r.id, 'versionId', r.version_id, 'versionNumber', v.number,
                                                          'decision', r.decision, 'comment', r.comment, 'decidedAt', r.decided_at)
                                        ORDER BY r.decided_at, r.id)
                          FROM course_review r JOIN course_version v ON v.id = r.version_id WHERE v.course_id = c.id), '[]'::json) AS reviews
         FROM course c WHERE c.id = $1`,
      [courseId],
    );
    const versions = (course.versions as { id: string; number: number; status: VersionStatus; published_at: string | null }[]).map((v) =>
      toRef({ ...v, published_at: v.published_at === null ? null : new Date(v.published_at) }),
    );
    const open = versions.find((v) => v.status !== 'published');
    return {
      id: course.id,
      slug: course.slug,
      status: course.status,
      authors: course.authors,
      draft: open ? await loadAuthorVersion(manager, open.id) : null,
      versions,
      reviews: (course.reviews as ReviewDecision[]).map((r) => ({ ...r, decidedAt: new Date(r.decidedAt).toISOString() })),
    };
  }
}
