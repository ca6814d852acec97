import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import {
  AUDIENCE_CODES,
  type Audience,
  COURSE_KINDS,
  COURSE_LEVELS,
  type CourseKind,
  type CourseLevel,
  type CourseSearchQuery,
  NAF_SECTION_CODES,
  type NafSection,
  USE_CASE_CODES,
  type UseCase,
} from '@academie/contracts';

/** `a`, `a,b` or a repeated parameter (`x=a&x=b`) -> `['a', 'b']`. */
export const toList = ({ value }: { value: unknown }): unknown => {
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter((s) => s !== '') : [v]));
};

export class ListCoursesQueryDto implements CourseSearchQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @Max(50)
  @Min(1)
  @IsInt({ message: 'must be an integer' })
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (`nextCursor`), with the same q and filters.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ description: 'French full-text search: accents, plurals and case ignored; synonyms applied.', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: AUDIENCE_CODES, isArray: true, description: 'Repeat the parameter or separate by commas.' })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(AUDIENCE_CODES.length)
  @IsIn(AUDIENCE_CODES, { each: true })
  audience?: Audience[];

  @ApiPropertyOptional({ enum: COURSE_LEVELS, isArray: true })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(COURSE_LEVELS.length)
  @IsIn(COURSE_LEVELS, { each: true })
  level?: CourseLevel[];

  @ApiPropertyOptional({ enum: COURSE_KINDS, isArray: true })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(COURSE_KINDS.length)
  @IsIn(COURSE_KINDS, { each: true })
  kind?: CourseKind[];

  @ApiPropertyOptional({ enum: NAF_SECTION_CODES, isArray: true, description: 'NAF sections (A to U).' })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(NAF_SECTION_CODES.length)
  @IsIn(NAF_SECTION_CODES, { each: true })
  sector?: NafSection[];

  @ApiPropertyOptional({ enum: USE_CASE_CODES, isArray: true })
  @IsOptional()
  @Transform(toList)
  @ArrayMaxSize(USE_CASE_CODES.length)
  @IsIn(USE_CASE_CODES, { each: true })
  useCase?: UseCase[];

  @ApiPropertyOptional({ minimum: 1, description: 'Minimum duration in minutes (inclusive).' })
  @IsOptional()
  @Type(() => Number)
  @Max(100_000)
  @Min(1)
  @IsInt({ message: 'must be an integer' })
  durationMin?: number;

  @ApiPropertyOptional({ minimum: 1, description: 'Maximum duration in minutes (inclusive).' })
  @IsOptional()
  @Type(() => Number)
  @Max(100_000)
  @Min(1)
  @IsInt({ message: 'must be an integer' })
  durationMax?: number;
}
