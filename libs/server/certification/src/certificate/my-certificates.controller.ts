import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { MyCertificateList } from '@academie/contracts';
import { type AuthenticatedUser, CurrentUser } from '@academie/server-identity';
import { CertificateService } from './certificate.service';

/** The caller's own certificates: the token's owner, never an id from the request. */
@ApiTags('me')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token.' })
@Controller('me/certificates')
export class MyCertificatesController {
  constructor(private readonly certificates: CertificateService) {}

  @Get()
  @ApiOkResponse({ description: '`MyCertificateList`, newest completion first.' })
  list(@CurrentUser() user: AuthenticatedUser): Promise<MyCertificateList> {
    return this.certificates.mine(user.id);
  }
}
