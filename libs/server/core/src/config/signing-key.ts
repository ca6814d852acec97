import { type JsonWebKey, type KeyObject, createPrivateKey, createPublicKey } from 'node:crypto';

const MIN_RSA_BITS = 2048;

/**
 * Reads an RSA private key given as PEM (PKCS#8 or PKCS#1, real newlines or `\n` escapes, as environment files
 * often carry them) or as a private JWK; throws an Error whose message says what is wrong, never the key.
 */
export function parseRsaPrivateKey(text: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    key = trimmed.startsWith('{')
      ? createPrivateKey({ key: JSON.parse(trimmed) as JsonWebKey, format: 'jwk' })
      : createPrivateKey({ key: trimmed.replace(/\\n/g, '\n'), format: 'pem' });
  } catch {
    throw new Error('must be an RSA private key, PEM or JWK');
  }
  if (key.asymmetricKeyType !== 'rsa') throw new Error('must be an RSA private key (RS256)');
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) throw new Error(`must be an RSA key of at least ${MIN_RSA_BITS} bits`);
  return key;
}

/** Reads a JSON Web Key Set of RSA public keys (former signing keys); throws an Error saying what is wrong. */
export function parseJwks(text: string): KeyObject[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('must be a JSON Web Key Set: {"keys":[...]}');
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys)) throw new Error('must be a JSON Web Key Set: {"keys":[...]}');
  return keys.map((jwk, index) => {
    let key: KeyObject;
    try {
      const { kty, n, e } = jwk as JsonWebKey;
      key = createPublicKey({ key: { kty, n, e } as JsonWebKey, format: 'jwk' });
    } catch {
      throw new Error(`key ${index} is not an RSA public JWK`);
    }
    if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) {
      throw new Error(`key ${index} must be an RSA key of at least ${MIN_RSA_BITS} bits`);
    }
    return key;
  });
}
