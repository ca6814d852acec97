import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MIN_LENGTH, type RegisterRequest } from '@academie/contracts';
import { PASSWORD_MAX_LENGTH } from '../../password/password-policy';
import { NO_CONTROL_CHARACTERS, NormalizeEmail, Trim } from './transforms';

export class RegisterDto implements RegisterRequest {
  @ApiProperty({ example: 'camille.martin@example.fr', maxLength: 254 })
  @NormalizeEmail()
  @MaxLength(254)
  @IsEmail({}, { message: 'must be an e-mail address' })
  @IsString()
  email!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, description: 'Refused when too common.' })
  @MinLength(PASSWORD_MIN_LENGTH, { message: `must be at least ${PASSWORD_MIN_LENGTH} characters long` })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `must be at most ${PASSWORD_MAX_LENGTH} characters long` })
  @IsString()
  password!: string;

  @ApiProperty({ example: 'Camille', maxLength: 100 })
  @Trim()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(100)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'must not contain control characters' })
  @IsString()
  firstName!: string;

  @ApiProperty({ example: 'Martin', maxLength: 100 })
  @Trim()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(100)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'must not contain control characters' })
  @IsString()
  lastName!: string;
}
