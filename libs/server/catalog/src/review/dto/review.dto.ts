import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { RejectRequest } from '@academie/contracts';

export class VersionIdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  versionId!: string;
}

export class RejectDto implements RejectRequest {
  @ApiProperty({ description: 'What the authors must change.', maxLength: 5000 })
  @IsString()
  @MinLength(3)
  @MaxLength(5000)
  comment!: string;
}

export class ReviewQueueQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @Max(100)
  @Min(1)
  @IsInt({ message: 'must be an integer' })
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
