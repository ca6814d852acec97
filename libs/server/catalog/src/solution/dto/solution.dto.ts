import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  COMPANY_SIZES,
  type CompanySize,
  NAF_SECTION_CODES,
  type NafSection,
  PRICE_RANGE_CODES,
  type PriceRange,
  type SolutionInput,
  type SolutionListQuery,
  USE_CASE_CODES,
  type UseCase,
} from '@academie/contracts';

export class SolutionDto implements SolutionInput {
  @ApiProperty({ maxLength: 120 })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @ApiProperty({ maxLength: 120 })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  provider!: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  description!: string;

  @ApiProperty({ enum: USE_CASE_CODES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(USE_CASE_CODES.length)
  @IsIn(USE_CASE_CODES, { each: true })
  useCases!: UseCase[];

  @ApiProperty({ enum: NAF_SECTION_CODES, isArray: true, description: 'Empty: every sector.' })
  @IsArray()
  @ArrayMaxSize(NAF_SECTION_CODES.length)
  @IsIn(NAF_SECTION_CODES, { each: true })
  sectors!: NafSection[];

  @ApiProperty({ enum: COMPANY_SIZES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(COMPANY_SIZES.length)
  @IsIn(COMPANY_SIZES, { each: true })
  companySizes!: CompanySize[];

  @ApiProperty({ enum: PRICE_RANGE_CODES })
  @IsIn(PRICE_RANGE_CODES)
  priceRange!: PriceRange;

  @ApiProperty({ example: 'https://www.example.fr/offre' })
  @IsUrl({ protocols: ['https'], require_protocol: true, require_tld: true }, { message: 'must be an https URL' })
  @MaxLength(500)
  url!: string;

  @ApiProperty({ description: 'A commercial offer of a private company (shown with a notice).' })
  @IsBoolean()
  privateOffer!: boolean;
}

export class UpdateSolutionDto extends PartialType(SolutionDto) {}

export class SolutionIdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  id!: string;
}

export class ListSolutionsQueryDto implements SolutionListQuery {
  @ApiPropertyOptional({ enum: USE_CASE_CODES })
  @IsOptional()
  @IsIn(USE_CASE_CODES)
  useCase?: UseCase;

  @ApiPropertyOptional({ enum: COMPANY_SIZES })
  @IsOptional()
  @IsIn(COMPANY_SIZES)
  companySize?: CompanySize;

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
  @MaxLength(300)
  cursor?: string;
}
