import { randomBytes } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import * as argon2 from 'argon2';

/** OWASP's argon2id parameters: 19 MiB of memory, 2 iterations, 1 lane (about 20 to 40 ms per hash). */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id at OWASP's parameters (also used by the demo seed). */
export const hashPassword = (password: string): Promise<string> => argon2.hash(password, ARGON2_OPTIONS);

/**
 * Password hashing and checking. Checking an unknown account goes through `verifyDummy`, which costs one real
 * verification against a hash made at start, so that neither the answer nor its timing tells whether an
 * account exists.
 */
@Injectable()
export class PasswordHasher implements OnModuleInit {
  private dummyHash: Promise<string> | undefined;

  onModuleInit(): void {
    void this.dummy();
  }

  hash(password: string): Promise<string> {
    return hashPassword(password);
  }

  /** False for a wrong password and for a malformed stored hash (never throws on bad input). */
  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** As long as a real verification, always false. */
  async verifyDummy(password: string): Promise<false> {
    await this.verify(await this.dummy(), password);
    return false;
  }

  /** True when a stored hash was made with other parameters: rehash it at the next successful login. */
  needsRehash(hash: string): boolean {
    try {
      return argon2.needsRehash(hash, ARGON2_OPTIONS);
    } catch {
      return true;
    }
  }

  private dummy(): Promise<string> {
    return (this.dummyHash ??= hashPassword(randomBytes(24).toString('base64url')));
  }
}
