import { Controller, Get, Header, Ip, Param, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CertificateVerification } from '@academie/contracts';
import { Public } from '@academie/server-identity';
import { CertificateService } from './certificate.service';
import { CodeParamsDto } from './dto/certificate.dto';

/** Public verification of a certificate by its code: anyone holding it. Counted per client IP (429 beyond). */
@ApiTags('certificates')
@ApiBadRequestResponse({ description: 'Not a code (16 characters of Crockford base32; case, hyphens and spaces ignored).' })
@ApiNotFoundResponse({ description: 'No certificate has this code.' })
@ApiTooManyRequestsResponse({ description: 'Too many requests from this address: `Retry-After` gives the seconds to wait.' })
@Public()
@Controller('certificates')
export class CertificateController {
  constructor(private readonly certificates: CertificateService) {}

  @Get(':code')
  @ApiOkResponse({ description: '`CertificateVerification`: valid or revoked, course, date, name as printed (or erased).' })
  verify(@Param() params: CodeParamsDto, @Ip() ip: string): Promise<CertificateVerification> {
    return this.certificates.verify(params.code, ip);
  }

  @Get(':code/pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The certificate, A4 landscape, byte-identical at each download.' })
  @ApiGoneResponse({ description: 'Revoked: no longer delivered.' })
  async pdf(@Param() params: CodeParamsDto, @Ip() ip: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const file = await this.certificates.pdf(params.code, ip);
    reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${file.filename}"`);
    return file.body;
  }

  @Get(':code/credential')
  @Header('content-type', 'application/vc+jwt')
  @ApiProduces('application/vc+jwt')
  @ApiOkResponse({ description: 'The OpenBadgeCredential as a VC-JWT (RS256; keys at /.well-known/jwks.json).' })
  @ApiGoneResponse({ description: 'Erased at the request of the person.' })
  credential(@Param() params: CodeParamsDto, @Ip() ip: string): Promise<string> {
    return this.certificates.credential(params.code, ip);
  }
}
