import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthorVersion, ReviewQueueResponse } from '@academie/contracts';
import { type AuthenticatedUser, CurrentUser, Roles } from '@academie/server-identity';
import { actorOf } from '../publishing/audit-trail';
import { RejectDto, ReviewQueueQueryDto, VersionIdParamsDto } from './dto/review.dto';
import { ReviewService } from './review.service';

/** Review of submitted versions (role reviewer); never of a course the reviewer authors (403). */
@ApiTags('review')
@Controller('review')
@Roles('reviewer')
export class ReviewController {
  constructor(private readonly review: ReviewService) {}

  @Get('submissions')
  @ApiOkResponse({ description: 'Submitted versions, oldest first, except your own courses (ReviewQueueResponse).' })
  queue(@CurrentUser() user: AuthenticatedUser, @Query() query: ReviewQueueQueryDto): Promise<ReviewQueueResponse> {
    return this.review.queue(actorOf(user), query);
  }

  @Get('versions/:versionId')
  @ApiOkResponse({ description: 'The whole version, answers and explanations included (AuthorVersion).' })
  version(@CurrentUser() user: AuthenticatedUser, @Param() params: VersionIdParamsDto): Promise<AuthorVersion> {
    return this.review.version(actorOf(user), params.versionId);
  }

  @Post('versions/:versionId/approve')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Published: immutable from now on, shown by the catalogue.' })
  @ApiForbiddenResponse({ description: 'You author this course.' })
  @ApiConflictResponse({ description: 'The version is not submitted.' })
  approve(@CurrentUser() user: AuthenticatedUser, @Param() params: VersionIdParamsDto): Promise<AuthorVersion> {
    return this.review.approve(actorOf(user), params.versionId);
  }

  @Post('versions/:versionId/reject')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Sent back to its authors with the comment.' })
  @ApiForbiddenResponse({ description: 'You author this course.' })
  @ApiConflictResponse({ description: 'The version is not submitted.' })
  reject(@CurrentUser() user: AuthenticatedUser, @Param() params: VersionIdParamsDto, @Body() body: RejectDto): Promise<AuthorVersion> {
    return this.review.reject(actorOf(user), params.versionId, body.comment);
  }
}
