import { Body, Controller, Delete, Get, Param, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { EnrollmentDetail, EnrollmentListResponse, EnrollmentView } from '@academie/contracts';
import { type AuthenticatedUser, CurrentUser } from '@academie/server-identity';
import { CreateEnrollmentDto, EnrollmentParamsDto } from './dto/create-enrollment.dto';
import { EnrollmentService } from './enrollment.service';

interface StatusReply {
  status(code: number): unknown;
}

@ApiTags('learning')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token.' })
@Controller()
export class EnrollmentController {
  constructor(private readonly enrollments: EnrollmentService) {}

  @Post('enrollments')
  @ApiCreatedResponse({ description: 'Enrolled in the latest published version (EnrollmentView); 200 with the same enrollment when already enrolled.' })
  @ApiBadRequestResponse({ description: '`courseId` is not a UUID.' })
  @ApiNotFoundResponse({ description: 'No published course has this id.' })
  async enroll(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: CreateEnrollmentDto,
    @Res({ passthrough: true }) reply: StatusReply,
  ): Promise<EnrollmentView> {
    const { enrollment, created } = await this.enrollments.enroll(user.id, body.courseId);
    reply.status(created ? 201 : 200);
    return enrollment;
  }

  @Get('me/enrollments')
  @ApiOkResponse({ description: 'The learner’s enrollments with percent done, last lesson and status (EnrollmentListResponse).' })
  async list(@CurrentUser() user: AuthenticatedUser): Promise<EnrollmentListResponse> {
    return { items: await this.enrollments.list(user.id) };
  }

  @Get('enrollments/:id')
  @ApiOkResponse({ description: 'The enrollment, where to resume, and each lesson’s progress (EnrollmentDetail).' })
  @ApiNotFoundResponse({ description: 'The learner has no enrollment with this id.' })
  detail(@CurrentUser() user: AuthenticatedUser, @Param() params: EnrollmentParamsDto): Promise<EnrollmentDetail> {
    return this.enrollments.detail(user.id, params.id);
  }

  @Delete('enrollments/:id')
  @ApiOkResponse({ description: 'Withdrawn (EnrollmentView, status withdrawn): progress kept, enrolling again resumes.' })
  @ApiNotFoundResponse({ description: 'The learner has no enrollment with this id.' })
  withdraw(@CurrentUser() user: AuthenticatedUser, @Param() params: EnrollmentParamsDto): Promise<EnrollmentView> {
    return this.enrollments.withdraw(user.id, params.id);
  }
}
