import { Controller, Get, Ip, Param, Query, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiNotFoundResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SsoProviderInfo } from '@academie/contracts';
import { AppConfig } from '@academie/server-core';
import { IdentityError } from '../identity.errors';
import { Public } from '../session/auth.decorators';
import { setSessionCookies } from '../session/session-cookies';
import { SSO_PROVIDERS } from '../user/sso-identity.entity';
import { SsoRefused, SsoService } from './sso.service';

const STATE_COOKIE = 'academie_sso';
const STATE_COOKIE_PATH = '/api/auth/sso';

export class SsoProviderParamsDto {
  @ApiProperty({ enum: SSO_PROVIDERS })
  @IsIn(SSO_PROVIDERS, { message: `must be one of ${SSO_PROVIDERS.join(', ')}` })
  provider!: string;
}

export class SsoStartQueryDto {
  @ApiPropertyOptional({ description: 'A path of this site to come back to after the sign-in.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  returnTo?: string;
}

/** Every parameter the provider may send back; validated by the OIDC client, not here. */
export class SsoCallbackQueryDto {
  // What the provider appends to the redirect (OpenID Connect), documented so that the OpenAPI lists it.
  @ApiPropertyOptional({ type: String, maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) code?: string;
  @ApiPropertyOptional({ type: String, maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) state?: string;
  @ApiPropertyOptional({ type: String, maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500) iss?: string;
  @ApiPropertyOptional({ type: String, maxLength: 200 }) @IsOptional() @IsString() @MaxLength(200) error?: string;
  @ApiPropertyOptional({ type: String, maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) error_description?: string;
  @ApiPropertyOptional({ type: String, maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) session_state?: string;
}

@ApiTags('auth')
@Public()
@Controller('auth/sso')
export class SsoController {
  constructor(
    private readonly sso: SsoService,
    private readonly config: AppConfig,
  ) {}

  @Get('providers')
  @ApiOkResponse({ description: 'The single sign-on providers enabled on this platform.' })
  providers(): SsoProviderInfo[] {
    return this.sso.providers();
  }

  @Get(':provider/start')
  @ApiFoundResponse({ description: 'Redirects to the provider.' })
  @ApiNotFoundResponse({ description: 'This provider is not enabled.' })
  async start(
    @Param() params: SsoProviderParamsDto,
    @Query() query: SsoStartQueryDto,
    @Ip() ip: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!this.sso.isEnabled(params.provider)) throw IdentityError.SsoProviderDisabled([{ field: 'provider', reason: 'is not enabled' }]);
    try {
      const { url, state } = await this.sso.start(params.provider, query.returnTo, ip);
      // Lax, not Strict: the browser must send it back on the provider's top-level redirect to the callback.
      reply.setCookie(STATE_COOKIE, state, { httpOnly: true, secure: true, sameSite: 'lax', path: STATE_COOKIE_PATH, maxAge: 600 });
      reply.redirect(url, 302);
    } catch (error) {
      if (!(error instanceof SsoRefused)) throw error;
      this.failed(reply, error);
    }
  }

  @Get(':provider/callback')
  @ApiFoundResponse({ description: 'Opens a session and redirects to the web, or redirects to the sign-in page with the reason.' })
  async callback(
    @Param() params: SsoProviderParamsDto,
    @Query() _query: SsoCallbackQueryDto,
    @Req() request: FastifyRequest,
    @Ip() ip: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const rawQuery = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '';
    reply.clearCookie(STATE_COOKIE, { httpOnly: true, secure: true, sameSite: 'lax', path: STATE_COOKIE_PATH });
    try {
      const { session, returnTo } = await this.sso.callback(params.provider, rawQuery, request.cookies?.[STATE_COOKIE], ip);
      setSessionCookies(reply, session, this.config.AUTH_REFRESH_TOKEN_TTL_DAYS);
      const landing = new URL('/connexion/sso', this.config.PUBLIC_BASE_URL);
      landing.searchParams.set('retour', returnTo);
      reply.redirect(landing.toString(), 302);
    } catch (error) {
      if (!(error instanceof SsoRefused)) throw error;
      this.failed(reply, error);
    }
  }

  private failed(reply: FastifyReply, error: SsoRefused): void {
    const page = new URL('/connexion', this.config.PUBLIC_BASE_URL);
    page.searchParams.set('erreur', error.reason);
    reply.redirect(page.toString(), 302);
  }
}
