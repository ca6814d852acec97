import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { SolutionListResponse, SolutionSummary } from '@academie/contracts';
import { type AuthenticatedUser, CurrentUser, Public, Roles } from '@academie/server-identity';
import { actorOf } from '../publishing/audit-trail';
import { ListSolutionsQueryDto, SolutionDto, SolutionIdParamsDto, UpdateSolutionDto } from './dto/solution.dto';
import { SolutionService } from './solution.service';

@ApiTags('solutions')
@Controller('solutions')
export class SolutionController {
  constructor(private readonly solutions: SolutionService) {}

  @Get()
  @Public()
  @ApiOkResponse({ description: 'Turnkey AI solutions by name, filtered by use case and company size (SolutionListResponse).' })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid; `details` names it.' })
  list(@Query() query: ListSolutionsQueryDto): Promise<SolutionListResponse> {
    return this.solutions.list(query);
  }
}

@ApiTags('administration')
@Controller('admin/solutions')
@Roles('admin')
export class AdminSolutionController {
  constructor(private readonly solutions: SolutionService) {}

  @Get()
  list(@Query() query: ListSolutionsQueryDto): Promise<SolutionListResponse> {
    return this.solutions.list(query);
  }

  @Get(':id')
  @ApiNotFoundResponse({ description: 'No solution has this id.' })
  get(@Param() params: SolutionIdParamsDto): Promise<SolutionSummary> {
    return this.solutions.get(params.id);
  }

  @Post()
  @ApiConflictResponse({ description: 'This provider already lists a solution with this name.' })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: SolutionDto): Promise<SolutionSummary> {
    return this.solutions.create(actorOf(user), body);
  }

  @Patch(':id')
  @ApiNotFoundResponse({ description: 'No solution has this id.' })
  update(@CurrentUser() user: AuthenticatedUser, @Param() params: SolutionIdParamsDto, @Body() body: UpdateSolutionDto): Promise<SolutionSummary> {
    return this.solutions.update(actorOf(user), params.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted.' })
  async remove(@CurrentUser() user: AuthenticatedUser, @Param() params: SolutionIdParamsDto): Promise<void> {
    await this.solutions.remove(actorOf(user), params.id);
  }
}
