import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import type { VerifyEmailRequest } from '@academie/contracts';

export class VerifyEmailDto implements VerifyEmailRequest {
  @ApiProperty({ description: 'The token of the link received by e-mail.' })
  @IsString()
  @MaxLength(200)
  token!: string;
}
