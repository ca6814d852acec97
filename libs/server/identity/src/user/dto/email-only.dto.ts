import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import type { EmailOnlyRequest } from '@academie/contracts';
import { NormalizeEmail } from './transforms';

export class EmailOnlyDto implements EmailOnlyRequest {
  @ApiProperty({ example: 'camille.martin@example.fr', maxLength: 254 })
  @NormalizeEmail()
  @MaxLength(254)
  @IsEmail({}, { message: 'must be an e-mail address' })
  @IsString()
  email!: string;
}
