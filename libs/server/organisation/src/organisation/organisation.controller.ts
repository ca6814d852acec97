import { Body, Controller, Delete, Get, Header, Headers, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type {
  AssignmentResult,
  CohortView,
  CreateInvitationsResponse,
  ImportJobView,
  InvitationPreview,
  InvitationView,
  MyOrganisation,
  OrganisationMemberView,
  OrganisationProgress,
  OrganisationView,
  XapiStatement,
  XapiStatementResult,
} from '@academie/contracts';
import { type AuthenticatedUser, CurrentUser } from '@academie/server-identity';
import { StatementsQueryDto, checkXapiVersion } from '@academie/server-learning';
import { CohortService } from '../cohort/cohort.service';
import {
  AcceptInvitationDto,
  ChangeRoleDto,
  CohortMemberParamsDto,
  CohortMembersDto,
  CohortParamsDto,
  ConsentDto,
  CreateAssignmentDto,
  CreateCohortDto,
  CreateInvitationDto,
  CreateOrganisationDto,
  ImportCsvDto,
  ImportParamsDto,
  InvitationParamsDto,
  MemberParamsDto,
  OrgParamsDto,
  PreviewQueryDto,
} from '../dto/organisation.dto';
import { InvitationService } from '../invitation/invitation.service';
import { MemberService } from '../member/member.service';
import { OrganisationProgressService } from '../progress/progress.service';
import { OrganisationXapiService } from '../xapi/organisation-xapi.service';
import { OrganisationService } from './organisation.service';

/** The person's side: create an organisation, see one's memberships, accept an invitation, consent, leave. */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller()
export class MyOrganisationController {
  constructor(
    private readonly organisations: OrganisationService,
    private readonly members: MemberService,
    private readonly invitations: InvitationService,
  ) {}

  @Post('organisations')
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateOrganisationDto): Promise<OrganisationView> {
    return this.organisations.create(user.id, body);
  }

  @Get('me/organisations')
  mine(@CurrentUser() user: AuthenticatedUser): Promise<MyOrganisation[]> {
    return this.organisations.mine(user.id);
  }

  @Put('me/organisations/:orgId/consent')
  consent(@CurrentUser() user: AuthenticatedUser, @Param() params: OrgParamsDto, @Body() body: ConsentDto): Promise<MyOrganisation> {
    return this.members.setConsent(params.orgId, user.id, body.shareProgress);
  }

  @Delete('me/organisations/:orgId')
  @HttpCode(204)
  leave(@CurrentUser() user: AuthenticatedUser, @Param() params: OrgParamsDto): Promise<void> {
    return this.members.leave(params.orgId, user.id);
  }

  @Get('invitations/preview')
  preview(@Query() query: PreviewQueryDto): Promise<InvitationPreview> {
    return this.invitations.preview(query.token);
  }

  @Post('invitations/accept')
  @HttpCode(200)
  accept(@CurrentUser() user: AuthenticatedUser, @Body() body: AcceptInvitationDto): Promise<MyOrganisation> {
    return this.invitations.accept(user.id, body.token, body.shareProgress);
  }
}

/** The organisation's side: every route checks the caller's role in `:orgId` (404 for non-members). */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations/:orgId')
export class OrganisationController {
  constructor(
    private readonly organisations: OrganisationService,
    private readonly members: MemberService,
    private readonly invitations: InvitationService,
    private readonly cohorts: CohortService,
    private readonly progress: OrganisationProgressService,
    private readonly xapi: OrganisationXapiService,
  ) {}

  @Get()
  get(@CurrentUser() user: AuthenticatedUser, @Param() params: OrgParamsDto): Promise<OrganisationView> {
    return this.organisations.get(params.orgId, user.id);
  }

  @Get('members')
  members_(@CurrentUser() user: AuthenticatedUser, @Param() params: OrgParamsDto): Promise<OrganisationMemberView[]> {
    return this.members.list(params.orgId, user.id);
  }

  @Patch('members/:userId')
  changeRole(@CurrentUser() user: AuthenticatedUser, @Param() params: MemberParamsDto, @Body() body: ChangeRoleDto): Promise<OrganisationMemberView> {
    return this.members.changeRole(params.orgId, user.id, params.userId, body.role);
  }

