import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { type AdminCourseQuery, COURSE_STATUSES, type CourseStatus } from '@academie/contracts';

export class AdminCourseQueryDto implements AdminCourseQuery {
  @ApiPropertyOptional({ description: 'Part of a title or of a slug.', maxLength: 100 })
  @IsOptional()
  @MaxLength(100)
  @IsString()
  q?: string;

  @ApiPropertyOptional({ enum: COURSE_STATUSES })
  @IsOptional()
  @IsIn(COURSE_STATUSES, { message: `must be one of: ${COURSE_STATUSES.join(', ')}` })
  status?: CourseStatus;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (`nextCursor`).' })
  @IsOptional()
  @MaxLength(400)
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @Max(100)
  @Min(1)
  @IsInt({ message: 'must be an integer' })
  limit?: number;
}
