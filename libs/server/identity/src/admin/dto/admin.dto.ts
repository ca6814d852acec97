import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { type AdminUserListQuery, type GrantRoleRequest, ROLES, type Role } from '@academie/contracts';

const ROLE_MESSAGE = { message: `must be one of: ${ROLES.join(', ')}` };

export class AdminUserListQueryDto implements AdminUserListQuery {
  @ApiPropertyOptional({ description: 'Part of an e-mail, a first name or a last name.', maxLength: 100 })
  @IsOptional()
  @MaxLength(100)
  @IsString()
  q?: string;

  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (`nextCursor`).' })
  @IsOptional()
  @MaxLength(200)
  @IsString()
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @Max(100)
  @Min(1)
  @IsInt({ message: 'must be an integer' })
  limit?: number;
}

export class UserIdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  id!: string;
}

export class UserRoleParamsDto extends UserIdParamsDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, ROLE_MESSAGE)
  role!: Role;
}

export class GrantRoleDto implements GrantRoleRequest {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, ROLE_MESSAGE)
  role!: Role;
}
