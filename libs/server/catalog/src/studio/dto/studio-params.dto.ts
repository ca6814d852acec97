import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import type { MarkdownPreviewRequest, ReorderRequest } from '@academie/contracts';

export class CourseIdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  courseId!: string;
}

export class ModuleIdParamsDto extends CourseIdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  moduleId!: string;
}

export class LessonIdParamsDto extends CourseIdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  lessonId!: string;
}

export class ModuleOrderDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  id!: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true, message: 'each value must be a UUID' })
  lessonIds!: string[];
}

export class ReorderDto implements ReorderRequest {
  @ApiProperty({ type: [ModuleOrderDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ModuleOrderDto)
  modules!: ModuleOrderDto[];
}

export class MarkdownPreviewDto implements MarkdownPreviewRequest {
  @ApiProperty({ maxLength: 50_000 })
  @IsString()
  @MaxLength(50_000)
  markdown!: string;
}
