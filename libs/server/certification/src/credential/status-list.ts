import { gunzipSync, gzipSync } from 'node:zlib';
import { VC_CONTEXT, issuerProfile, trimBase } from './issuer';

/** Entries per status list: 131,072 bits = 16 KB, the minimum the Bitstring Status List spec sets for herd privacy. */
export const STATUS_LIST_SIZE = 131_072;

/** Which list and which entry of it a certificate's status index (allocated by the database, from 0) falls into. */
export function statusPosition(statusIndex: number): { list: number; index: number } {
  return { list: Math.floor(statusIndex / STATUS_LIST_SIZE) + 1, index: statusIndex % STATUS_LIST_SIZE };
}

export const statusListUrl = (baseUrl: string, list: number): string => `${trimBase(baseUrl)}/api/credentials/status/${list}`;

/**
 * The `encodedList` of a list whose given entries are set (revoked): the bitstring, entry 0 being the
 * left-most (most significant) bit of the first byte, GZIP-compressed, base64url without padding, with the
 * multibase prefix `u`.
 */
export function encodeStatusList(setEntries: Iterable<number>): string {
  const bits = Buffer.alloc(STATUS_LIST_SIZE / 8);
  for (const entry of setEntries) {
    if (!Number.isInteger(entry) || entry < 0 || entry >= STATUS_LIST_SIZE) throw new Error(`status entry out of range: ${entry}`);
    bits[entry >> 3] |= 0x80 >> (entry & 7);
  }
  return `u${gzipSync(bits, { level: 9 }).toString('base64url')}`;
}

/** Reads an entry of an `encodedList` (verifiers do this; the tests too). */
export function statusListEntry(encodedList: string, entry: number): boolean {
  if (!encodedList.startsWith('u')) throw new Error('encodedList must be multibase base64url (prefix u)');
  const bits = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  return (bits[entry >> 3] & (0x80 >> (entry & 7))) !== 0;
}

/** The BitstringStatusListCredential of one list (VC 2.0), to be signed as a VC-JWT. */
export function buildStatusListCredential(baseUrl: string, list: number, setEntries: Iterable<number>, validFrom: Date) {
  const url = statusListUrl(baseUrl, list);
  const issuer = issuerProfile(baseUrl);
  return {
    '@context': [VC_CONTEXT],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    validFrom: validFrom.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    credentialSubject: {
      id: `${url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: encodeStatusList(setEntries),
    },
    iss: issuer.id,
    jti: url,
    iat: Math.floor(validFrom.getTime() / 1000),
  };
}
