import { csrfMatches, hashToken, isOpaqueToken, keyDigest, newOpaqueToken } from './tokens';

describe('opaque tokens', () => {
  it('are 32 random bytes in base64url, never twice the same', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newOpaqueToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) {
      expect(isOpaqueToken(token)).toBe(true);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('are stored as their SHA-256, which does not reveal them', () => {
    const token = newOpaqueToken();
    const hash = hashToken(token);
    expect(hash).toHaveLength(32);
    expect(hash.equals(hashToken(token))).toBe(true);
    expect(hash.equals(hashToken(newOpaqueToken()))).toBe(false);
    expect(hash.toString('base64url')).not.toBe(token);
    // Known vector: SHA-256 of "abc".
    expect(hashToken('abc').toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it.each([undefined, null, 42, '', 'short', 'a'.repeat(44), `${'a'.repeat(42)}=`, `${'a'.repeat(42)}/`])(
    'refuses %p as a token',
    (value) => {
      expect(isOpaqueToken(value)).toBe(false);
    },
  );

  it('digests values for Redis keys without revealing them', () => {
    expect(keyDigest('camille@example.fr')).toHaveLength(24);
    expect(keyDigest('camille@example.fr')).toBe(keyDigest('camille@example.fr'));
    expect(keyDigest('camille@example.fr')).not.toContain('camille');
  });
});

describe('csrfMatches', () => {
  const value = newOpaqueToken();

  it('accepts a header equal to the cookie', () => {
    expect(csrfMatches(value, value)).toBe(true);
  });

  it.each([
    ['a different header', value, newOpaqueToken()],
    ['no header', value, undefined],
    ['no cookie', undefined, value],
    ['neither', undefined, undefined],
    ['two empty strings', '', ''],
    ['a header array', value, [value, value]],
    ['one character off', value, `${value.slice(0, -1)}${value.endsWith('A') ? 'B' : 'A'}`],
  ])('refuses %s', (_label, cookie, header) => {
    expect(csrfMatches(cookie, header)).toBe(false);
  });
});
