import { ApiProperty } from '@nestjs/swagger';
import { IsUUID, Matches } from 'class-validator';

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export class SlugParamsDto {
  @ApiProperty({ example: 'decouvrir-ia-generative-tpe' })
  @Matches(SLUG_PATTERN, { message: 'must be lower-case letters, digits and hyphens' })
  slug!: string;
}

export class VersionParamsDto extends SlugParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  versionId!: string;
}

export class LessonParamsDto extends VersionParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  lessonId!: string;
}
