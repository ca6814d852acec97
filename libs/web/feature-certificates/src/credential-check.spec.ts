import { describe, expect, it } from '@jest/globals';
import { type PublishedKey, checkCredential, decodeJws, identityMatches, statusListBit, statusListPath, summarize } from './credential-check';

const subtle = globalThis.crypto.subtle;
const BASE = 'https://academie-ia.example';

function base64url(bytes: Uint8Array | string): string {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  let binary = '';
  for (const byte of data) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function keyPair(kid: string) {
  const pair = (await subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const jwk = (await subtle.exportKey('jwk', pair.publicKey)) as PublishedKey;
  return { privateKey: pair.privateKey, published: { kty: 'RSA', n: jwk.n, e: jwk.e, kid, alg: 'RS256', use: 'sig' } as PublishedKey };
}

async function sign(payload: object, privateKey: CryptoKey, kid: string): Promise<string> {
  const input = `${base64url(JSON.stringify({ alg: 'RS256', kid, typ: 'vc+jwt' }))}.${base64url(JSON.stringify(payload))}`;
  const signature = new Uint8Array(await subtle.sign('RSASSA-PKCS1-v1_5', privateKey, new TextEncoder().encode(input)));
  return `${input}.${base64url(signature)}`;
}

/** The server's encoding (libs/server/certification/src/credential/status-list.ts): entry 0 is the left-most bit. */
async function encodedList(revoked: number[]): Promise<string> {
  const bits = new Uint8Array(131_072 / 8);
  for (const entry of revoked) bits[entry >> 3]! |= 0x80 >> (entry & 7);
  const stream = new Blob([bits]).stream().pipeThrough(new CompressionStream('gzip'));
  return `u${base64url(new Uint8Array(await new Response(stream).arrayBuffer()))}`;
}

const credential = (statusListIndex: number) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: 'urn:uuid:5b8e5f7a-1111-4222-8333-944455556666',
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: `${BASE}/api/issuer`, type: ['Profile'], name: "Académie de l'IA" },
  validFrom: '2026-11-25T09:30:00Z',
  name: 'Certificat de réussite – Découvrir l’IA générative',
  description: 'Cours « Découvrir l’IA générative », version 1, durée 45 minutes.',
  credentialSubject: {
    type: ['AchievementSubject'],
    identifier: [{ type: 'IdentityObject', identityHash: '', identityType: 'emailAddress', hashed: true, salt: 'sel-aleatoire' }],
    achievement: { id: `${BASE}/api/achievements/c1`, type: ['Achievement'], name: 'Découvrir l’IA générative' },
  },
  credentialStatus: {
    id: `${BASE}/api/credentials/status/1#${statusListIndex}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(statusListIndex),
    statusListCredential: `${BASE}/api/credentials/status/1`,
  },
});

async function hashOf(email: string, salt: string) {
  const digest = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(`${email}${salt}`)));
  return `sha256$${[...digest].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

async function fixture(options: { revoked?: number[]; index?: number } = {}) {
  const issuer = await keyPair('kid-1');
  const payload = credential(options.index ?? 7);
  payload.credentialSubject.identifier[0]!.identityHash = await hashOf('camille@example.fr', 'sel-aleatoire');
  const token = await sign(payload, issuer.privateKey, 'kid-1');
  const list = await sign(
    { credentialSubject: { id: `${BASE}/api/credentials/status/1#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: await encodedList(options.revoked ?? []) } },
    issuer.privateKey,
    'kid-1',
  );
  const fetched: string[] = [];
  const sources = {
    jwks: async () => ({ keys: [issuer.published] }),
    statusList: async (path: string) => {
      fetched.push(path);
      return list;
    },
  };
  return { issuer, token, sources, fetched, payload };
}

describe('checkCredential', () => {
  it('finds a credential of the issuer genuine and not revoked, and says what it certifies', async () => {
    const { token, sources, fetched } = await fixture({ revoked: [3, 8] });
    const check = await checkCredential(`${token}\n`, sources);
    expect(check).toMatchObject({
      outcome: 'genuine',
      revoked: false,
      summary: { courseTitle: 'Découvrir l’IA générative', issuerName: "Académie de l'IA", validFrom: '2026-11-25T09:30:00Z' },
    });
    expect(fetched).toEqual(['/credentials/status/1']);
  });

  it('finds a revoked credential revoked', async () => {
    const { token, sources } = await fixture({ revoked: [7], index: 7 });
    expect(await checkCredential(token, sources)).toMatchObject({ outcome: 'genuine', revoked: true });
  });

  it('refuses a credential whose content was changed after signing', async () => {
    const { token, sources } = await fixture();
    const [header, , signature] = token.split('.');
    const forged = `${header}.${base64url(JSON.stringify({ ...credential(7), name: 'Certificat de réussite – Autre cours' }))}.${signature}`;
    expect(await checkCredential(forged, sources)).toMatchObject({ outcome: 'bad_signature' });
  });

  it('refuses a credential signed by a key the issuer does not publish', async () => {
    const { sources } = await fixture();
    const stranger = await keyPair('kid-other');
    expect(await checkCredential(await sign(credential(7), stranger.privateKey, 'kid-other'), sources)).toMatchObject({ outcome: 'unknown_key' });
    // The same kid as the issuer's, another key: the signature does not hold.
    expect(await checkCredential(await sign(credential(7), stranger.privateKey, 'kid-1'), sources)).toMatchObject({ outcome: 'bad_signature' });
  });

  it('does not say « not revoked » when the status list cannot be trusted', async () => {
    const { token, issuer } = await fixture();
    const stranger = await keyPair('kid-1');
    const forgedList = await sign({ credentialSubject: { statusPurpose: 'revocation', encodedList: await encodedList([]) } }, stranger.privateKey, 'kid-1');
    const check = await checkCredential(token, { jwks: async () => ({ keys: [issuer.published] }), statusList: async () => forgedList });
    expect(check).toMatchObject({ outcome: 'genuine', revoked: null });
    const unreachable = await checkCredential(token, {
      jwks: async () => ({ keys: [issuer.published] }),
      statusList: async () => {
        throw new Error('offline');
      },
    });
    expect(unreachable).toMatchObject({ outcome: 'genuine', revoked: null });
  });

  it('says a file that is not a VC-JWT is malformed', async () => {
    const { sources } = await fixture();
    expect(await checkCredential('bonjour', sources)).toEqual({ outcome: 'malformed' });
    expect(await checkCredential('a.b.c', sources)).toEqual({ outcome: 'malformed' });
  });
});

describe('credential helpers', () => {
  it('reads the bits of a status list as the server writes them', async () => {
    const list = await encodedList([0, 9, 131_071]);
    expect(await statusListBit(list, 0)).toBe(true);
    expect(await statusListBit(list, 1)).toBe(false);
    expect(await statusListBit(list, 9)).toBe(true);
    expect(await statusListBit(list, 131_071)).toBe(true);
    await expect(statusListBit(list.slice(1), 0)).rejects.toThrow(/prefix u/);
  });

  it('takes only the status lists of this API', () => {
    expect(statusListPath('https://academie-ia.example/api/credentials/status/12')).toBe('/credentials/status/12');
    expect(statusListPath('https://ailleurs.example/status/12')).toBeNull();
    expect(statusListPath('/api/credentials/status/x')).toBeNull();
    expect(statusListPath(3)).toBeNull();
  });

  it('checks an e-mail address against the holder’s salted hash', async () => {
    const { payload } = await fixture();
    const identity = summarize(payload).identity;
    expect(identity).not.toBeNull();
    if (identity === null) return;
    expect(await identityMatches(' Camille@Example.fr ', identity)).toBe(true);
    expect(await identityMatches('dominique@example.fr', identity)).toBe(false);
  });

  it('decodes without trusting: header and claims', () => {
    const token = `${base64url('{"alg":"RS256","kid":"k"}')}.${base64url('{"name":"x"}')}.${base64url('sig')}`;
    expect(decodeJws(token)?.header).toEqual({ alg: 'RS256', kid: 'k' });
    expect(decodeJws(token)?.payload).toEqual({ name: 'x' });
    expect(decodeJws(`${token}.extra`)).toBeNull();
  });
});
