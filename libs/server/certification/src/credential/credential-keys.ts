import { createHash, type KeyObject, createPublicKey, sign } from 'node:crypto';
import { type AppConfig, parseJwks, parseRsaPrivateKey } from '@academie/server-core';

/** A public key as published in the JWKS. */
export interface PublishedJwk {
  kty: 'RSA';
  n: string;
  e: string;
  kid: string;
  alg: 'RS256';
  use: 'sig';
}

export interface Jwks {
  keys: PublishedJwk[];
}

/** RFC 7638 thumbprint of an RSA key: base64url SHA-256 of `{"e":..,"kty":"RSA","n":..}`, members in that order. */
export function rsaThumbprint(key: KeyObject): string {
  const { e, n } = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'jwk' });
  return createHash('sha256').update(JSON.stringify({ e, kty: 'RSA', n })).digest('base64url');
}

function published(key: KeyObject): PublishedJwk {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const { n, e } = publicKey.export({ format: 'jwk' });
  return { kty: 'RSA', n: n as string, e: e as string, kid: rsaThumbprint(publicKey), alg: 'RS256', use: 'sig' };
}

const base64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

/**
 * The keys of the credentials: the current RSA key signs (RS256, compact JWS written here with Node's crypto;
 * PKCS#1 v1.5 is deterministic, so the same credential always gives the same bytes); the JWKS publishes its
 * public half and those of former keys (CREDENTIAL_PREVIOUS_PUBLIC_KEYS), each under its RFC 7638 thumbprint,
 * which is the `kid` every token carries. Rotating: sign with a new key, publish the old one as previous.
 */
export class CredentialKeys {
  readonly kid: string;
  private readonly jwks: Jwks;

  constructor(
    private readonly signingKey: KeyObject,
    previous: KeyObject[] = [],
  ) {
    this.kid = rsaThumbprint(signingKey);
    const keys = [published(signingKey), ...previous.map(published)];
    this.jwks = { keys: keys.filter((key, index) => keys.findIndex((other) => other.kid === key.kid) === index) };
  }

  static fromConfig(config: Pick<AppConfig, 'CREDENTIAL_SIGNING_KEY' | 'CREDENTIAL_PREVIOUS_PUBLIC_KEYS'>): CredentialKeys {
    if (!config.CREDENTIAL_SIGNING_KEY) {
      throw new Error('CREDENTIAL_SIGNING_KEY is not set: the process must load it (loadConfig with secrets: [CREDENTIAL_SIGNING_KEY])');
    }
    const previous = config.CREDENTIAL_PREVIOUS_PUBLIC_KEYS ? parseJwks(config.CREDENTIAL_PREVIOUS_PUBLIC_KEYS) : [];
    return new CredentialKeys(parseRsaPrivateKey(config.CREDENTIAL_SIGNING_KEY), previous);
  }

  /** The private key, for deriving sub-keys (certificate codes); never leaves the process. */
  get privateKey(): KeyObject {
    return this.signingKey;
  }

  /** A VC-JWT: JOSE header `{ alg: RS256, kid, typ: vc+jwt }`, the credential as the claims set. */
  signCredential(credential: object): string {
    const input = `${base64url(JSON.stringify({ alg: 'RS256', kid: this.kid, typ: 'vc+jwt' }))}.${base64url(JSON.stringify(credential))}`;
    return `${input}.${sign('sha256', Buffer.from(input, 'ascii'), this.signingKey).toString('base64url')}`;
  }

  publicJwks(): Jwks {
    return this.jwks;
  }
}
