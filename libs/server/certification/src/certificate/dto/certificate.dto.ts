import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import type { AdminCertificateQuery, RevokeCertificateRequest } from '@academie/contracts';

export class CodeParamsDto {
  @ApiProperty({ example: '7K3M-Q9TX-2HBD-W4NR', description: 'Verification code: case, hyphens and spaces ignored.' })
  @MaxLength(40)
  @IsString()
  code!: string;
}

export class CourseIdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  courseId!: string;
}

export class StatusListParamsDto {
  @ApiProperty({ example: '1', description: 'List number, from 1.' })
  @Matches(/^[1-9][0-9]{0,5}$/, { message: 'must be a list number from 1' })
  list!: string;
}

export class RevokeCertificateDto implements RevokeCertificateRequest {
  @ApiProperty({ minLength: 3, maxLength: 500, description: 'Why, for the audit log. No personal data.' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @Length(3, 500)
  @IsString()
  reason!: string;
}

export class AdminCertificateQueryDto implements AdminCertificateQuery {
  @ApiProperty({ example: '7K3M-Q9TX-2HBD-W4NR', description: 'A verification code (any spelling) or the exact e-mail address of a learner.' })
  @Length(3, 254)
  @IsString()
  q!: string;
}
