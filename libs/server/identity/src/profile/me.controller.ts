import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Ip, Patch, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { MeResponse, PersonalDataExport } from '@academie/contracts';
import { ChangePasswordDto } from '../password/dto/password-reset.dto';
import { PasswordService } from '../password/password.service';
import { PersonalDataService } from '../personal-data/personal-data.service';
import { type AuthenticatedUser, CurrentUser } from '../session/auth.decorators';
import { clearSessionCookies } from '../session/session-cookies';
import { ProfileUpdateDto } from './dto/profile-update.dto';
import { ProfileService } from './profile.service';

/** The caller's own account: every route acts on the token's owner, never on an id from the request. */
@ApiTags('me')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token.' })
@Controller('me')
export class MeController {
  constructor(
    private readonly profiles: ProfileService,
    private readonly passwords: PasswordService,
    private readonly personalData: PersonalDataService,
  ) {}

  @Get()
  @ApiOkResponse({ description: '`MeResponse`' })
  me(@CurrentUser() user: AuthenticatedUser): Promise<MeResponse> {
    return this.profiles.me(user.id);
  }

  @Patch('profile')
  @ApiOkResponse({ description: '`MeResponse` with the new profile and its derived audience.' })
  @ApiBadRequestResponse({ description: 'A value outside the reference lists, or a SIREN failing Luhn; `details` names the field.' })
  updateProfile(@CurrentUser() user: AuthenticatedUser, @Body() body: ProfileUpdateDto): Promise<MeResponse> {
    return this.profiles.update(user.id, body);
  }

  @Post('password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Changed; other sessions ended; a notice e-mailed.' })
  @ApiBadRequestResponse({ description: 'Current password wrong (`currentPassword`) or new one too weak (`newPassword`).' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts: `Retry-After` gives the seconds to wait.' })
  async changePassword(@CurrentUser() user: AuthenticatedUser, @Body() body: ChangePasswordDto, @Ip() ip: string): Promise<void> {
    await this.passwords.change(user, body, ip);
  }

  @Get('export')
  @ApiOkResponse({ description: 'Everything held about the person, by context (`PersonalDataExport`).' })
  export(@CurrentUser() user: AuthenticatedUser): Promise<PersonalDataExport> {
    return this.personalData.export(user.id);
  }

  @Delete()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Erased: name, e-mail, SIREN and SSO links removed, sessions ended, cookies cleared.' })
  async erase(@CurrentUser() user: AuthenticatedUser, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.personalData.erase(user.id);
    clearSessionCookies(reply);
  }
}
