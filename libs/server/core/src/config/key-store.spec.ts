import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';
import { loadOrCreateSecret } from './key-store';
import { parseJwks, parseRsaPrivateKey } from './signing-key';

describe('development secrets', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'academie-keys-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('generates a secret once, mode 0600, and gives the same one to every later load', () => {
    const path = join(dir, 'keys', 'auth-jwt-secret');
    const first = loadOrCreateSecret(path);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSecret(path)).toBe(first);
    expect(readFileSync(path, 'utf8').trim()).toBe(first);
  });

  it('refuses a file holding a secret too short to be one', () => {
    const path = join(dir, 'short');
    writeFileSync(path, 'abc\n');
    expect(() => loadOrCreateSecret(path)).toThrow(/no usable secret/);
  });

  it('fills AUTH_JWT_SECRET from DATA_DIR in development when the process asks for it', () => {
    const config = loadConfig({ DATA_DIR: dir }, { secrets: ['AUTH_JWT_SECRET'] });
    expect(config.AUTH_JWT_SECRET).toBe(readFileSync(join(dir, 'keys', 'auth-jwt-secret'), 'utf8').trim());
    expect(loadConfig({ DATA_DIR: dir, NODE_ENV: 'test' }, { secrets: ['AUTH_JWT_SECRET'] }).AUTH_JWT_SECRET).toBe(
      config.AUTH_JWT_SECRET,
    );
  });

  it('leaves it alone for processes that do not use it', () => {
    expect(loadConfig({ DATA_DIR: dir }).AUTH_JWT_SECRET).toBeUndefined();
  });

  it('requires it in production, and never writes a key file there', () => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'production', DATA_DIR: dir }, { secrets: ['AUTH_JWT_SECRET'] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('AUTH_JWT_SECRET');
    expect(() => statSync(join(dir, 'keys'))).toThrow();
    const given = 'x'.repeat(16) + 'y'.repeat(16);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: given }, { secrets: ['AUTH_JWT_SECRET'] }).AUTH_JWT_SECRET).toBe(given);
  });

  it('refuses a given secret under 32 characters without printing it', () => {
    let error: unknown;
    try {
      loadConfig({ AUTH_JWT_SECRET: 'short-secret-value' });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).variable).toBe('AUTH_JWT_SECRET');
    expect((error as ConfigError).message).toContain('at least 32 characters');
    expect((error as ConfigError).message).not.toContain('short-secret-value');
  });
});

describe('the credential signing key', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'academie-keys-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is generated once in development as an RSA 2048 PEM, mode 0600, and shared by later loads', () => {
    const config = loadConfig({ DATA_DIR: dir }, { secrets: ['CREDENTIAL_SIGNING_KEY'] });
    const path = join(dir, 'keys', 'credential-signing-key.pem');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const key = parseRsaPrivateKey(config.CREDENTIAL_SIGNING_KEY!);
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(loadConfig({ DATA_DIR: dir, NODE_ENV: 'test' }, { secrets: ['CREDENTIAL_SIGNING_KEY'] }).CREDENTIAL_SIGNING_KEY).toBe(
      config.CREDENTIAL_SIGNING_KEY,
    );
    expect(loadConfig({ DATA_DIR: dir }).CREDENTIAL_SIGNING_KEY).toBeUndefined();
  });

  it('is required in production, with the command that makes one', () => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'production', DATA_DIR: dir, AUTH_JWT_SECRET: 'z'.repeat(40) }, { secrets: ['AUTH_JWT_SECRET', 'CREDENTIAL_SIGNING_KEY'] });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).variable).toBe('CREDENTIAL_SIGNING_KEY');
    expect((error as ConfigError).message).toContain('openssl genpkey');
    expect(() => statSync(join(dir, 'keys'))).toThrow();
  });

  it('accepts PEM with escaped newlines and private JWKs, refuses short, non-RSA and garbage keys without printing them', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const pem = rsa.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(loadConfig({ CREDENTIAL_SIGNING_KEY: pem.replace(/\n/g, '\\n') }).CREDENTIAL_SIGNING_KEY).toBeDefined();
    expect(loadConfig({ CREDENTIAL_SIGNING_KEY: JSON.stringify(rsa.export({ format: 'jwk' })) }).CREDENTIAL_SIGNING_KEY).toBeDefined();
    const refused = (value: string): ConfigError => {
      try {
        loadConfig({ CREDENTIAL_SIGNING_KEY: value });
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('accepted');
    };
    const short = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(refused(short).message).toContain('at least 2048 bits');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(refused(ec).message).toContain('RSA');
    const garbage = refused('not-a-key-but-a-secret-value');
    expect(garbage.variable).toBe('CREDENTIAL_SIGNING_KEY');
    expect(garbage.message).not.toContain('not-a-key-but-a-secret-value');
  });

  it('reads former public keys as a JWKS and refuses anything else', () => {
    const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
    expect(parseJwks(JSON.stringify({ keys: [jwk] }))).toHaveLength(1);
    expect(() => loadConfig({ CREDENTIAL_PREVIOUS_PUBLIC_KEYS: '[1]' })).toThrow(/JSON Web Key Set/);
    expect(() => loadConfig({ CREDENTIAL_PREVIOUS_PUBLIC_KEYS: '{"keys":[{"kty":"oct"}]}' })).toThrow(/key 0/);
  });
});
