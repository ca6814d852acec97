import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { ProgressBatchRequest, ProgressBatchResponse } from '@academie/contracts';
import { type AuthenticatedUser, CurrentUser } from '@academie/server-identity';
import { ProgressBatchDto } from './dto/progress-batch.dto';
import { ProgressBatchPipe } from './progress-batch.validation';
import { ProgressService } from './progress.service';

@ApiTags('learning')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token.' })
@Controller('progress')
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  @Post('events')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Each event accepted or duplicate (sent before), and the progress of each enrollment touched (ProgressBatchResponse).' })
  @ApiBadRequestResponse({ description: 'A malformed event, named by `details` (`events.3.lessonId`): nothing stored.' })
  @ApiForbiddenResponse({ description: 'A lesson outside the versions the learner is enrolled in: nothing stored.' })
  @ApiBody({ type: ProgressBatchDto })
  record(@CurrentUser() user: AuthenticatedUser, @Body(ProgressBatchPipe) body: ProgressBatchRequest): Promise<ProgressBatchResponse> {
    return this.progress.record(user.id, body);
  }
}
