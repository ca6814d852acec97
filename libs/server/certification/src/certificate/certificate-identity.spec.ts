import { generateKeyPairSync } from 'node:crypto';
import { normalizeCertificateCode } from '@academie/contracts';
import { CertificateIdentities, crockfordBase32, uuidV5 } from './certificate-identity';

const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

describe('certificate identities', () => {
  it('computes RFC 9562 UUIDv5 (the RFC example: www.example.com in the DNS namespace)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('encodes Crockford base32 bit by bit', () => {
    expect(crockfordBase32(Buffer.from([0, 0, 0, 0, 0]), 8)).toBe('00000000');
    expect(crockfordBase32(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff]), 8)).toBe('ZZZZZZZZ');
    // 0x08 = 00001 000.. : the first 5 bits are 1.
    expect(crockfordBase32(Buffer.from([0x08, 0, 0, 0, 0]), 8)).toBe('10000000');
  });

  it('derives the same id, code and salt from the same enrollment, and others from another', () => {
    const identities = new CertificateIdentities(key);
    const a = identities.for('0f8c5a3e-1d2b-4c5a-9e7f-6a5b4c3d2e1f');
    expect(identities.for('0f8c5a3e-1d2b-4c5a-9e7f-6a5b4c3d2e1f')).toEqual(a);
    expect(new CertificateIdentities(key).for('0f8c5a3e-1d2b-4c5a-9e7f-6a5b4c3d2e1f')).toEqual(a);
    const b = identities.for('0f8c5a3e-1d2b-4c5a-9e7f-6a5b4c3d2e20');
    expect(b.id).not.toBe(a.id);
    expect(b.code).not.toBe(a.code);
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(normalizeCertificateCode(a.code)).toBe(a.code);
    expect(Buffer.from(a.salt, 'base64url')).toHaveLength(16);
  });

  it('needs the key: another key gives other codes for the same enrollment', () => {
    const other = new CertificateIdentities(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
    const enrollment = '0f8c5a3e-1d2b-4c5a-9e7f-6a5b4c3d2e1f';
    expect(other.for(enrollment).code).not.toBe(new CertificateIdentities(key).for(enrollment).code);
    expect(other.for(enrollment).id).toBe(new CertificateIdentities(key).for(enrollment).id); // the id is public, not secret
  });

  it('spreads codes over the whole alphabet (80 bits: no collision in 20,000)', () => {
    const identities = new CertificateIdentities(key);
    const codes = new Set<string>();
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const code = identities.for(`enrollment-${i}`).code;
      codes.add(code);
      for (const c of code) seen.add(c);
    }
    expect(codes.size).toBe(20_000);
    expect(seen.size).toBe(32);
  });
});
