import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AssignmentResult, AssignmentView, CohortView } from '@academie/contracts';
import { PublishedContentApi } from '@academie/server-catalog';
import { enrollLearner } from '@academie/server-learning';
import { OutboxService } from '@academie/server-outbox';
import { MANAGERS, requireOrgRole } from '../organisation/organisation-access';
import { OrganisationError } from '../organisation.errors';
import { day, iso, rowsOf } from '../sql';

interface AssignmentRow {
  id: string;
  cohort_id: string;
  course_id: string;
  course_title: string;
  due_on: string | Date | null;
  created_at: Date;
}

const assignmentView = (r: AssignmentRow): AssignmentView => ({
  id: r.id,
  courseId: r.course_id,
  courseTitle: r.course_title,
  dueOn: day(r.due_on),
  createdAt: iso(r.created_at) as string,
});

const isUniqueViolation = (e: unknown): boolean => (e as { driverError?: { code?: string }; code?: string })?.driverError?.code === '23505' || (e as { code?: string })?.code === '23505';

/** Groups of members and the courses assigned to them; assigning enrolls every member through the learning context. */
@Injectable()
export class CohortService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly content: PublishedContentApi,
    private readonly outbox: OutboxService,
  ) {}

  async list(orgId: string, userId: string): Promise<CohortView[]> {
    await requireOrgRole(this.dataSource, orgId, userId, MANAGERS);
    const cohorts = await rowsOf<{ id: string; name: string; created_at: Date; member_ids: string[] }>(
      this.dataSource,
      `SELECT c.id, c.name, c.created_at,
              ARRAY(SELECT cm.user_id::text FROM organisation_cohort_member cm WHERE cm.cohort_id = c.id ORDER BY cm.added_at, cm.user_id) AS member_ids
         FROM organisation_cohort c WHERE c.organisation_id = $1 ORDER BY c.created_at, c.id`,
      [orgId],
    );
    const assignments = await rowsOf<AssignmentRow>(
      this.dataSource,
      `SELECT * FROM organisation_assignment WHERE organisation_id = $1 ORDER BY created_at, id`,
      [orgId],
    );
    return cohorts.map((c) => ({
      id: c.id,
      name: c.name,
      memberIds: c.member_ids,
      assignments: assignments.filter((a) => a.cohort_id === c.id).map(assignmentView),
      createdAt: iso(c.created_at) as string,
    }));
  }

  async get(orgId: string, userId: string, cohortId: string): Promise<CohortView> {
    const cohort = (await this.list(orgId, userId)).find((c) => c.id === cohortId);
    if (!cohort) throw OrganisationError.CohortNotFound([{ field: 'cohortId', reason: 'no cohort of this organisation has this id' }]);
    return cohort;
  }

  async create(orgId: string, userId: string, name: string): Promise<CohortView> {
    await requireOrgRole(this.dataSource, orgId, userId, MANAGERS);
    let id: string;
    try {
      [{ id }] = await rowsOf<{ id: string }>(this.dataSource, `INSERT INTO organisation_cohort (organisation_id, name) VALUES ($1, $2) RETURNING id`, [orgId, name.trim()]);
    } catch (e) {
      if (isUniqueViolation(e)) throw OrganisationError.CohortNameTaken([{ field: 'name', reason: 'already used by a cohort of this organisation' }]);
      throw e;
    }
    return this.get(orgId, userId, id);
  }

  /**
   * Adds members to the cohort (idempotent) and enrolls them in the cohort's courses. Ids that are not members of this
   * organisation are refused, all of them named.
   */
  async addMembers(orgId: string, userId: string, cohortId: string, userIds: string[]): Promise<CohortView> {
    await this.dataSource.transaction(async (manager) => {
      await requireOrgRole(manager, orgId, userId, MANAGERS);
      await this.lockCohort(manager, orgId, cohortId);
      const ids = [...new Set(userIds)];
      const known = await rowsOf<{ user_id: string }>(manager, `SELECT user_id FROM organisation_member WHERE organisation_id = $1 AND user_id = ANY($2::uuid[])`, [orgId, ids]);
      const knownSet = new Set(known.map((k) => k.user_id));
      const strangers = ids.filter((id) => !knownSet.has(id));
      if (strangers.length) {
        throw OrganisationError.MemberNotFound(strangers.map((id) => ({ field: 'userIds', reason: `${id} is not a member of this organisation` })));
      }
      await manager.query(
        `INSERT INTO organisation_cohort_member (cohort_id, organisation_id, user_id) SELECT $1, $2, u FROM unnest($3::uuid[]) AS u
         ON CONFLICT ON CONSTRAINT pk_organisation_cohort_member DO NOTHING`,
        [cohortId, orgId, ids],
      );
      const courses = await rowsOf<{ course_id: string }>(manager, `SELECT course_id FROM organisation_assignment WHERE cohort_id = $1`, [cohortId]);
      for (const { course_id } of courses) await this.enrollAll(manager, ids, course_id);
    });
    return this.get(orgId, userId, cohortId);
  }

  async removeMember(orgId: string, userId: string, cohortId: string, memberId: string): Promise<CohortView> {
    await requireOrgRole(this.dataSource, orgId, userId, MANAGERS);
    const rows = await rowsOf<{ user_id: string }>(
      this.dataSource,
      `DELETE FROM organisation_cohort_member WHERE cohort_id = $1 AND organisation_id = $2 AND user_id = $3 RETURNING user_id`,
      [cohortId, orgId, memberId],
    );
    if (!rows[0]) throw OrganisationError.MemberNotFound([{ field: 'userId', reason: 'is not in this cohort' }]);
    return this.get(orgId, userId, cohortId);
  }

  /**
   * Assigns a course to the cohort (once per cohort and course: a repeat updates the due date) and enrolls every member
   * in it through the learning context's `enrollLearner`, which is idempotent (one enrollment per learner and course).
   */
  async assign(orgId: string, userId: string, cohortId: string, courseId: string, dueOn: string | null): Promise<AssignmentResult> {
    return this.dataSource.transaction(async (manager) => {
      await requireOrgRole(manager, orgId, userId, MANAGERS);
      await this.lockCohort(manager, orgId, cohortId);
      const outline = await this.content.latestVersion(courseId, manager);
      if (!outline) throw OrganisationError.CourseNotFound([{ field: 'courseId', reason: 'no published course has this id' }]);
      if (dueOn !== null && Number.isNaN(Date.parse(`${dueOn}T00:00:00Z`))) {
        throw OrganisationError.InvalidOrganisation([{ field: 'dueOn', reason: 'must be a real date' }]);
      }
      const [row] = await rowsOf<AssignmentRow>(
        manager,
        `INSERT INTO organisation_assignment (cohort_id, organisation_id, course_id, course_slug, course_title, due_on)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT ON CONSTRAINT uq_organisation_assignment_course DO UPDATE SET due_on = EXCLUDED.due_on
         RETURNING *`,
        [cohortId, orgId, courseId, outline.courseSlug, outline.title, dueOn],
      );
      const members = await rowsOf<{ user_id: string }>(manager, `SELECT user_id FROM organisation_cohort_member WHERE cohort_id = $1 ORDER BY user_id`, [cohortId]);
      const enrolled = await this.enrollAll(manager, members.map((m) => m.user_id), courseId);
      return { assignment: assignmentView(row), enrolled };
    });
  }

  private async enrollAll(manager: EntityManager, userIds: string[], courseId: string): Promise<number> {
    let created = 0;
    for (const id of userIds) {
      if ((await enrollLearner(manager, this.content, this.outbox, id, courseId)).created) created++;
    }
    return created;
  }

  private async lockCohort(manager: EntityManager, orgId: string, cohortId: string): Promise<void> {
    const rows = await rowsOf<{ id: string }>(manager, `SELECT id FROM organisation_cohort WHERE id = $1 AND organisation_id = $2 FOR UPDATE`, [cohortId, orgId]);
    if (!rows[0]) throw OrganisationError.CohortNotFound([{ field: 'cohortId', reason: 'no cohort of this organisation has this id' }]);
  }
}
