import { Injectable } from '@nestjs/common';
import { SignJWT, jwtVerify } from 'jose';
import { AppConfig } from '@academie/server-core';

export const ACCESS_TOKEN_ISSUER = 'academie-ia';
export const ACCESS_TOKEN_AUDIENCE = 'academie-ia-api';

export interface AccessTokenClaims {
  /** The user id. */
  sub: string;
  /** The session family id: the token dies with its session. */
  sid: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Access tokens: JWT signed with HS256 and AUTH_JWT_SECRET, a key used for nothing else. Verification accepts
 * HS256 only (no `alg: none`, no algorithm confusion), checks issuer, audience and expiry, and returns the claims
 * only when they have the expected shape.
 */
@Injectable()
export class AccessTokenService {
  private readonly key: Uint8Array;
  readonly ttlSeconds: number;

  constructor(config: AppConfig) {
    if (!config.AUTH_JWT_SECRET || config.AUTH_JWT_SECRET.length < 32) {
      throw new Error('AUTH_JWT_SECRET is missing or too short: load the configuration with secrets: [AUTH_JWT_SECRET]');
    }
    this.key = new TextEncoder().encode(config.AUTH_JWT_SECRET);
    this.ttlSeconds = config.AUTH_ACCESS_TOKEN_TTL_SECONDS;
  }

  sign(claims: AccessTokenClaims): Promise<string> {
    return new SignJWT({ sid: claims.sid })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.sub)
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  /** The claims of a valid token, or null for anything else (bad signature, expired, malformed, wrong algorithm). */
  async verify(token: string): Promise<AccessTokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        requiredClaims: ['sub', 'sid', 'exp', 'iat'],
      });
      const { sub, sid } = payload as { sub?: unknown; sid?: unknown };
      if (typeof sub !== 'string' || !UUID.test(sub) || typeof sid !== 'string' || !UUID.test(sid)) return null;
      return { sub, sid };
    } catch {
      return null;
    }
  }
}
