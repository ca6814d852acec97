import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import type { VerifyEmailRequest } from '@academie/contracts';

export class VerifyEmailDto implements VerifyEmailRequest {
  @ApiProperty({ description: 'The token of the link received by e-mail.' })
  @MaxLength(200)
  @IsString()
  token!: string;
}
