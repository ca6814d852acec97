import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import {
  AUDIENCE_CODES,
  type Audience,
  type KpiBreakdownQuery,
  type KpiDimension,
  type KpiTimeseriesQuery,
  KPI_DIMENSIONS,
  NAF_SECTION_CODES,
  type NafSection,
  REGION_CODES,
  type RegionCode,
  STAFF_BAND_CODES,
  type StaffBand,
} from '@academie/contracts';

const MONTH = /^(19|20)\d\d-(0[1-9]|1[0-2])$/;
const MONTH_MESSAGE = { message: 'must be a month as YYYY-MM' };

/** The month range of every KPI read (also the exports). */
export class KpiRangeQueryDto {
  @ApiPropertyOptional({ type: String, pattern: MONTH.source, example: '2026-01', description: 'First month (YYYY-MM).' })
  @IsOptional()
  @Matches(MONTH, MONTH_MESSAGE)
  from?: string;

  @ApiPropertyOptional({ type: String, pattern: MONTH.source, example: '2026-12', description: 'Last month (YYYY-MM).' })
  @IsOptional()
  @Matches(MONTH, MONTH_MESSAGE)
  to?: string;
}

/** The filters: at most two (checked by the service, which names the extra one). */
export class KpiFiltersQueryDto extends KpiRangeQueryDto {
  @ApiPropertyOptional({ enum: AUDIENCE_CODES })
  @IsOptional()
  @IsIn(AUDIENCE_CODES, { message: `must be one of ${AUDIENCE_CODES.join(', ')}` })
  audience?: Audience;

  @ApiPropertyOptional({ enum: REGION_CODES, description: 'INSEE region code.' })
  @IsOptional()
  @IsIn(REGION_CODES, { message: 'must be an INSEE region code (11, 84, ...)' })
  region?: RegionCode;

  @ApiPropertyOptional({ enum: NAF_SECTION_CODES, description: 'NAF rev. 2 section.' })
  @IsOptional()
  @IsIn(NAF_SECTION_CODES, { message: 'must be a NAF rev. 2 section (A to U)' })
  sector?: NafSection;

  @ApiPropertyOptional({ enum: STAFF_BAND_CODES, description: 'INSEE staff band.' })
  @IsOptional()
  @IsIn(STAFF_BAND_CODES, { message: 'must be an INSEE staff band (NN, 00, 01, ... 53)' })
  companySize?: StaffBand;

  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'A course id.' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a course id (UUID)' })
  course?: string;
}

export class KpiBreakdownQueryDto extends KpiFiltersQueryDto implements KpiBreakdownQuery {
  @ApiProperty({ enum: KPI_DIMENSIONS })
  @IsIn(KPI_DIMENSIONS, { message: `must be one of ${KPI_DIMENSIONS.join(', ')}` })
  by!: KpiDimension;
}

export class KpiTimeseriesQueryDto extends KpiFiltersQueryDto implements KpiTimeseriesQuery {
  @ApiPropertyOptional({ enum: ['month'] })
  @IsOptional()
  @IsIn(['month'], { message: 'must be month' })
  interval?: 'month';
}
