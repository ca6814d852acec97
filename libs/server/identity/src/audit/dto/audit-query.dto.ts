import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsISO8601, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { AuditLogQuery } from '@academie/contracts';

export class AuditQueryDto implements AuditLogQuery {
  @ApiPropertyOptional({ example: 'role.granted' })
  @IsOptional()
  @MaxLength(100)
  @Matches(/^[a-z_]+(\.[a-z_]+)*$/, { message: 'must be an action name such as role.granted' })
  @IsString()
  action?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  actorId?: string;

  @ApiPropertyOptional({ example: 'user', description: 'Kind of target: user, course, certificate, job, solution…' })
  @IsOptional()
  @MaxLength(50)
  @Matches(/^[a-z_]+$/, { message: 'must be a target type such as user' })
  @IsString()
  targetType?: string;

  @ApiPropertyOptional({ description: 'Id of the target (a user id for user actions).' })
  @IsOptional()
  @MaxLength(100)
  @IsString()
  targetId?: string;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'Entries at or after this instant (ISO 8601).' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date such as 2026-11-01' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'Entries strictly before this instant (ISO 8601).' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date such as 2026-12-01' })
  to?: string;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (`nextCursor`).' })
  @IsOptional()
  @MaxLength(30)
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @Max(100)
  @Min(1)
  @IsInt({ message: 'must be an integer' })
  limit?: number;
}
