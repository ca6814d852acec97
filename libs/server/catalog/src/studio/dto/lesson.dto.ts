import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  LESSON_KINDS,
  type LessonInput,
  type LessonKind,
  type ModuleInput,
  QUESTION_KINDS,
  type QuestionKind,
  type QuizLessonInput,
  type QuizOptionInput,
  type QuizQuestionInput,
  type TextLessonInput,
  type VideoLessonInput,
} from '@academie/contracts';

const ID = /^[A-Za-z0-9_-]{1,40}$/;

export class ModuleDto implements ModuleInput {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;
}

export class TextLessonDto implements TextLessonInput {
  @ApiProperty({ description: 'Markdown (raw HTML is shown as text; only http, https and mailto links are kept).', maxLength: 50_000 })
  @IsString()
  @MaxLength(50_000)
  markdown!: string;
}

export class VideoLessonDto implements VideoLessonInput {
  @ApiProperty({ example: 'https://videos.academie-ia.example/ia-generative/introduction.mp4' })
  @IsUrl({ protocols: ['https'], require_protocol: true, require_tld: true }, { message: 'must be an https URL' })
  @MaxLength(500)
  url!: string;

  @ApiPropertyOptional({ description: 'WebVTT captions, starting with WEBVTT.', nullable: true, maxLength: 200_000 })
  @IsOptional()
  @IsString()
  @MaxLength(200_000)
  captionsVtt?: string | null;

  @ApiPropertyOptional({ description: 'Full transcript. Captions or a transcript is required.', nullable: true, maxLength: 200_000 })
  @IsOptional()
  @IsString()
  @MaxLength(200_000)
  transcript?: string | null;

  @ApiPropertyOptional({ description: 'Length in seconds; the video counts as watched past VIDEO_COMPLETION_RATIO of it.', nullable: true, minimum: 1, maximum: 86_400 })
  @IsOptional()
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(86_400)
  durationSeconds?: number | null;
}

export class QuizOptionDto implements QuizOptionInput {
  @ApiPropertyOptional({ description: 'Kept when given, generated otherwise.' })
  @IsOptional()
  @Matches(ID, { message: 'must be 1 to 40 letters, digits, - or _' })
  id?: string;

  @ApiProperty({ maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  text!: string;

  @ApiProperty()
  @IsBoolean()
  correct!: boolean;

  @ApiProperty({ description: 'Why this option is right or wrong; revealed to the learner only by grading.', maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  explanation!: string;
}

export class QuizQuestionDto implements QuizQuestionInput {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(ID, { message: 'must be 1 to 40 letters, digits, - or _' })
  id?: string;

  @ApiProperty({ enum: QUESTION_KINDS })
  @IsIn(QUESTION_KINDS)
  kind!: QuestionKind;

  @ApiProperty({ maxLength: 1000 })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  prompt!: string;

  @ApiProperty({ type: [QuizOptionDto] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(8)
  @ValidateNested({ each: true })
  @Type(() => QuizOptionDto)
  options!: QuizOptionDto[];
}

export class QuizLessonDto implements QuizLessonInput {
  @ApiPropertyOptional({ minimum: 0, maximum: 100, default: 70, description: 'Percentage needed to pass.' })
  @IsOptional()
  @IsInt({ message: 'must be an integer' })
  @Min(0)
  @Max(100)
  passMark?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, nullable: true, description: 'Attempts allowed per learner; null or absent for no limit.' })
  @IsOptional()
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(100)
  maxAttempts?: number | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 604_800, default: 0, description: 'Seconds between two attempts of a learner.' })
  @IsOptional()
  @IsInt({ message: 'must be an integer' })
  @Min(0)
  @Max(604_800)
  cooldownSeconds?: number;

  @ApiProperty({ type: [QuizQuestionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => QuizQuestionDto)
  questions!: QuizQuestionDto[];
}

export class LessonDto implements LessonInput {
  @ApiProperty({ enum: LESSON_KINDS })
  @IsIn(LESSON_KINDS)
  kind!: LessonKind;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiProperty({ minimum: 1, maximum: 600 })
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(600)
  durationMinutes!: number;

  @ApiPropertyOptional({ default: true, description: 'Whether completing the course requires this lesson.' })
  @IsOptional()
  @IsBoolean()
  required?: boolean;

  @ApiPropertyOptional({ type: TextLessonDto, description: 'Required when kind is text.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TextLessonDto)
  text?: TextLessonDto;

  @ApiPropertyOptional({ type: VideoLessonDto, description: 'Required when kind is video.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => VideoLessonDto)
  video?: VideoLessonDto;

  @ApiPropertyOptional({ type: QuizLessonDto, description: 'Required when kind is quiz.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuizLessonDto)
  quiz?: QuizLessonDto;
}
