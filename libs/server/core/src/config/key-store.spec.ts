import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';
import { loadOrCreateSecret } from './key-store';

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