  @Delete('members/:userId')
  @HttpCode(204)
  removeMember(@CurrentUser() user: AuthenticatedUser, @Param() params: MemberParamsDto): Promise<void> {
    return this.members.remove(params.orgId, user.id, params.userId);
  }

  @Get('invitations')
  listInvitations(@CurrentUser() user: AuthenticatedUser, @Param() params: OrgParamsDto): Promise<InvitationView[]> {
    return this.invitations.list(params.orgId, user.id);
  }

  @Post('invitations')
  invite(@CurrentUser() user: AuthenticatedUser, @Param() params: OrgParamsDto, @Body() body: CreateInvitationDto): Promise<CreateInvitationsResponse> {
    return this.invitations.create(params.orgId, user.id, body);
  }

  @Delete('invitations/:invitationId')
  revoke(@CurrentUser() user: AuthenticatedUser, @Param() params: InvitationParamsDto): Promise<InvitationView> {
    return this.invitations.revoke(params.orgId, user.id, params.invitationId);
  }

  @Post('imports')
  importCsv(@CurrentUser() user: AuthenticatedUser, @Param() params: OrgParamsDto, @Body() body: ImportCsvDto): Promise<ImportJobView> {
    return this.invitations.importCsv(params.orgId, user.id, body.csv);
  }

  @Get('imports/:importId')
  getImport(@CurrentUser() user: AuthenticatedUser, @Param() params: ImportParamsDto): Promise<ImportJobView> {
    return this.invitations.getImport(params.orgId, user.id, params.importId);
  }

  @Get('cohorts')
  listCohorts(@CurrentUser() user: AuthenticatedUser, @Param() params: OrgParamsDto): Promise<CohortView[]> {
    return this.cohorts.list(params.orgId, user.id);
  }

  @Post('cohorts')
  createCohort(@CurrentUser() user: AuthenticatedUser, @Param() params: OrgParamsDto, @Body() body: CreateCohortDto): Promise<CohortView> {
    return this.cohorts.create(params.orgId, user.id, body.name);
  }

  @Post('cohorts/:cohortId/members')
  @HttpCode(200)
  addCohortMembers(@CurrentUser() user: AuthenticatedUser, @Param() params: CohortParamsDto, @Body() body: CohortMembersDto): Promise<CohortView> {
    return this.cohorts.addMembers(params.orgId, user.id, params.cohortId, body.userIds);
  }

  @Delete('cohorts/:cohortId/members/:userId')
  removeCohortMember(@CurrentUser() user: AuthenticatedUser, @Param() params: CohortMemberParamsDto): Promise<CohortView> {
    return this.cohorts.removeMember(params.orgId, user.id, params.cohortId, params.userId);
  }

  @Post('cohorts/:cohortId/assignments')
  assign(@CurrentUser() user: AuthenticatedUser, @Param() params: CohortParamsDto, @Body() body: CreateAssignmentDto): Promise<AssignmentResult> {
    return this.cohorts.assign(params.orgId, user.id, params.cohortId, body.courseId, body.dueOn ?? null);
  }

  @Get('progress')
  progressOf(@CurrentUser() user: AuthenticatedUser, @Param() params: OrgParamsDto): Promise<OrganisationProgress> {
    return this.progress.progress(params.orgId, user.id);
  }

  @Get('progress.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="progression.csv"')
  progressCsv(@CurrentUser() user: AuthenticatedUser, @Param() params: OrgParamsDto): Promise<string> {
    return this.progress.csv(params.orgId, user.id);
  }

  /** xAPI 2.0 statements of consenting members on the organisation's assigned courses; org_admin only. */
  @Get('xapi/statements')
  @ApiHeader({ name: 'X-Experience-API-Version', required: false, description: '2.0.0 (any 2.0.x) when given.' })
  @ApiOkResponse({ description: 'A StatementResult (statements and `more`, a cursor URL of this route), or one Statement with statementId.' })
  async xapiStatements(
    @CurrentUser() user: AuthenticatedUser,
    @Param() params: OrgParamsDto,
    @Query() query: StatementsQueryDto,
    @Headers('x-experience-api-version') version: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<XapiStatement | XapiStatementResult> {
    checkXapiVersion(version);
    const { body, consistentThrough } = await this.xapi.statements(params.orgId, user.id, query);
    reply.header('X-Experience-API-Consistent-Through', consistentThrough.toISOString());
    return body;
  }
}
