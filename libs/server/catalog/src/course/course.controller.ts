import { Controller, Get, Header, Param, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { CourseVersionDetail, LessonView } from '@academie/contracts';
import { Public } from '@academie/server-identity';
import { SEARCH_CONTENT_TYPE, SearchAnswers } from '../search/search-answers';
import { CourseService } from './course.service';
import { LessonParamsDto, SlugParamsDto, VersionParamsDto } from './dto/course-params.dto';
import { ListCoursesQueryDto } from './dto/list-courses-query.dto';

/** The published catalogue. Nothing here ever carries a correct answer or an explanation. */
@ApiTags('catalogue')
@Controller('courses')
export class CourseController {
  constructor(
    private readonly courses: CourseService,
    private readonly answers: SearchAnswers,
  ) {}

  /**
   * Sends the answer's JSON bytes as the service keeps them (a repeated search is not serialized again), and keeps
   * them for this exact URL: the same URL is then answered before Nest's pipeline (`SearchAnswers`).
   */
  @Get()
  @Public()
  @Header('content-type', SEARCH_CONTENT_TYPE)
  @ApiOkResponse({ description: 'Search: a page of published courses, total and facet counts (CourseSearchResponse).' })
  @ApiBadRequestResponse({ description: 'A query parameter is invalid; `details` names it.' })
  async list(@Query() query: ListCoursesQueryDto, @Req() request: FastifyRequest): Promise<Buffer> {
    const generation = this.answers.generation;
    const bytes = await this.courses.searchJson(query);
    this.answers.keep(request.url, bytes, generation);
    return bytes;
  }

  @Get(':slug')
  @Public()
  @ApiOkResponse({ description: 'The latest published version: syllabus, authors, solutions (CourseVersionDetail).' })
  @ApiNotFoundResponse({ description: 'No published course has this slug.' })
  get(@Param() params: SlugParamsDto): Promise<CourseVersionDetail> {
    return this.courses.bySlug(params.slug);
  }

  @Get(':slug/versions/:versionId')
  @Public()
  @ApiOkResponse({ description: 'A published version, even after a newer one or an archive (CourseVersionDetail).' })
  @ApiNotFoundResponse({ description: 'No published version of this course has this id.' })
  version(@Param() params: VersionParamsDto): Promise<CourseVersionDetail> {
    return this.courses.version(params.slug, params.versionId);
  }

  @Get(':slug/versions/:versionId/lessons/:lessonId')
  @ApiBearerAuth()
  @ApiUnauthorizedResponse({ description: 'Sign in to read lessons.' })
  @ApiOkResponse({ description: 'A lesson for learners (LessonView): quiz options without correct flags nor explanations.' })
  @ApiNotFoundResponse({ description: 'No lesson of this published version has this id.' })
  lesson(@Param() params: LessonParamsDto): Promise<LessonView> {
    return this.courses.lesson(params.slug, params.versionId, params.lessonId);
  }
}
