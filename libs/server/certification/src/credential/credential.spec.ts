import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { CredentialKeys, rsaThumbprint } from './credential-keys';
import { type CredentialFacts, buildOpenBadgeCredential, hashedEmail } from './open-badge';
import { STATUS_LIST_SIZE, buildStatusListCredential, encodeStatusList, statusListEntry, statusPosition } from './status-list';

const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const BASE = 'https://academie-ia.example/';

const facts: CredentialFacts = {
  certificateId: '2ed6657d-e927-568b-95e1-2665a8aea6a2',
  course: { id: '11111111-2222-4333-8444-555555555555', title: 'Découvrir l’IA générative', summary: 'Les bases, sans jargon.' },
  versionNumber: 2,
  durationMinutes: 90,
  completedAt: new Date('2026-03-12T10:15:30.250Z'),
  email: 'Marie.Curie@example.fr',
  salt: 'c2FsdC1vZi10aGUtdGVzdA',
  statusList: 1,
  statusListIndex: 42,
};

/** Flips one character of a part of a compact JWS (0 header, 1 payload, 2 signature). */
function tamper(jwt: string, part: number): string {
  const parts = jwt.split('.');
  const text = parts[part];
  const i = Math.floor(text.length / 2);
  parts[part] = `${text.slice(0, i)}${text[i] === 'A' ? 'B' : 'A'}${text.slice(i + 1)}`;
  return parts.join('.');
}

describe('credentials', () => {
  const keys = new CredentialKeys(rsa());
  const jwks = createLocalJWKSet(keys.publicJwks() as never);

  it('builds an OpenBadgeCredential (VC 2.0) with a hashed e-mail, the achievement page and a status entry', () => {
    const credential = buildOpenBadgeCredential(BASE, facts);
    expect(credential).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: 'urn:uuid:2ed6657d-e927-568b-95e1-2665a8aea6a2',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: 'https://academie-ia.example/api/issuer', type: ['Profile'], name: "Académie de l'IA", url: 'https://academie-ia.example' },
      validFrom: '2026-03-12T10:15:30Z',
      credentialSubject: {
        type: ['AchievementSubject'],
        identifier: [{ type: 'IdentityObject', identityType: 'emailAddress', hashed: true, salt: facts.salt }],
        achievement: {
          id: 'https://academie-ia.example/api/achievements/11111111-2222-4333-8444-555555555555',
          type: ['Achievement'],
          name: 'Découvrir l’IA générative',
          description: 'Les bases, sans jargon.',
          criteria: { narrative: expect.stringContaining('Découvrir l’IA générative') },
        },
      },
      credentialStatus: {
        id: 'https://academie-ia.example/api/credentials/status/1#42',
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '42',
        statusListCredential: 'https://academie-ia.example/api/credentials/status/1',
      },
    });
    // No name, no address in clear: only the salted hash of the normalized address.
    const text = JSON.stringify(credential);
    expect(text).not.toMatch(/curie/i);
    expect(credential.credentialSubject.identifier?.[0].identityHash).toBe(hashedEmail('marie.curie@example.fr', facts.salt).identityHash);
    expect(credential.credentialSubject.identifier?.[0].identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
    expect(buildOpenBadgeCredential(BASE, { ...facts, email: null }).credentialSubject).not.toHaveProperty('identifier');
  });

  it('signs it as a VC-JWT (RS256, typ vc+jwt, kid) that jose verifies against the published JWKS', async () => {
    const jwt = keys.signCredential(buildOpenBadgeCredential(BASE, facts));
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'RS256', kid: keys.kid, typ: 'vc+jwt' });
    const { payload, protectedHeader } = await jwtVerify(jwt, jwks, { algorithms: ['RS256'], typ: 'vc+jwt', issuer: 'https://academie-ia.example/api/issuer' });
    expect(protectedHeader.kid).toBe(keys.kid);
    expect(payload).toEqual(JSON.parse(JSON.stringify(buildOpenBadgeCredential(BASE, facts))));
  });

  it('gives the same bytes for the same certificate', () => {
    expect(keys.signCredential(buildOpenBadgeCredential(BASE, facts))).toBe(keys.signCredential(buildOpenBadgeCredential(BASE, { ...facts })));
  });

  it.each([
    ['header', 0],
    ['payload', 1],
    ['signature', 2],
  ])('fails verification when one character of the %s changes', async (_name, part) => {
    const jwt = keys.signCredential(buildOpenBadgeCredential(BASE, facts));
    await expect(jwtVerify(tamper(jwt, part), jwks, { algorithms: ['RS256'] })).rejects.toThrow();
  });

  it('fails verification against another key of the same kid-less shape', async () => {
    const jwt = keys.signCredential(buildOpenBadgeCredential(BASE, facts));
    const other = createLocalJWKSet({ keys: [{ ...new CredentialKeys(rsa()).publicJwks().keys[0], kid: keys.kid }] } as never);
    await expect(jwtVerify(jwt, other)).rejects.toThrow(/signature/);
  });

  it('publishes former keys beside the current one, each under its RFC 7638 thumbprint, and no private member', async () => {
    const old = rsa();
    const rotated = new CredentialKeys(rsa(), [createPublicKey(old)]);
    const published = rotated.publicJwks().keys;
    expect(published.map((k) => k.kid)).toEqual([rotated.kid, rsaThumbprint(old)]);
    for (const key of published) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    }
    // A credential signed before the rotation still verifies with the rotated JWKS.
    const before = new CredentialKeys(old).signCredential(buildOpenBadgeCredential(BASE, facts));
    await expect(jwtVerify(before, createLocalJWKSet(rotated.publicJwks() as never))).resolves.toBeDefined();
  });

  it('computes the RFC 7638 thumbprint of the RFC example key', () => {
    const n =
      '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw';
    const key = createPublicKey({ key: { kty: 'RSA', n, e: 'AQAB' }, format: 'jwk' });
    expect(rsaThumbprint(key)).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
  });
});

