import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, ValidateBy } from 'class-validator';
import {
  LEARNER_STATUSES,
  type LearnerStatus,
  NAF_SECTION_CODES,
  type NafSection,
  type ProfileUpdate,
  REGION_CODES,
  type RegionCode,
  STAFF_BAND_CODES,
  type StaffBand,
  isValidSiren,
} from '@academie/contracts';

const oneOf = (values: readonly string[]) => ({ message: `must be one of: ${values.join(', ')}` });

const IsSiren = () =>
  ValidateBy({
    name: 'isSiren',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isValidSiren(value),
      defaultMessage: () => 'must be a SIREN: 9 digits with a valid Luhn checksum',
    },
  });

/** Each field is optional; `null` clears it. Every value must come from the reference lists of the contracts. */
export class ProfileUpdateDto implements ProfileUpdate {
  @ApiPropertyOptional({ enum: LEARNER_STATUSES, nullable: true })
  @IsOptional()
  @IsIn(LEARNER_STATUSES, oneOf(LEARNER_STATUSES))
  status?: LearnerStatus | null;

  @ApiPropertyOptional({ enum: STAFF_BAND_CODES, nullable: true, description: 'INSEE staff band of the employer.' })
  @IsOptional()
  @IsIn(STAFF_BAND_CODES, oneOf(STAFF_BAND_CODES))
  staffBand?: StaffBand | null;

  @ApiPropertyOptional({ enum: REGION_CODES, nullable: true, description: 'INSEE region code.' })
  @IsOptional()
  @IsIn(REGION_CODES, oneOf(REGION_CODES))
  region?: RegionCode | null;

  @ApiPropertyOptional({ enum: NAF_SECTION_CODES, nullable: true, description: 'NAF section of the employer.' })
  @IsOptional()
  @IsIn(NAF_SECTION_CODES, oneOf(NAF_SECTION_CODES))
  sector?: NafSection | null;

  @ApiPropertyOptional({ type: String, example: '552100554', nullable: true, description: '9 digits, Luhn-checked.' })
  @IsOptional()
  @IsSiren()
  @IsString({ message: 'must be a string of 9 digits' })
  siren?: string | null;
}
