import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AdminUserList, AdminUserSummary } from '@academie/contracts';
import { type AuthenticatedUser, CurrentUser, Roles } from '../session/auth.decorators';
import { AdminUsersService } from './admin-users.service';
import { AdminUserListQueryDto, GrantRoleDto, UserIdParamsDto, UserRoleParamsDto } from './dto/admin.dto';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: AdminUsersService) {}

  @Get()
  @ApiOkResponse({ description: '`AdminUserList`, newest first.' })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid; `details` names it.' })
  list(@Query() query: AdminUserListQueryDto): Promise<AdminUserList> {
    return this.users.list(query);
  }

  @Post(':id/roles')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: '`AdminUserSummary` (idempotent).' })
  @ApiNotFoundResponse()
  grantRole(@CurrentUser() actor: AuthenticatedUser, @Param() params: UserIdParamsDto, @Body() body: GrantRoleDto): Promise<AdminUserSummary> {
    return this.users.grantRole(actor, params.id, body.role);
  }

  @Delete(':id/roles/:role')
  @ApiOkResponse({ description: '`AdminUserSummary` (idempotent).' })
  @ApiBadRequestResponse({ description: '`learner` cannot be withdrawn.' })
  @ApiConflictResponse({ description: 'An administrator cannot withdraw their own `admin` role.' })
  @ApiNotFoundResponse()
  withdrawRole(@CurrentUser() actor: AuthenticatedUser, @Param() params: UserRoleParamsDto): Promise<AdminUserSummary> {
    return this.users.withdrawRole(actor, params.id, params.role);
  }

  @Post(':id/suspend')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: '`AdminUserSummary`; every session of the person ends.' })
  @ApiConflictResponse({ description: 'An administrator cannot suspend themselves.' })
  @ApiNotFoundResponse()
  suspend(@CurrentUser() actor: AuthenticatedUser, @Param() params: UserIdParamsDto): Promise<AdminUserSummary> {
    return this.users.suspend(actor, params.id);
  }

  @Post(':id/reactivate')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: '`AdminUserSummary`' })
  @ApiNotFoundResponse()
  reactivate(@CurrentUser() actor: AuthenticatedUser, @Param() params: UserIdParamsDto): Promise<AdminUserSummary> {
    return this.users.reactivate(actor, params.id);
  }
}
