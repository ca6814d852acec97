import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { MarkdownPreviewResponse, StudioCourse, StudioCourseSummary } from '@academie/contracts';
import { type AuthenticatedUser, CurrentUser, Roles } from '@academie/server-identity';
import { actorOf } from '../publishing/audit-trail';
import { CreateCourseDto, UpdateDraftDto } from './dto/course-metadata.dto';
import { LessonDto, ModuleDto } from './dto/lesson.dto';
import { CourseIdParamsDto, LessonIdParamsDto, MarkdownPreviewDto, ModuleIdParamsDto, ReorderDto } from './dto/studio-params.dto';
import { StudioService } from './studio.service';

/** The authors' studio (role trainer; a course answers only its authors: 403 otherwise). Writes answer the whole StudioCourse. */
@ApiTags('studio')
@Controller('studio')
@Roles('trainer')
export class StudioController {
  constructor(private readonly studio: StudioService) {}

  @Get('courses')
  @ApiOkResponse({ description: 'The courses you author (StudioCourseSummary[]).' })
  mine(@CurrentUser() user: AuthenticatedUser): Promise<StudioCourseSummary[]> {
    return this.studio.mine(actorOf(user));
  }

  @Post('courses')
  @ApiCreatedResponse({ description: 'Created with version 1 as a draft; you are its author (StudioCourse).' })
  @ApiConflictResponse({ description: 'The slug is taken.' })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateCourseDto): Promise<StudioCourse> {
    return this.studio.create(actorOf(user), body);
  }

  @Get('courses/:courseId')
  @ApiNotFoundResponse({ description: 'No course has this id.' })
  get(@CurrentUser() user: AuthenticatedUser, @Param() params: CourseIdParamsDto): Promise<StudioCourse> {
    return this.studio.get(actorOf(user), params.courseId);
  }

  @Post('courses/:courseId/draft')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The open version, opened from the latest published one if none (idempotent).' })
  openDraft(@CurrentUser() user: AuthenticatedUser, @Param() params: CourseIdParamsDto): Promise<StudioCourse> {
    return this.studio.openDraft(actorOf(user), params.courseId);
  }

  @Patch('courses/:courseId/draft')
  @ApiConflictResponse({ description: 'No open version, or it is in review.' })
  updateDraft(@CurrentUser() user: AuthenticatedUser, @Param() params: CourseIdParamsDto, @Body() body: UpdateDraftDto): Promise<StudioCourse> {
    return this.studio.updateDraft(actorOf(user), params.courseId, body);
  }

  @Post('courses/:courseId/draft/modules')
  @ApiCreatedResponse({ description: 'Module appended.' })
  addModule(@CurrentUser() user: AuthenticatedUser, @Param() params: CourseIdParamsDto, @Body() body: ModuleDto): Promise<StudioCourse> {
    return this.studio.addModule(actorOf(user), params.courseId, body);
  }

  @Patch('courses/:courseId/draft/modules/:moduleId')
  updateModule(@CurrentUser() user: AuthenticatedUser, @Param() params: ModuleIdParamsDto, @Body() body: ModuleDto): Promise<StudioCourse> {
    return this.studio.updateModule(actorOf(user), params.courseId, params.moduleId, body);
  }

  @Delete('courses/:courseId/draft/modules/:moduleId')
  @ApiOkResponse({ description: 'Module and its lessons removed from the draft.' })
  deleteModule(@CurrentUser() user: AuthenticatedUser, @Param() params: ModuleIdParamsDto): Promise<StudioCourse> {
    return this.studio.deleteModule(actorOf(user), params.courseId, params.moduleId);
  }

  @Post('courses/:courseId/draft/modules/:moduleId/lessons')
  @ApiCreatedResponse({ description: 'Lesson appended to the module.' })
  addLesson(@CurrentUser() user: AuthenticatedUser, @Param() params: ModuleIdParamsDto, @Body() body: LessonDto): Promise<StudioCourse> {
    return this.studio.addLesson(actorOf(user), params.courseId, params.moduleId, body);
  }

  @Put('courses/:courseId/draft/lessons/:lessonId')
  replaceLesson(@CurrentUser() user: AuthenticatedUser, @Param() params: LessonIdParamsDto, @Body() body: LessonDto): Promise<StudioCourse> {
    return this.studio.replaceLesson(actorOf(user), params.courseId, params.lessonId, body);
  }

  @Delete('courses/:courseId/draft/lessons/:lessonId')
  deleteLesson(@CurrentUser() user: AuthenticatedUser, @Param() params: LessonIdParamsDto): Promise<StudioCourse> {
    return this.studio.deleteLesson(actorOf(user), params.courseId, params.lessonId);
  }

  @Put('courses/:courseId/draft/order')
  reorder(@CurrentUser() user: AuthenticatedUser, @Param() params: CourseIdParamsDto, @Body() body: ReorderDto): Promise<StudioCourse> {
    return this.studio.reorder(actorOf(user), params.courseId, body);
  }

  @Post('courses/:courseId/draft/submit')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Submitted for review.' })
  submit(@CurrentUser() user: AuthenticatedUser, @Param() params: CourseIdParamsDto): Promise<StudioCourse> {
    return this.studio.submit(actorOf(user), params.courseId);
  }

  @Post('courses/:courseId/archive')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Withdrawn from the catalogue; published versions stay readable by id.' })
  archive(@CurrentUser() user: AuthenticatedUser, @Param() params: CourseIdParamsDto): Promise<StudioCourse> {
    return this.studio.archive(actorOf(user), params.courseId);
  }

  @Post('markdown/preview')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The sanitized HTML learners would see.' })
  preview(@Body() body: MarkdownPreviewDto): MarkdownPreviewResponse {
    return this.studio.preview(body.markdown);
  }
}
