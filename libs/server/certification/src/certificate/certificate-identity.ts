import { createHash, createHmac, hkdfSync, type KeyObject } from 'node:crypto';

/** Namespace of the certificates' UUIDv5 (RFC 9562), fixed forever: ids already issued derive from it. */
const CERTIFICATE_NAMESPACE = 'b7f3c1d2-5e8a-4f6b-9c0d-1a2b3c4d5e6f';

const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** UUIDv5 of a name in a namespace (RFC 9562 §5.5): SHA-1, version and variant bits set. */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Crockford base32 of the first `characters * 5` bits of the bytes. */
export function crockfordBase32(bytes: Buffer, characters: number): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  let index = 0;
  while (out.length < characters) {
    if (bits < 5) {
      buffer = (buffer << 8) | (bytes[index++] ?? 0);
      bits += 8;
    }
    bits -= 5;
    out += CROCKFORD_ALPHABET[(buffer >> bits) & 31];
    buffer &= (1 << bits) - 1;
  }
  return out;
}

export interface CertificateIdentity {
  /** Primary key of the certificate row, UUIDv5 of the enrollment id: the credential is `urn:uuid:<id>`. */
  id: string;
  /** 16 characters of Crockford base32: 80 bits of an HMAC of the enrollment id, unguessable without the key. */
  code: string;
  /** Salt of the hashed e-mail in the credential (OB 3.0 IdentityObject), base64url. */
  salt: string;
}

/**
 * Everything about a certificate that must come out the same if its issuance runs again after a crash: derived
 * from the enrollment id alone, with a key that only the platform holds (so codes cannot be computed from
 * enrollment ids by anyone else). Which key is given to `CertificateIdentities` never changes what an issued
 * certificate holds: its row keeps its code.
 */
export class CertificateIdentities {
  private readonly key: Buffer;

  /** `secret`: the credential signing key; a sub-key is derived from it (HKDF), never used as is. */
  constructor(secret: KeyObject) {
    const material = secret.export({ type: 'pkcs8', format: 'der' });
    this.key = Buffer.from(hkdfSync('sha256', material, 'academie-ia', 'certificate codes v1', 32));
  }

  for(enrollmentId: string): CertificateIdentity {
    return {
      id: uuidV5(enrollmentId, CERTIFICATE_NAMESPACE),
      code: crockfordBase32(this.mac('code', enrollmentId), 16),
      salt: this.mac('salt', enrollmentId).subarray(0, 16).toString('base64url'),
    };
  }

  private mac(purpose: string, enrollmentId: string): Buffer {
    return createHmac('sha256', this.key).update(`${purpose}:${enrollmentId}`).digest();
  }
}
