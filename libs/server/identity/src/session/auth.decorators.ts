import { type ExecutionContext, SetMetadata, applyDecorators, createParamDecorator } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from '@academie/contracts';

export const IS_PUBLIC = 'academie:public';
export const REQUIRED_ROLES = 'academie:roles';

/** The authenticated caller, as the guard found it: fresh from the database on every request. */
export interface AuthenticatedUser {
  id: string;
  roles: Role[];
  /** The session family of the access token. */
  sessionId: string;
}

/** Opens a route (or a whole controller) to anonymous callers: every other route requires an access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Requires one of these roles (403 otherwise). Implies an access token (401 without). */
export const Roles = (...roles: [Role, ...Role[]]) =>
  applyDecorators(
    SetMetadata(REQUIRED_ROLES, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No valid access token.' }),
    ApiForbiddenResponse({ description: `Requires the role ${roles.join(' or ')}.` }),
  );

/** Injects the authenticated caller into a handler: `me(@CurrentUser() user: AuthenticatedUser)`. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedUser => {
  const user = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user;
  if (!user) throw new Error('@CurrentUser() used on a route without authentication (marked @Public()?)');
  return user;
});
