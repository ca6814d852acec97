import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class NotificationIdParamsDto {
  @ApiProperty({ example: '42' })
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'must be a notification id' })
  id!: string;
}

export class NotificationListQueryDto {
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (`nextCursor`).' })
  @IsOptional()
  @MaxLength(30)
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @Max(50)
  @Min(1)
  @IsInt({ message: 'must be an integer' })
  limit?: number;
}
