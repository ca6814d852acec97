import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import type { Role } from '@academie/contracts';
import { IdentityError } from '../identity.errors';
import { rolesOf } from '../user/user-view';
import { AccessTokenService } from './access-token.service';
import { type AuthenticatedUser, IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/;
const CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="academie-ia"' };

// A named statement: pg prepares it once per pooled connection and then only binds and executes it, where an
// unnamed one is parsed and planned on every request. This query runs before every authenticated request.
const ACCESS_STATEMENT = 'auth-guard-access';
const ACCESS_SQL = `SELECT u.suspended_at IS NOT NULL AS suspended,
        EXISTS (SELECT 1 FROM session_family f WHERE f.id = $2 AND f.user_id = u.id AND f.revoked_at IS NULL) AS session_open,
        ARRAY(SELECT r.role::text FROM user_role r WHERE r.user_id = u.id) AS roles
   FROM app_user u WHERE u.id = $1 AND u.erased_at IS NULL`;

interface AccessRow {
  suspended: boolean;
  session_open: boolean;
  roles: string[];
}

/**
 * The global guard: every route needs a valid access token unless marked `@Public()`, and `@Roles(...)` also
 * needs one of the roles. The token's user is loaded on each request (one indexed query): a suspended or
 * erased account, a closed session (logout, reuse, password change) or a withdrawn role takes effect at once,
 * without waiting for the 15-minute token to expire. The query goes straight to the data source's `pg` pool as a
 * prepared statement: it is the fixed cost of every request, and TypeORM's query runner added more to it than the
 * query's execution (measured by `npm run bench:progress`, `docs/benchmarks.md`).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The `pg` pool TypeORM's PostgreSQL driver opened (its `master`), shared with every other query of the API. */
  private pool(): pg.Pool {
    return (this.dataSource.driver as unknown as { master: pg.Pool }).master;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<{ headers: Record<string, unknown>; user?: AuthenticatedUser }>();
    const header = request.headers.authorization;
    if (header === undefined) throw IdentityError.Unauthenticated().withHeaders(CHALLENGE);
    const match = typeof header === 'string' ? BEARER.exec(header.trim()) : null;
    const claims = match ? await this.tokens.verify(match[1]) : null;
    if (!claims) throw IdentityError.InvalidAccessToken().withHeaders(CHALLENGE);

    const { rows } = await this.pool().query<AccessRow>({ name: ACCESS_STATEMENT, text: ACCESS_SQL, values: [claims.sub, claims.sid] });
    const row = rows[0];
    if (!row || row.suspended || !row.session_open) throw IdentityError.InvalidAccessToken().withHeaders(CHALLENGE);

    const user: AuthenticatedUser = { id: claims.sub, roles: rolesOf(row.roles), sessionId: claims.sid };
    request.user = user;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (required?.length && !required.some((role) => user.roles.includes(role))) throw IdentityError.Forbidden();
    return true;
  }
}
