import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MailModule } from '@academie/server-mail';
import { AdminUsersController } from './admin/admin-users.controller';
import { AdminUsersService } from './admin/admin-users.service';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { PasswordHasher } from './password/password-hasher';
import { PasswordService } from './password/password.service';
import { IdentityPersonalData } from './personal-data/identity-personal-data';
import { PersonalDataRegistry } from './personal-data/personal-data.registry';
import { PersonalDataService } from './personal-data/personal-data.service';
import { MeController } from './profile/me.controller';
import { ProfileService } from './profile/profile.service';
import { RateLimiter } from './rate-limit/rate-limiter';
import { AccessTokenService } from './session/access-token.service';
import { AuthController } from './session/auth.controller';
import { AuthGuard } from './session/auth.guard';
import { SessionService } from './session/session.service';
import { OidcClientService } from './sso/oidc-client.service';
import { SsoController } from './sso/sso.controller';
import { SsoService } from './sso/sso.service';
import { RegistrationService } from './user/registration.service';

/**
 * Accounts, sessions, roles, profiles, audit and personal data, for the API. Global: later contexts inject
 * `AuditService` and `PersonalDataRegistry` without importing it, and the guard protects every route.
 * Needs the API's `RequestRedisModule` (rate limits) and `OutboxModule` (e-mails).
 */
@Global()
@Module({
  imports: [MailModule],
  controllers: [AuthController, SsoController, MeController, AdminUsersController, AuditController],
  providers: [
    AccessTokenService,
    PasswordHasher,
    RateLimiter,
    SessionService,
    RegistrationService,
    PasswordService,
    ProfileService,
    AdminUsersService,
    AuditService,
    PersonalDataRegistry,
    PersonalDataService,
    IdentityPersonalData,
    OidcClientService,
    SsoService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuditService, PersonalDataRegistry, SessionService, AccessTokenService, RateLimiter],
})
export class IdentityModule {}
