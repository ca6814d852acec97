import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  AUDIENCE_CODES,
  type Audience,
  COURSE_KINDS,
  COURSE_LEVELS,
  type CourseKind,
  type CourseLevel,
  type CourseMetadataInput,
  type CreateCourseRequest,
  NAF_SECTION_CODES,
  type NafSection,
  USE_CASE_CODES,
  type UpdateDraftRequest,
  type UseCase,
} from '@academie/contracts';
import { SLUG_PATTERN } from '../../course/dto/course-params.dto';

export class CourseMetadataDto implements CourseMetadataInput {
  @ApiProperty({ enum: COURSE_KINDS, description: 'A tutorial is short and has exactly one module.' })
  @IsIn(COURSE_KINDS)
  kind!: CourseKind;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(3)
  @MaxLength(200)
  title!: string;

  @ApiProperty({ maxLength: 2000, description: 'May be empty while writing; required to submit.' })
  @IsString()
  @MaxLength(2000)
  summary!: string;

  @ApiProperty({ enum: COURSE_LEVELS })
  @IsIn(COURSE_LEVELS)
  level!: CourseLevel;

  @ApiProperty({ minimum: 1, maximum: 6000, description: 'Estimated duration in minutes.' })
  @IsInt({ message: 'must be an integer' })
  @Min(1)
  @Max(6000)
  durationMinutes!: number;

  @ApiProperty({ enum: AUDIENCE_CODES, isArray: true })
  @IsArray()
  @ArrayMaxSize(AUDIENCE_CODES.length)
  @IsIn(AUDIENCE_CODES, { each: true })
  audiences!: Audience[];

  @ApiProperty({ enum: NAF_SECTION_CODES, isArray: true, description: 'Empty: every sector.' })
  @IsArray()
  @ArrayMaxSize(NAF_SECTION_CODES.length)
  @IsIn(NAF_SECTION_CODES, { each: true })
  sectors!: NafSection[];

  @ApiProperty({ enum: USE_CASE_CODES, isArray: true })
  @IsArray()
  @ArrayMaxSize(USE_CASE_CODES.length)
  @IsIn(USE_CASE_CODES, { each: true })
  useCases!: UseCase[];

  @ApiPropertyOptional({ default: 'fr', example: 'fr' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}(-[A-Z]{2})?$/, { message: 'must be a language tag such as fr or fr-FR' })
  language?: string;

  @ApiPropertyOptional({ default: true, description: 'Whether completing it counts toward the national goal.' })
  @IsOptional()
  @IsBoolean()
  countsTowardGoal?: boolean;
}

export class CreateCourseDto extends CourseMetadataDto implements CreateCourseRequest {
  @ApiProperty({ example: 'ia-generative-pme', maxLength: 120 })
  @Matches(SLUG_PATTERN, { message: 'must be lower-case letters, digits and hyphens' })
  @MaxLength(120)
  slug!: string;

  @ApiProperty({ example: 'Nicolas Petit', maxLength: 200, description: 'How the creator is credited on the course page.' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  authorName!: string;
}

export class UpdateDraftDto extends PartialType(CourseMetadataDto) implements UpdateDraftRequest {}
