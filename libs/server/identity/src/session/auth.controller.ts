import { Body, Controller, HttpCode, HttpStatus, Ip, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_HEADER, type MeResponse, REFRESH_COOKIE, type SessionResponse, type VerifyEmailResponse } from '@academie/contracts';
import { AppConfig } from '@academie/server-core';
import { PasswordResetDto } from '../password/dto/password-reset.dto';
import { PasswordService } from '../password/password.service';
import { EmailOnlyDto } from '../user/dto/email-only.dto';
import { RegisterDto } from '../user/dto/register.dto';
import { VerifyEmailDto } from '../user/dto/verify-email.dto';
import { RegistrationService } from '../user/registration.service';
import { Public } from './auth.decorators';
import { LoginDto } from './dto/login.dto';
import { clearSessionCookies, cookieCredentials, setSessionCookies } from './session-cookies';
import { SessionService } from './session.service';

const RATE_LIMITED = 'Too many attempts: `Retry-After` gives the seconds to wait.';
const LIMITS_DOWN = 'The rate-limit store (Redis) does not answer: refused rather than unlimited.';
const CSRF = { name: CSRF_HEADER, description: 'Must equal the `academie_csrf` cookie.', required: true };

@ApiTags('auth')
@Public()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly sessions: SessionService,
    private readonly passwords: PasswordService,
    private readonly config: AppConfig,
  ) {}

  @Post('register')
  @ApiCreatedResponse({ description: '`MeResponse`. The same answer when the address is taken (its owner is told by e-mail).' })
  @ApiBadRequestResponse({ description: 'A field is invalid or the password too weak; `details` names it.' })
  @ApiTooManyRequestsResponse({ description: RATE_LIMITED })
  @ApiServiceUnavailableResponse({ description: LIMITS_DOWN })
  register(@Body() body: RegisterDto, @Ip() ip: string): Promise<MeResponse> {
    return this.registration.register(body, ip);
  }

  @Post('verify-email')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: '`{ verified: true }`' })
  @ApiBadRequestResponse({ description: 'The token is invalid, expired or already used (`details` names `token`).' })
  @ApiTooManyRequestsResponse({ description: RATE_LIMITED })
  verifyEmail(@Body() body: VerifyEmailDto, @Ip() ip: string): Promise<VerifyEmailResponse> {
    return this.registration.verifyEmail(body.token, ip);
  }

  @Post('verify-email/resend')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ description: 'Always, whether or not an unverified account has this address.' })
  @ApiTooManyRequestsResponse({ description: RATE_LIMITED })
  async resendVerification(@Body() body: EmailOnlyDto, @Ip() ip: string): Promise<void> {
    await this.registration.resendVerification(body.email, ip);
  }

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: '`SessionResponse`; sets the `academie_refresh` (httpOnly) and `academie_csrf` cookies.' })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password (the same answer for an unknown e-mail).' })
  @ApiForbiddenResponse({ description: 'The account is suspended.' })
  @ApiTooManyRequestsResponse({ description: RATE_LIMITED })
  @ApiServiceUnavailableResponse({ description: LIMITS_DOWN })
  async login(@Body() body: LoginDto, @Ip() ip: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionResponse> {
    const session = await this.sessions.login(body, ip);
    setSessionCookies(reply, session, this.config.AUTH_REFRESH_TOKEN_TTL_DAYS);
    return session.body;
  }

  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiHeader(CSRF)
  @ApiOkResponse({ description: '`SessionResponse`; the refresh token is rotated (new cookies).' })
  @ApiUnauthorizedResponse({ description: 'No valid refresh token; a reused one revokes its whole session.' })
  @ApiForbiddenResponse({ description: 'CSRF header missing or different from the cookie.' })
  @ApiTooManyRequestsResponse({ description: RATE_LIMITED })
  async refresh(@Req() request: FastifyRequest, @Ip() ip: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionResponse> {
    const session = await this.sessions.refresh(cookieCredentials(request), ip);
    setSessionCookies(reply, session, this.config.AUTH_REFRESH_TOKEN_TTL_DAYS);
    return session.body;
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiHeader(CSRF)
  @ApiNoContentResponse({ description: 'The session is revoked and the cookies cleared.' })
  @ApiForbiddenResponse({ description: 'CSRF header missing or different from the cookie.' })
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.sessions.logout(cookieCredentials(request));
    clearSessionCookies(reply);
  }

  @Post('password/forgot')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ description: 'Always; a reset link is e-mailed if the account exists.' })
  @ApiTooManyRequestsResponse({ description: RATE_LIMITED })
  async forgot(@Body() body: EmailOnlyDto, @Ip() ip: string): Promise<void> {
    await this.passwords.forgot(body.email, ip);
  }

  @Post('password/reset')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Password changed; every session ended; a notice e-mailed.' })
  @ApiBadRequestResponse({ description: 'Token invalid, expired or used (`token`), or password too weak (`password`).' })
  @ApiTooManyRequestsResponse({ description: RATE_LIMITED })
  async reset(@Body() body: PasswordResetDto, @Ip() ip: string): Promise<void> {
    await this.passwords.reset(body, ip);
  }
}
