import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, IsUUID, Matches, ValidateNested } from 'class-validator';
import type { QuizAnswerInput, QuizAttemptRequest } from '@academie/contracts';

const ID = /^[A-Za-z0-9_-]{1,40}$/;

export class QuizAnswerDto implements QuizAnswerInput {
  @ApiProperty({ example: 'q1' })
  @IsString()
  @Matches(ID, { message: 'must be a question id of the quiz' })
  questionId!: string;

  @ApiProperty({ type: [String], example: ['q1-o2'], minItems: 1, maxItems: 8 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(8)
  @IsString({ each: true })
  @Matches(ID, { each: true, message: 'must be option ids of the question' })
  optionIds!: string[];
}

export class QuizAttemptDto implements QuizAttemptRequest {
  @ApiProperty({ type: [QuizAnswerDto], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => QuizAnswerDto)
  answers!: QuizAnswerDto[];
}

export class QuizParamsDto {
  @ApiProperty({ format: 'uuid', description: 'The quiz lesson.' })
  @IsUUID('all', { message: 'must be a UUID' })
  lessonId!: string;
}
