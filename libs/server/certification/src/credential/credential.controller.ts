import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@academie/server-identity';
import { CourseIdParamsDto, StatusListParamsDto } from '../certificate/dto/certificate.dto';
import type { Jwks } from './credential-keys';
import { PublicCredentialService } from './public-credential.service';

/**
 * What verifiers of a credential fetch, public and cacheable: nothing personal. `/.well-known/jwks.json` (outside
 * the /api prefix) is the same route, rewritten by the HTTP layer (libs/server/core/src/http/http-app.ts).
 */
@ApiTags('credentials')
@Public()
@Controller()
export class CredentialController {
  constructor(private readonly credentials: PublicCredentialService) {}

  @Get('.well-known/jwks.json')
  @Header('cache-control', 'public, max-age=300')
  @ApiOkResponse({ description: 'The public keys of the credentials (JWKS): the current one and former ones, by kid.' })
  jwks(): Jwks {
    return this.credentials.jwks();
  }

  @Get('credentials/status/:list')
  @Header('content-type', 'application/vc+jwt')
  @Header('cache-control', 'public, max-age=30')
  @ApiProduces('application/vc+jwt')
  @ApiOkResponse({ description: 'BitstringStatusListCredential (revocation, 131,072 entries, GZIP + base64url) as a VC-JWT.' })
  @ApiNotFoundResponse({ description: 'No certificate was given an entry of this list yet.' })
  statusList(@Param() params: StatusListParamsDto): Promise<string> {
    return this.credentials.statusList(Number(params.list));
  }

  @Get('achievements/:courseId')
  @Header('cache-control', 'public, max-age=300')
  @ApiOkResponse({ description: 'The Open Badges 3.0 Achievement of a course (JSON-LD).' })
  @ApiNotFoundResponse({ description: 'No published course has this id.' })
  achievement(@Param() params: CourseIdParamsDto) {
    return this.credentials.achievement(params.courseId);
  }

  @Get('issuer')
  @Header('cache-control', 'public, max-age=300')
  @ApiOkResponse({ description: "The issuer's Open Badges 3.0 Profile (JSON-LD)." })
  issuer() {
    return this.credentials.issuer();
  }
}
