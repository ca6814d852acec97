import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const MIN_LENGTH = 32;

/**
 * A development secret kept in a file, so that every local process (api processes, tests started by hand)
 * shares it across restarts: read when present, else generated (48 random bytes, base64url) and written with
 * mode 0600. Creation is atomic: the secret is written to a private temporary file, then hard-linked to its
 * name, which fails if another process won the race; the loser reads the winner's secret. Never for
 * production, where secrets are given by the environment.
 */
export function loadOrCreateSecret(path: string): string {
  const existing = readSecret(path);
  if (existing) return existing;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(temporary, 0o600); // in case the umask took bits away or added none
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  const secret = readSecret(path);
  if (!secret) throw new Error(`${path} holds no usable secret (at least ${MIN_LENGTH} characters): delete it to regenerate`);
  return secret;
}

function readSecret(path: string): string | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const secret = text.trim();
  if (secret.length < MIN_LENGTH) {
    throw new Error(`${path} holds no usable secret (at least ${MIN_LENGTH} characters): delete it to regenerate`);
  }
  return secret;
}
