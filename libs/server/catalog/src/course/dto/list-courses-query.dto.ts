import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { CourseListQuery } from '@academie/contracts';

export class ListCoursesQueryDto implements CourseListQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @Max(50)
  @Min(1)
  @IsInt({ message: 'must be an integer' })
  limit?: number;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (`nextCursor`).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