describe('status lists', () => {
  it('places status indexes in lists of 131,072 entries', () => {
    expect(statusPosition(0)).toEqual({ list: 1, index: 0 });
    expect(statusPosition(131_071)).toEqual({ list: 1, index: 131_071 });
    expect(statusPosition(131_072)).toEqual({ list: 2, index: 0 });
  });

  it('encodes a 16 KB bitstring, GZIP then base64url with the multibase prefix u, entry 0 first (left-most bit)', () => {
    const encoded = encodeStatusList([0, 9, STATUS_LIST_SIZE - 1]);
    expect(encoded.startsWith('u')).toBe(true);
    expect(encoded).not.toMatch(/[+/=]/);
    const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    expect(bits.length).toBe(16_384);
    expect(bits[0]).toBe(0b1000_0000);
    expect(bits[1]).toBe(0b0100_0000);
    expect(bits[16_383]).toBe(0b0000_0001);
    expect([0, 9, 131_071].map((i) => statusListEntry(encoded, i))).toEqual([true, true, true]);
    expect([1, 8, 10, 131_070].map((i) => statusListEntry(encoded, i))).toEqual([false, false, false, false]);
    expect(() => encodeStatusList([STATUS_LIST_SIZE])).toThrow(/out of range/);
  });

  it('builds a BitstringStatusListCredential', () => {
    const credential = buildStatusListCredential(BASE, 1, [3], new Date('2026-01-01T00:00:00Z'));
    expect(credential).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'https://academie-ia.example/api/credentials/status/1',
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: { id: 'https://academie-ia.example/api/credentials/status/1#list', type: 'BitstringStatusList', statusPurpose: 'revocation' },
    });
    expect(statusListEntry(credential.credentialSubject.encodedList, 3)).toBe(true);
  });
});
