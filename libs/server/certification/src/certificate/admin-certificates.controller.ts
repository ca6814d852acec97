import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AdminCertificateList, CertificateVerification } from '@academie/contracts';
import { type AuthenticatedUser, CurrentUser, Roles } from '@academie/server-identity';
import { CertificateService } from './certificate.service';
import { AdminCertificateQueryDto, CodeParamsDto, RevokeCertificateDto } from './dto/certificate.dto';

@ApiTags('admin')
@Roles('admin')
@Controller('admin/certificates')
export class AdminCertificatesController {
  constructor(private readonly certificates: CertificateService) {}

  @Get()
  @ApiOkResponse({ description: '`AdminCertificateList`: the certificate of a code, or those of the account with this e-mail address.' })
  @ApiBadRequestResponse({ description: '`q` is neither a verification code nor an e-mail address.' })
  find(@Query() query: AdminCertificateQueryDto): Promise<AdminCertificateList> {
    return this.certificates.findForAdmin(query.q);
  }

  @Post(':code/revoke')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: '`CertificateVerification`, now revoked; published in its status list; audited with the reason.' })
  @ApiBadRequestResponse({ description: 'Not a code, or a reason outside 3 to 500 characters.' })
  @ApiNotFoundResponse({ description: 'No certificate has this code.' })
  @ApiConflictResponse({ description: 'Already revoked.' })
  revoke(@CurrentUser() actor: AuthenticatedUser, @Param() params: CodeParamsDto, @Body() body: RevokeCertificateDto): Promise<CertificateVerification> {
    return this.certificates.revoke(actor, params.code, body.reason);
  }
}
