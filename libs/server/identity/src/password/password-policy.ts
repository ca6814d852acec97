import { PASSWORD_MIN_LENGTH } from '@academie/contracts';
import { COMMON_PASSWORDS_TEXT } from './common-passwords';

/** Longer inputs are refused before hashing: argon2 of a megabyte is a way to burn the CPU. */
export const PASSWORD_MAX_LENGTH = 128;

let common: Set<string> | undefined;
const commonPasswords = (): Set<string> =>
  (common ??= new Set(COMMON_PASSWORDS_TEXT.split('\n').filter((line) => line.length > 0)));

/** Unicode-aware length: "é" counts once, an emoji counts once. */
const length = (value: string): number => [...value].length;

/**
 * Why a password is refused, or null when it is acceptable. The rules follow NIST SP 800-63B and the
 * CNIL's recommendation for a password alone: a minimum length, no composition rules, and a check against
 * the passwords attackers try first — as they are, and wrapped in digits and symbols ("Soleil2024!!").
 * `context` holds words the password must not be built on (the e-mail, the names).
 */
export function passwordProblem(password: string, context: { email?: string; names?: string[] } = {}): string | null {
  if (length(password) < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  if (length(password) > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  const lower = password.normalize('NFKC').toLowerCase();
  const list = commonPasswords();
  if (list.has(lower) || list.has(lower.trim())) return 'is too common: choose a less predictable password';
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  if (core.length > 0 && list.has(core)) return 'is a common word wrapped in digits or symbols: choose a less predictable password';
  if (new Set(lower).size < 4) return 'repeats too few different characters';
  const email = context.email?.trim().toLowerCase() ?? '';
  if (email && lower.includes(email)) return 'must not be built on your e-mail address or your name';
  const local = email.split('@')[0];
  const personal = [local, ...(context.names ?? []).map((name) => name.trim().toLowerCase())].filter((w) => w.length >= 4);
  for (const word of personal) {
    const rest = lower.replaceAll(word, '').replace(/[\d\W_]+/g, '');
    if (lower.includes(word) && rest.length < 4) return 'must not be built on your e-mail address or your name';
  }
  return null;
}
