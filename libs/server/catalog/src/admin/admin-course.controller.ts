import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AdminCourseList, AdminCourseSummary } from '@academie/contracts';
import { type AuthenticatedUser, CurrentUser, Roles } from '@academie/server-identity';
import { actorOf } from '../publishing/audit-trail';
import { CourseIdParamsDto } from '../studio/dto/studio-params.dto';
import { AdminCourseService } from './admin-course.service';
import { AdminCourseQueryDto } from './dto/admin-course.dto';

/** Every course for administrators, whoever authors it, and archiving one. */
@ApiTags('administration')
@Controller('admin/courses')
@Roles('admin')
export class AdminCourseController {
  constructor(private readonly courses: AdminCourseService) {}

  @Get()
  @ApiOkResponse({ description: '`AdminCourseList`, by title.' })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid; `details` names it.' })
  list(@Query() query: AdminCourseQueryDto): Promise<AdminCourseList> {
    return this.courses.list(query);
  }

  @Post(':courseId/archive')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: '`AdminCourseSummary`, archived: out of the catalogue; audited (`course.archived`).' })
  @ApiNotFoundResponse({ description: 'No course has this id.' })
  @ApiConflictResponse({ description: 'Already archived.' })
  archive(@CurrentUser() user: AuthenticatedUser, @Param() params: CourseIdParamsDto): Promise<AdminCourseSummary> {
    return this.courses.archive(actorOf(user), params.courseId);
  }
}
