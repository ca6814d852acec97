import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { CourseListResponse } from '@academie/contracts';
import { Public } from '@academie/server-identity';
import { CourseService } from './course.service';
import { ListCoursesQueryDto } from './dto/list-courses-query.dto';

@ApiTags('catalogue')
@Controller('courses')
export class CourseController {
  constructor(private readonly courses: CourseService) {}

  @Get()
  @Public()
  @ApiOkResponse({ description: 'Published courses, newest first, with the cursor of the next page.' })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid; `details` names it.' })
  list(@Query() query: ListCoursesQueryDto): Promise<CourseListResponse> {
    return this.courses.list(query);
  }
}
