import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { OrganisationProgress } from '@academie/contracts';
import { MANAGERS, requireOrgRole } from '../organisation/organisation-access';
import { iso, rowsOf } from '../sql';
import { type ProgressFact, progressCsv, progressOf } from './progress-rules';

/**
 * The organisation's view of its members' learning. Reads the learning context's `enrollment` rows of the members'
 * assigned courses (one query; documented in docs/organisation-api.md) and applies the consent rules of progress-rules.ts.
 */
@Injectable()
export class OrganisationProgressService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async progress(orgId: string, userId: string): Promise<OrganisationProgress> {
    await requireOrgRole(this.dataSource, orgId, userId, MANAGERS);
    const rows = await rowsOf<{
      cohort_id: string;
      cohort_name: string;
      user_id: string;
      first_name: string | null;
      last_name: string | null;
      course_id: string;
      course_title: string;
      shared: boolean;
      enrolled: boolean;
      percent: number;
      completed_at: Date | null;
    }>(
      this.dataSource,
      `SELECT a.cohort_id, c.name AS cohort_name, cm.user_id, u.first_name, u.last_name, a.course_id, a.course_title,
              m.progress_shared_at IS NOT NULL AS shared,
              (e.id IS NOT NULL AND e.withdrawn_at IS NULL) AS enrolled,
              CASE WHEN e.completed_at IS NOT NULL THEN 100
                   WHEN e.id IS NULL THEN 0
                   ELSE least(100, floor(100.0 * cardinality(e.completed_lesson_ids) / greatest(e.required_lessons, 1)))::int END AS percent,
              e.completed_at
         FROM organisation_assignment a
         JOIN organisation_cohort c ON c.id = a.cohort_id
         JOIN organisation_cohort_member cm ON cm.cohort_id = a.cohort_id
         JOIN organisation_member m ON m.organisation_id = cm.organisation_id AND m.user_id = cm.user_id
         JOIN app_user u ON u.id = cm.user_id
         LEFT JOIN enrollment e ON e.user_id = cm.user_id AND e.course_id = a.course_id
        WHERE a.organisation_id = $1
        ORDER BY c.created_at, c.id, a.created_at, a.id, u.last_name, u.first_name, cm.user_id`,
      [orgId],
    );
    const facts: ProgressFact[] = rows.map((r) => ({
      cohortId: r.cohort_id,
      cohortName: r.cohort_name,
      userId: r.user_id,
      firstName: r.first_name ?? '',
      lastName: r.last_name ?? '',
      courseId: r.course_id,
      courseTitle: r.course_title,
      shared: r.shared,
      enrolled: r.enrolled,
      percent: r.percent,
      completedAt: iso(r.completed_at),
    }));
    const [{ n }] = await rowsOf<{ n: number }>(
      this.dataSource,
      `SELECT count(*)::int AS n FROM organisation_member WHERE organisation_id = $1 AND progress_shared_at IS NULL`,
      [orgId],
    );
    return progressOf(facts, n);
  }

  async csv(orgId: string, userId: string): Promise<string> {
    return progressCsv(await this.progress(orgId, userId));
  }
}
