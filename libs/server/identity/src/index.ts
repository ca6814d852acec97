// The identity context's public face: what other contexts and the apps may use.
export * from './identity.module';
export { IdentityError } from './identity.errors';
export { Public, Roles, CurrentUser, type AuthenticatedUser, IS_PUBLIC, REQUIRED_ROLES } from './session/auth.decorators';
export { AuditService, type AuditEntry } from './audit/audit.service';
export { PersonalDataRegistry, type PersonalDataSource } from './personal-data/personal-data.registry';
export { SessionService, type IssuedSession } from './session/session.service';
export { AccessTokenService, accessTokenKid } from './session/access-token.service';
export { setSessionCookies, clearSessionCookies } from './session/session-cookies';
export { RateLimiter } from './rate-limit/rate-limiter';
export { findPersonContact, findUserIdByEmail, type PersonContact } from './identity.api';
export { hashPassword, ARGON2_OPTIONS } from './password/password-hasher';
export { passwordProblem } from './password/password-policy';
export { normalizeEmail } from './user/user-view';
export { GRANTABLE_ROLES, type GrantableRole } from './user/user-role.entity';
export { SSO_PROVIDERS, type SsoProvider } from './user/sso-identity.entity';
// Entities, for the one DataSource (libs/server/database) only.
export { User } from './user/user.entity';
export { UserRole } from './user/user-role.entity';
export { UserToken } from './user/user-token.entity';
export { SsoIdentity } from './user/sso-identity.entity';
export { SessionFamily } from './session/session-family.entity';
export { RefreshToken } from './session/refresh-token.entity';
export { AuditLog } from './audit/audit-log.entity';
