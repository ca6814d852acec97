import { type KeyObject, createHash, createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
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

const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** Far longer than any token this service signs (about 300 characters); anything longer is refused unread. */
const MAX_TOKEN_LENGTH = 2_048;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

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
  /** The verification keys by kid, as KeyObjects made once (HMAC over them costs a few microseconds). */
  private readonly keys = new Map<string, KeyObject>();
  private readonly currentKey: KeyObject;
  readonly ttlSeconds: number;

  constructor(config: AppConfig) {
    if (!config.AUTH_JWT_SECRET || config.AUTH_JWT_SECRET.length < 32) {
      throw new Error('AUTH_JWT_SECRET is missing or too short: load the configuration with secrets: [AUTH_JWT_SECRET]');
    }
    const encoder = new TextEncoder();
    this.key = encoder.encode(config.AUTH_JWT_SECRET);
    this.kid = accessTokenKid(config.AUTH_JWT_SECRET);
    this.currentKey = createSecretKey(this.key);
    for (const previous of previousJwtSecrets(config.AUTH_JWT_PREVIOUS_SECRETS)) {
      this.keys.set(accessTokenKid(previous), createSecretKey(encoder.encode(previous)));
    }
    this.keys.set(this.kid, this.currentKey); // the current key wins should a former one be listed again by mistake
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

  /**
   * The claims of a valid token, or null for anything else (bad signature, expired, malformed, wrong algorithm).
   *
   * Verification runs on every authenticated request, so it is written out for the one shape this service signs
   * (compact JWS, HS256) with node:crypto's HMAC and a constant-time comparison: about 10 µs of CPU against about 110 µs
   * for a general JOSE library's WebCrypto path (docs/benchmarks.md, progress ingest). The rules are the general
   * library's, narrowed: the header must say `alg: HS256` (nothing else is tried, so no `none` and no algorithm
   * confusion), may say `typ: JWT`, must not carry `crit` or `b64`; the signature is checked before the claims are read;
   * then issuer, audience, expiry (`exp` strictly in the future), `iat` and `nbf` when present, and the shape of `sub`
   * and `sid`. `access-token.service.spec.ts` runs the same tokens through jose and requires the same verdicts.
   */
  verify(token: string, nowSeconds = Math.floor(Date.now() / 1000)): Promise<AccessTokenClaims | null> {
    return Promise.resolve(this.verifyNow(token, nowSeconds));
  }

  private verifyNow(token: string, now: number): AccessTokenClaims | null {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
    const parts = token.split('.');
    if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) return null;
    const [encodedHeader, encodedPayload, encodedSignature] = parts;

    const header = decodeJson(encodedHeader);
    if (!isObject(header) || header.alg !== 'HS256') return null;
    if (header.typ !== undefined && header.typ !== 'JWT') return null;
    if (header.crit !== undefined || header.b64 !== undefined) return null;
    if (header.kid !== undefined && typeof header.kid !== 'string') return null;
    const key = header.kid === undefined ? this.currentKey : this.keys.get(header.kid);
    if (!key) return null;

    const signature = Buffer.from(encodedSignature, 'base64url');
    const expected = createHmac('sha256', key).update(`${encodedHeader}.${encodedPayload}`).digest();
    if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return null;

    const payload = decodeJson(encodedPayload);
    if (!isObject(payload)) return null;
    const { iss, aud, exp, iat, nbf, sub, sid } = payload;
    if (iss !== ACCESS_TOKEN_ISSUER) return null;
    if (!(aud === ACCESS_TOKEN_AUDIENCE || (Array.isArray(aud) && aud.includes(ACCESS_TOKEN_AUDIENCE)))) return null;
    if (typeof exp !== 'number' || !Number.isFinite(exp) || exp <= now) return null;
    if (typeof iat !== 'number' || !Number.isFinite(iat)) return null;
    if (nbf !== undefined && (typeof nbf !== 'number' || !Number.isFinite(nbf) || nbf > now)) return null;
    if (typeof sub !== 'string' || !UUID.test(sub) || typeof sid !== 'string' || !UUID.test(sid)) return null;
    return { sub, sid };
  }
}
