import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type JWTHeaderParameters, SignJWT, jwtVerify } from 'jose';
import { AppConfig, previousJwtSecrets } from '@academie/server-core';

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
 * The `kid` of an access-token key: 16 characters of a domain-separated SHA-256 of the key. The keys are at least
 * 32 random characters, so publishing this digest in every token reveals nothing usable; deriving it (rather than
 * configuring names) means a rotation is only "move the current key to the previous list, set a new one".
 */
export const accessTokenKid = (secret: string): string =>
  createHash('sha256').update(`academie-ia access-token kid\0${secret}`, 'utf8').digest('base64url').slice(0, 16);

class UnknownKeyError extends Error {}

/**
 * Access tokens: JWT signed with HS256 and AUTH_JWT_SECRET, a key used for nothing else. Verification accepts
 * HS256 only (no `alg: none`, no algorithm confusion), checks issuer, audience and expiry, and returns the claims
 * only when they have the expected shape.
 *
 * Rotation without downtime: every token names its key in the `kid` header; verification picks the key by that
 * kid among the current key and AUTH_JWT_PREVIOUS_SECRETS, so tokens of the former key keep working until they
 * expire while every new token is signed with the new key. An unknown kid (a removed key) is refused. A token
 * without kid (issued before kids existed) is checked against the current key only.
 */
@Injectable()
export class AccessTokenService {
  private readonly key: Uint8Array;
  private readonly kid: string;
  private readonly keys = new Map<string, Uint8Array>();
  readonly ttlSeconds: number;

  constructor(config: AppConfig) {
    if (!config.AUTH_JWT_SECRET || config.AUTH_JWT_SECRET.length < 32) {
      throw new Error('AUTH_JWT_SECRET is missing or too short: load the configuration with secrets: [AUTH_JWT_SECRET]');
    }
    const encoder = new TextEncoder();
    this.key = encoder.encode(config.AUTH_JWT_SECRET);
    this.kid = accessTokenKid(config.AUTH_JWT_SECRET);
    for (const previous of previousJwtSecrets(config.AUTH_JWT_PREVIOUS_SECRETS)) this.keys.set(accessTokenKid(previous), encoder.encode(previous));
    this.keys.set(this.kid, this.key); // the current key wins should a former one be listed again by mistake
    this.ttlSeconds = config.AUTH_ACCESS_TOKEN_TTL_SECONDS;
  }

  sign(claims: AccessTokenClaims): Promise<string> {
    return new SignJWT({ sid: claims.sid })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: this.kid })
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
      const keyFor = (header: JWTHeaderParameters): Uint8Array => {
        if (header.kid === undefined) return this.key;
        const key = this.keys.get(header.kid);
        if (!key) throw new UnknownKeyError();
        return key;
      };
      const { payload } = await jwtVerify(token, keyFor, {
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
