import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export const XAPI_MAX_LIMIT = 500;
export const XAPI_DEFAULT_LIMIT = 100;

/** Query of `GET /api/xapi/statements`: the filters of the xAPI 2.0 statements resource, and `cursor` (from `more`). */
export class StatementsQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One statement by id: no other parameter but format and attachments.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  statementId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'No statement is ever voided here: always 404.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  voidedStatementId?: string;

  @ApiPropertyOptional({ description: 'JSON of an Agent: `{"objectType":"Agent","account":{"homePage":"<PUBLIC_BASE_URL>","name":"<anonymous id>"}}`.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  agent?: string;

  @ApiPropertyOptional({ description: 'Verb IRI (initialized, progressed, completed, passed, failed of http://adlnet.gov/expapi/verbs/).' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  verb?: string;

  @ApiPropertyOptional({ description: 'Activity IRI: `<PUBLIC_BASE_URL>/cours/<slug>` or `<PUBLIC_BASE_URL>/cours/<slug>/lecons/<lessonId>`.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  activity?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The enrollment.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  registration?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'With a course activity, also the statements of its lessons.' })
  @IsOptional()
  @IsIn(['true', 'false'])
  related_activities?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'Accepted; the actor is the only agent of these statements.' })
  @IsOptional()
  @IsIn(['true', 'false'])
  related_agents?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'Only statements stored after this instant (ISO 8601).' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  since?: string;

  @ApiPropertyOptional({ description: 'Only statements stored at or before this instant (ISO 8601).' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time' })
  until?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: XAPI_MAX_LIMIT, default: XAPI_DEFAULT_LIMIT, description: '0: the server maximum.' })
  @IsOptional()
  @Type(() => Number)
  @Max(XAPI_MAX_LIMIT)
  @Min(0)
  @IsInt({ message: 'must be an integer' })
  limit?: number;

  @ApiPropertyOptional({ enum: ['exact', 'ids', 'canonical'], default: 'exact' })
  @IsOptional()
  @IsIn(['exact', 'ids', 'canonical'])
  format?: 'exact' | 'ids' | 'canonical';

  @ApiPropertyOptional({ enum: ['false'], description: 'No statement has attachments.' })
  @IsOptional()
  @IsIn(['false'], { message: 'must be false: no statement has attachments' })
  attachments?: 'false';

  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'Oldest stored first.' })
  @IsOptional()
  @IsIn(['true', 'false'])
  ascending?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'Opaque: the rest of a result, as given by `more` (with no other filter).' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  cursor?: string;
}
