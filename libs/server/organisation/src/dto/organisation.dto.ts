import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import {
  type AcceptInvitationRequest,
  type ConsentRequest,
  type CreateAssignmentRequest,
  type CreateOrganisationRequest,
  type ImportCsvRequest,
  NAF_SECTION_CODES,
  type NafSection,
  ORGANISATION_KIND_CODES,
  ORGANISATION_ROLES,
  type OrganisationKind,
  type OrganisationRole,
  REGION_CODES,
  type RegionCode,
  STAFF_BAND_CODES,
  type StaffBand,
} from '@academie/contracts';

const UUID = { message: 'must be a UUID' };

export class CreateOrganisationDto implements CreateOrganisationRequest {
  @ApiProperty({ enum: ORGANISATION_KIND_CODES })
  @IsIn(ORGANISATION_KIND_CODES, { message: `must be one of ${ORGANISATION_KIND_CODES.join(', ')}` })
  kind!: OrganisationKind;

  @ApiProperty({ maxLength: 200 })
  @IsString({ message: 'must be a string' })
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  name!: string;

  @ApiPropertyOptional({ description: '9 digits, Luhn-checked' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  siren?: string;

  @ApiPropertyOptional({ description: '14 digits, Luhn-checked; its first 9 digits are the SIREN' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  siret?: string;

  @ApiPropertyOptional({ enum: STAFF_BAND_CODES })
  @IsOptional()
  @IsIn(STAFF_BAND_CODES, { message: 'must be an INSEE staff band code' })
  staffBand?: StaffBand;

  @ApiPropertyOptional({ enum: REGION_CODES })
  @IsOptional()
  @IsIn(REGION_CODES, { message: 'must be a region code' })
  region?: RegionCode;

  @ApiPropertyOptional({ enum: NAF_SECTION_CODES })
  @IsOptional()
  @IsIn(NAF_SECTION_CODES, { message: 'must be a NAF section' })
  sector?: NafSection;
}

export class OrgParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', UUID)
  orgId!: string;
}

export class MemberParamsDto extends OrgParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', UUID)
  userId!: string;
}

export class InvitationParamsDto extends OrgParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', UUID)
  invitationId!: string;
}

export class ImportParamsDto extends OrgParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', UUID)
  importId!: string;
}

export class CohortParamsDto extends OrgParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', UUID)
  cohortId!: string;
}

export class CohortMemberParamsDto extends CohortParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', UUID)
  userId!: string;
}

export class ChangeRoleDto {
  @ApiProperty({ enum: ORGANISATION_ROLES })
  @IsIn(ORGANISATION_ROLES, { message: `must be one of ${ORGANISATION_ROLES.join(', ')}` })
  role!: OrganisationRole;
}

export class CreateInvitationDto {
  @ApiProperty({ enum: ['email', 'link'] })
  @IsIn(['email', 'link'], { message: 'must be email or link' })
  kind!: 'email' | 'link';

  @ApiPropertyOptional({ type: [String], description: 'kind email: the addresses (at most 1000)' })
  @ValidateIf((o: CreateInvitationDto) => o.kind === 'email')
  @IsArray({ message: 'must be an array of e-mail addresses' })
  @ArrayMinSize(1, { message: 'must hold at least one address' })
  @ArrayMaxSize(1000, { message: 'must hold at most 1000 addresses (import a CSV for more)' })
  @IsString({ each: true, message: 'must hold strings' })
  emails?: string[];

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 100000, description: 'kind link: null for unlimited, 1 for single-use' })
  @IsOptional()
  @IsInt({ message: 'must be an integer' })
  @Min(1, { message: 'must be at least 1' })
  @Max(100000, { message: 'must be at most 100000' })
  maxUses?: number | null;

  @ApiPropertyOptional({ default: 14 })
  @IsOptional()
  @IsInt({ message: 'must be an integer' })
  @Min(1, { message: 'must be at least 1' })
  @Max(90, { message: 'must be at most 90' })
  validForDays?: number;
}

export class ImportCsvDto implements ImportCsvRequest {
  @ApiProperty({ description: 'The text of the CSV file' })
  @IsString({ message: 'must be a string' })
  @MinLength(1, { message: 'must not be empty' })
  csv!: string;
}

export class AcceptInvitationDto implements AcceptInvitationRequest {
  @ApiProperty()
  @IsString({ message: 'must be a string' })
  @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: 'must be the token or code received' })
  token!: string;

  @ApiProperty()
  @IsBoolean({ message: 'must be true or false' })
  shareProgress!: boolean;
}

export class PreviewQueryDto {
  @ApiProperty()
  @IsString({ message: 'must be a string' })
  @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: 'must be the token or code received' })
  token!: string;
}

export class ConsentDto implements ConsentRequest {
  @ApiProperty()
  @IsBoolean({ message: 'must be true or false' })
  shareProgress!: boolean;
}

export class CreateCohortDto {
  @ApiProperty({ maxLength: 120 })
  @IsString({ message: 'must be a string' })
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(120, { message: 'must be at most 120 characters' })
  name!: string;
}

export class CohortMembersDto {
  @ApiProperty({ type: [String] })
  @IsArray({ message: 'must be an array of user ids' })
  @ArrayMinSize(1, { message: 'must hold at least one id' })
  @ArrayMaxSize(10000, { message: 'must hold at most 10000 ids' })
  @IsUUID('all', { each: true, message: 'must hold UUIDs' })
  userIds!: string[];
}

export class CreateAssignmentDto implements CreateAssignmentRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', UUID)
  courseId!: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2030-06-30' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  dueOn?: string | null;
}
