import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { CreateEnrollmentRequest } from '@academie/contracts';

export class CreateEnrollmentDto implements CreateEnrollmentRequest {
  @ApiProperty({ format: 'uuid', description: 'Id of a published course (CourseSummary.id).' })
  @IsUUID('all', { message: 'must be a UUID' })
  courseId!: string;
}

export class EnrollmentParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  id!: string;
}
