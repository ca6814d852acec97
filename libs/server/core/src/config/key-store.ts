import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const MIN_LENGTH = 32;

/** What a development key file holds: how to make one, and what makes its text usable. */
export interface KeyKind {
  /** A new key, as the text to write to the file. */
  generate(): string;
  /** Null when the text (trimmed) is usable, else why not. */
  problem(text: string): string | null;
}

/** A random secret: 48 random bytes, base64url; at least 32 characters when read back. */
export const RANDOM_SECRET: KeyKind = {
  generate: () => randomBytes(48).toString('base64url'),
  problem: (text) => (text.length < MIN_LENGTH ? `at least ${MIN_LENGTH} characters` : null),
};

/** An RSA 2048 private key, PKCS#8 PEM (credential signatures). */
export const RSA_PRIVATE_KEY_PEM: KeyKind = {
  generate: () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  problem: (text) => (/^-----BEGIN (RSA )?PRIVATE KEY-----[\s\S]+-----END (RSA )?PRIVATE KEY-----$/.test(text) ? null : 'a PEM private key'),
};

/**
 * A development key kept in a file, so that every local process (api, worker, tests started by hand) shares
 * it across restarts: read when present, else generated and written with mode 0600. Creation is atomic: the
 * key is written to a private temporary file, then hard-linked to its name, which fails if another process
 * won the race; the loser reads the winner's key. Never for production, where keys are given by the environment.
 */
export function loadOrCreateSecret(path: string, kind: KeyKind = RANDOM_SECRET): string {
  const existing = readSecret(path, kind);
  if (existing) return existing;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${kind.generate().trim()}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(temporary, 0o600); // in case the umask took bits away or added none
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  const secret = readSecret(path, kind);
  if (!secret) throw new Error(`${path} holds no usable secret: delete it to regenerate`);
  return secret;
}

function readSecret(path: string, kind: KeyKind): string | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const secret = text.trim();
  const problem = kind.problem(secret);
  if (problem) throw new Error(`${path} holds no usable secret (${problem}): delete it to regenerate`);
  return secret;
}
