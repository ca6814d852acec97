import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import type { LoginRequest } from '@academie/contracts';
import { PASSWORD_MAX_LENGTH } from '../../password/password-policy';
import { NormalizeEmail } from '../../user/dto/transforms';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'apprenant@demo.academie-ia.fr' })
  @NormalizeEmail()
  @MaxLength(254)
  @IsEmail({}, { message: 'must be an e-mail address' })
  @IsString()
  email!: string;

  @ApiProperty()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `must be at most ${PASSWORD_MAX_LENGTH} characters long` })
  @IsString()
  password!: string;
}
