import { describe, expect, it } from '@jest/globals';
import { createHmac, randomUUID } from 'node:crypto';
import { jwtVerify } from 'jose';
import type { AppConfig } from '@academie/server-core';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, AccessTokenService, accessTokenKid } from './access-token.service';

const SECRET = 'clé-de-test-des-jetons-d-accès-0123456789abcdef';
const PREVIOUS = 'ancienne-clé-de-test-des-jetons-0123456789abcdef';
const OTHER = 'clé-d-un-attaquant-qui-n-est-pas-la-nôtre-0123456789';
const NOW = 1_800_000_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const service = new AccessTokenService({
  AUTH_JWT_SECRET: SECRET,
  AUTH_JWT_PREVIOUS_SECRETS: PREVIOUS,
  AUTH_ACCESS_TOKEN_TTL_SECONDS: 900,
} as unknown as AppConfig);

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const hmac = (alg: 'sha256' | 'sha512', secret: string, input: string) => createHmac(alg, secret).update(input).digest('base64url');

/** A compact token with any header and payload, signed HS256 (or HS512) by hand: jose refuses to sign some of these. */
function token(header: unknown, payload: unknown, secret = SECRET, alg: 'sha256' | 'sha512' = 'sha256'): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${hmac(alg, secret, input)}`;
}

/**
 * The reference verdict: jose's jwtVerify with the options the service used before, at the same instant, plus the
 * rules the service adds on purpose (typ JWT if present, no crit or b64 header, sub and sid UUIDs, and no base64
 * padding: RFC 7515's compact form has none, jose tolerates it on the signature).
 */
async function reference(jwt: string): Promise<{ sub: string; sid: string } | null> {
  if (jwt.includes('=')) return null;
  const keys = new Map([
    [accessTokenKid(SECRET), new TextEncoder().encode(SECRET)],
    [accessTokenKid(PREVIOUS), new TextEncoder().encode(PREVIOUS)],
  ]);
  try {
    const { payload, protectedHeader } = await jwtVerify(
      jwt,
      (header) => {
        const key = header.kid === undefined ? keys.get(accessTokenKid(SECRET)) : keys.get(header.kid);
        if (!key) throw new Error('unknown kid');
        return key;
      },
      {
        algorithms: ['HS256'],
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        requiredClaims: ['sub', 'sid', 'exp', 'iat'],
        currentDate: new Date(NOW * 1000),
      },
    );
    if (protectedHeader.typ !== undefined && protectedHeader.typ !== 'JWT') return null;
    if (protectedHeader.crit !== undefined || protectedHeader.b64 !== undefined) return null;
    const { sub, sid } = payload as { sub?: unknown; sid?: unknown };
    if (typeof sub !== 'string' || !UUID.test(sub) || typeof sid !== 'string' || !UUID.test(sid)) return null;
    return { sub, sid };
  } catch {
    return null;
  }
}

/** Every combination of the header and claim variations below, plus tampered and malformed strings. */
function cases(): [string, string][] {
  const sub = randomUUID();
  const sid = randomUUID();
  const good = { sid, sub, iss: ACCESS_TOKEN_ISSUER, aud: ACCESS_TOKEN_AUDIENCE, iat: NOW - 60, exp: NOW + 840 };
  const headers: [string, unknown][] = [
    ['current kid', { alg: 'HS256', typ: 'JWT', kid: accessTokenKid(SECRET) }],
    ['previous kid', { alg: 'HS256', typ: 'JWT', kid: accessTokenKid(PREVIOUS) }],
    ['no kid', { alg: 'HS256', typ: 'JWT' }],
    ['no typ', { alg: 'HS256', kid: accessTokenKid(SECRET) }],
    ['unknown kid', { alg: 'HS256', typ: 'JWT', kid: 'cle-retiree-0000' }],
    ['numeric kid', { alg: 'HS256', typ: 'JWT', kid: 7 }],
    ['alg none', { alg: 'none', typ: 'JWT' }],
    ['alg HS512', { alg: 'HS512', typ: 'JWT', kid: accessTokenKid(SECRET) }],
    ['alg RS256', { alg: 'RS256', typ: 'JWT', kid: accessTokenKid(SECRET) }],
    ['alg missing', { typ: 'JWT', kid: accessTokenKid(SECRET) }],
    ['typ other', { alg: 'HS256', typ: 'at+jwt', kid: accessTokenKid(SECRET) }],
    ['crit', { alg: 'HS256', typ: 'JWT', kid: accessTokenKid(SECRET), crit: ['exp'] }],
    ['b64 false', { alg: 'HS256', typ: 'JWT', kid: accessTokenKid(SECRET), b64: false, crit: ['b64'] }],
    ['header an array', ['HS256']],
  ];
  const payloads: [string, unknown][] = [
    ['valid', good],
    ['expired a second ago', { ...good, exp: NOW - 1 }],
    ['expiring now', { ...good, exp: NOW }],
    ['exp a string', { ...good, exp: String(NOW + 840) }],
    ['no exp', { ...good, exp: undefined }],
    ['no iat', { ...good, iat: undefined }],
    ['iat a string', { ...good, iat: 'hier' }],
    ['nbf in the future', { ...good, nbf: NOW + 60 }],
    ['nbf in the past', { ...good, nbf: NOW - 60 }],
    ['other issuer', { ...good, iss: 'https://attaquant.example' }],
    ['no issuer', { ...good, iss: undefined }],
    ['other audience', { ...good, aud: 'academie-ia-admin' }],
    ['audience list with ours', { ...good, aud: ['autre', ACCESS_TOKEN_AUDIENCE] }],
    ['audience list without ours', { ...good, aud: ['autre'] }],
    ['sub not a UUID', { ...good, sub: 'admin' }],
    ['no sid', { ...good, sid: undefined }],
    ['sid a number', { ...good, sid: 12 }],
    ['payload an array', [good]],
    ['payload a string', 'bonjour'],
  ];
  const out: [string, string][] = [];
  for (const [h, header] of headers) {
    // A token naming the previous key is signed with it (and, once, with the current key under that kid).
    const secret = h === 'previous kid' ? PREVIOUS : SECRET;
    for (const [p, payload] of payloads) out.push([`${h} / ${p}`, token(header, payload, secret)]);
  }
  out.push(['previous kid, signed with the current key', token(headers[1][1], good)]);
  const valid = token(headers[0][1], good);
  const [vh, vp, vs] = valid.split('.');
  out.push(
    ['signed with another key', token(headers[0][1], good, OTHER)],
    ['signed HS512 under an HS256 header', token(headers[0][1], good, SECRET, 'sha512')],
    ['claims changed under the original signature', `${vh}.${b64({ ...good, sub: randomUUID() })}.${vs}`],
    ['signature with one character changed', `${vh}.${vp}.${vs.slice(0, 5)}${vs[5] === 'A' ? 'B' : 'A'}${vs.slice(6)}`],
    ['truncated signature', `${vh}.${vp}.${vs.slice(0, -4)}`],
    ['empty signature', `${vh}.${vp}.`],
    ['padding added', `${vh}.${vp}.${vs}=`],
    ['four parts', `${valid}.${vs}`],
    ['two parts', `${vh}.${vp}`],
    ['garbage', 'pas.un.jeton'],
    ['empty', ''],
    ['header not JSON', `${b64('{alg:HS256')}.${vp}.${hmac('sha256', SECRET, `${b64('{alg:HS256')}.${vp}`)}`],
    ['payload not JSON', `${vh}.${b64('{sub')}.${hmac('sha256', SECRET, `${vh}.${b64('{sub')}`)}`],
    ['very long', `${vh}.${b64({ ...good, pad: 'x'.repeat(4_000) })}.${vs}`],
  );
  return out;
}

describe('access-token verification', () => {
  it('gives jose’s verdict (with the rules the service adds) on every generated token', async () => {
    const all = cases();
    expect(all.length).toBeGreaterThan(250);
    const mine = await Promise.all(all.map(([, jwt]) => service.verify(jwt, NOW)));
    const theirs = await Promise.all(all.map(([, jwt]) => reference(jwt)));
    expect(all.map(([label], i) => [label, mine[i]])).toEqual(all.map(([label], i) => [label, theirs[i]]));
    // Not a vacuous agreement: some tokens pass, most do not.
    const accepted = all.filter((_, i) => mine[i] !== null).map(([label]) => label);
    expect(accepted).toEqual(
      expect.arrayContaining([
        'current kid / valid',
        'previous kid / valid',
        'no kid / valid',
        'no typ / valid',
        'current kid / nbf in the past',
        'current kid / audience list with ours',
      ]),
    );
    expect(accepted.length).toBeLessThan(all.length / 4);
  });

  it('accepts what it signs, until it expires', async () => {
    const sub = randomUUID();
    const sid = randomUUID();
    const jwt = await service.sign({ sub, sid });
    const now = Math.floor(Date.now() / 1000);
    expect(await service.verify(jwt)).toEqual({ sub, sid });
    expect(await service.verify(jwt, now + 899)).toEqual({ sub, sid });
    expect(await service.verify(jwt, now + 901)).toBeNull();
  });
});
