import { Body, Controller, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { QuizAttemptResponse } from '@academie/contracts';
import { type AuthenticatedUser, CurrentUser } from '@academie/server-identity';
import { QuizAttemptDto, QuizParamsDto } from './dto/quiz-attempt.dto';
import { QuizService } from './quiz.service';

@ApiTags('learning')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token.' })
@Controller('quizzes')
export class QuizController {
  constructor(private readonly quizzes: QuizService) {}

  @Post(':lessonId/attempts')
  @ApiCreatedResponse({ description: 'Graded on the server: score, pass or fail, each question right or wrong with the explanation of the options chosen (QuizAttemptResponse).' })
  @ApiBadRequestResponse({ description: 'Answers that do not fit the quiz, named by `details`.' })
  @ApiForbiddenResponse({ description: 'Not a lesson of a course the learner is enrolled in.' })
  @ApiNotFoundResponse({ description: 'The lesson is not a quiz.' })
  @ApiConflictResponse({ description: 'No attempt left.' })
  @ApiTooManyRequestsResponse({ description: 'Cool-down after the last attempt: `Retry-After` gives the seconds to wait.' })
  attempt(@CurrentUser() user: AuthenticatedUser, @Param() params: QuizParamsDto, @Body() body: QuizAttemptDto): Promise<QuizAttemptResponse> {
    return this.quizzes.attempt(user.id, params.lessonId, body);
  }
}
