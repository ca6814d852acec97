// Checking a digital certificate (an Open Badges 3.0 credential signed as a VC-JWT, docs/certificates-api.md)
// in the verifier's browser, as any verifier does: the RS256 signature against the issuer's published keys
// (`/api/.well-known/jwks.json`, by `kid`), then the revocation bit of its entry in the signed status list
// (Bitstring Status List: GZIP, base64url, multibase `u`, entry 0 = left-most bit). The API has no route that
// takes a credential: everything it needs is public, and the file never leaves the browser.

export interface PublishedKey extends JsonWebKey {
  kid?: string;
}

export interface CredentialSources {
  /** The issuer's public keys (JWKS). */
  jwks: () => Promise<{ keys: PublishedKey[] }>;
  /** A status list credential (a VC-JWT) by its API path, `/credentials/status/1`. */
  statusList: (path: string) => Promise<string>;
  subtle?: SubtleCrypto;
}

export interface HashedIdentity {
  identityHash: string;
  salt: string;
}

/** What the credential says, as shown to the verifier. */
export interface CredentialSummary {
  /** `Certificat de réussite – <cours>`. */
  name: string | null;
  courseTitle: string | null;
  description: string | null;
  issuerName: string | null;
  /** ISO date of the completion. */
  validFrom: string | null;
  /** `urn:uuid:…`. */
  id: string | null;
  /** The holder, as a salted hash of their e-mail address (absent after an erasure). */
  identity: HashedIdentity | null;
}

export type CredentialCheck =
  | { outcome: 'malformed' }
  /** Signed with a key the issuer does not publish: not one of ours (or a forgery). */
  | { outcome: 'unknown_key'; summary: CredentialSummary }
  | { outcome: 'bad_signature'; summary: CredentialSummary }
  /** Genuine; `revoked` is null when the status list could not be read. */
  | { outcome: 'genuine'; revoked: boolean | null; summary: CredentialSummary };

interface DecodedJws {
  header: { alg?: unknown; kid?: unknown; typ?: unknown };
  payload: Record<string, unknown>;
  signingInput: Uint8Array;
  signature: Uint8Array;
}

export function base64UrlDecode(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A compact JWS (`header.payload.signature`) read without checking anything; null when it is not one. */
export function decodeJws(token: string): DecodedJws | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts as [string, string, string];
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const headerJson: unknown = JSON.parse(decoder.decode(base64UrlDecode(header)));
    const payloadJson: unknown = JSON.parse(decoder.decode(base64UrlDecode(payload)));
    if (typeof headerJson !== 'object' || headerJson === null || typeof payloadJson !== 'object' || payloadJson === null) return null;
    return {
      header: headerJson as DecodedJws['header'],
      payload: payloadJson as Record<string, unknown>,
      signingInput: new TextEncoder().encode(`${header}.${payload}`),
      signature: base64UrlDecode(signature),
    };
  } catch {
    return null;
  }
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});

export function summarize(payload: Record<string, unknown>): CredentialSummary {
  const subject = record(payload.credentialSubject);
  const achievement = record(subject.achievement);
  const issuer = record(payload.issuer);
  const identifiers = Array.isArray(subject.identifier) ? subject.identifier.map(record) : [];
  const hashed = identifiers.find((identifier) => text(identifier.identityHash) !== null && text(identifier.salt) !== null);
  return {
    name: text(payload.name),
    courseTitle: text(achievement.name),
    description: text(payload.description),
    issuerName: text(issuer.name) ?? text(payload.issuer),
    validFrom: text(payload.validFrom),
    id: text(payload.id),
    identity: hashed === undefined ? null : { identityHash: String(hashed.identityHash), salt: String(hashed.salt) },
  };
}

async function verifyRs256(jws: DecodedJws, key: PublishedKey, subtle: SubtleCrypto): Promise<boolean> {
  const { kty, n, e } = key;
  if (kty !== 'RSA' || n === undefined || e === undefined) return false;
  const publicKey = await subtle.importKey('jwk', { kty, n, e, ext: true }, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
  return subtle.verify('RSASSA-PKCS1-v1_5', publicKey, jws.signature as BufferSource, jws.signingInput as BufferSource);
}

/** Whether the signature holds with one of the published keys: `unknown_key` when none has its `kid`. */
async function checkSignature(jws: DecodedJws, keys: PublishedKey[], subtle: SubtleCrypto): Promise<'valid' | 'unknown_key' | 'bad_signature'> {
  if (jws.header.alg !== 'RS256') return 'bad_signature';
  const key = keys.find((candidate) => candidate.kid === jws.header.kid);
  if (key === undefined) return 'unknown_key';
  try {
    return (await verifyRs256(jws, key, subtle)) ? 'valid' : 'bad_signature';
  } catch {
    return 'bad_signature';
  }
}

/** Entry `index` of a Bitstring Status List `encodedList` (`u` + base64url of the GZIP-compressed bits). */
export async function statusListBit(encodedList: string, index: number): Promise<boolean> {
  if (!encodedList.startsWith('u')) throw new Error('encodedList must be multibase base64url (prefix u)');
  const compressed = base64UrlDecode(encodedList.slice(1));
  const stream = new Blob([compressed as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  const bits = new Uint8Array(await new Response(stream).arrayBuffer());
  const byte = bits[index >> 3];
  if (byte === undefined) throw new Error('status index beyond the list');
  return (byte & (0x80 >> (index & 7))) !== 0;
}

/** The API path of a status list URL of this platform (`…/api/credentials/status/3` → `/credentials/status/3`). */
export function statusListPath(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  try {
    const match = /^\/api(\/credentials\/status\/\d+)$/.exec(new URL(url).pathname);
    return match?.[1] ?? null;
  } catch {
    return null;
  }
}

async function revocationOf(payload: Record<string, unknown>, keys: PublishedKey[], sources: CredentialSources, subtle: SubtleCrypto): Promise<boolean | null> {
  const status = record(payload.credentialStatus);
  const path = statusListPath(status.statusListCredential);
  const index = Number(status.statusListIndex);
  if (path === null || status.statusPurpose !== 'revocation' || !Number.isInteger(index) || index < 0) return null;
  try {
    const list = decodeJws(await sources.statusList(path));
    if (list === null || (await checkSignature(list, keys, subtle)) !== 'valid') return null;
    const subject = record(list.payload.credentialSubject);
    if (subject.statusPurpose !== 'revocation' || typeof subject.encodedList !== 'string') return null;
    return await statusListBit(subject.encodedList, index);
  } catch {
    return null;
  }
}

/** Checks a credential file's text: its form, its signature, then whether it was revoked. */
export async function checkCredential(token: string, sources: CredentialSources): Promise<CredentialCheck> {
  const jws = decodeJws(token);
  if (jws === null) return { outcome: 'malformed' };
  const summary = summarize(jws.payload);
  const subtle = sources.subtle ?? crypto.subtle;
  const { keys } = await sources.jwks();
  const signature = await checkSignature(jws, keys, subtle);
  if (signature !== 'valid') return { outcome: signature, summary };
  return { outcome: 'genuine', revoked: await revocationOf(jws.payload, keys, sources, subtle), summary };
}

/**
 * Whether an e-mail address is the holder's: the credential names them by `sha256$` + hex SHA-256 of the
 * address (trimmed, lower-case) followed by the salt.
 */
export async function identityMatches(email: string, identity: HashedIdentity, subtle: SubtleCrypto = crypto.subtle): Promise<boolean> {
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(`${email.trim().toLowerCase()}${identity.salt}`));
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `sha256$${hex}` === identity.identityHash;
}
