import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { XapiStatement, XapiStatementResult } from '@academie/contracts';
import { type StatementScope, type StatementsQueryDto, XapiService } from '@academie/server-learning';
import { ADMINS, requireOrgRole } from '../organisation/organisation-access';

/**
 * The statements an organisation's admins may take to their own LRS: those of members who share their individual
 * progress with this organisation (checked at each request: a withdrawn consent hides everything at once), on the
 * courses the organisation assigned to them (through their cohorts) — what its dashboard shows person by person.
 */
export const organisationScope =
  (orgId: string): StatementScope =>
  (param) =>
    `EXISTS (SELECT 1 FROM organisation_member om
               JOIN organisation_cohort_member ocm ON ocm.organisation_id = om.organisation_id AND ocm.user_id = om.user_id
               JOIN organisation_assignment oa ON oa.cohort_id = ocm.cohort_id AND oa.course_id = e.course_id
              WHERE om.organisation_id = ${param(orgId)}::uuid AND om.user_id = e.user_id AND om.progress_shared_at IS NOT NULL)`;

@Injectable()
export class OrganisationXapiService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly xapi: XapiService,
  ) {}

  async statements(orgId: string, userId: string, query: StatementsQueryDto): Promise<{ body: XapiStatement | XapiStatementResult; consistentThrough: Date }> {
    await requireOrgRole(this.dataSource, orgId, userId, ADMINS);
    return this.xapi.statements(query, { path: `/api/organisations/${orgId}/xapi/statements`, scope: organisationScope(orgId) });
  }
}
