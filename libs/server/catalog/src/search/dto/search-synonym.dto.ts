import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import type { SearchSynonymInput } from '@academie/contracts';

export class SearchSynonymDto implements SearchSynonymInput {
  @ApiProperty({ type: [String], example: ['IA', 'intelligence artificielle'], description: '2 to 20 expressions searched as one.' })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  terms!: string[];
}

export class SynonymIdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  id!: string;
}
