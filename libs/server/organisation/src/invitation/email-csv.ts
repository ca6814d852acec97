import type { ImportLineError } from '@academie/contracts';

export interface ParsedEmailCsv {
  /** Normalised (trimmed, lower-case) addresses, first occurrence only, with their line number (1-based). */
  valid: { line: number; email: string }[];
  errors: ImportLineError[];
  /** Lines that held something (blank lines and the header are not counted). */
  totalLines: number;
}

// A pragmatic address check (what the identity context accepts at sign-up): one @, a dot in the domain, no spaces.
const EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const MAX_EMAIL = 254;

/** Reason a value is not an acceptable address, in plain French, or null. */
export function emailProblem(value: string): string | null {
  if (value === '') return 'adresse e-mail manquante';
  if (value.length > MAX_EMAIL) return `adresse de plus de ${MAX_EMAIL} caractères`;
  if (!value.includes('@')) return 'il manque le @';
  if (/\s/.test(value)) return 'l’adresse contient une espace';
  if (!EMAIL.test(value)) return 'adresse e-mail mal formée';
  return null;
}

/** Splits one CSV line on `,` or `;`, honouring double quotes. */
function cells(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === ';') {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out.map((cell) => cell.trim());
}

/**
 * Reads a CSV of e-mail addresses: one per line, or a column named `email`/`e-mail`/`courriel` (else the first
 * column). Every line is checked; a bad line is reported with its number and reason, a repeated address too.
 */
export function parseEmailCsv(text: string): ParsedEmailCsv {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let column = 0;
  let start = 0;
  const header = cells(lines[0] ?? '').map((cell) => cell.toLowerCase());
  const named = header.findIndex((cell) => ['email', 'e-mail', 'courriel', 'adresse e-mail', 'mail'].includes(cell));
  if (named >= 0) {
    column = named;
    start = 1;
  }
  const valid: ParsedEmailCsv['valid'] = [];
  const errors: ImportLineError[] = [];
  const seen = new Map<string, number>();
  let totalLines = 0;
  for (let i = start; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    totalLines++;
    const line = i + 1;
    const raw = cells(lines[i])[column] ?? '';
    const email = raw.toLowerCase();
    const problem = emailProblem(email);
    if (problem) {
      errors.push({ line, value: raw.slice(0, 100), reason: problem });
      continue;
    }
    const first = seen.get(email);
    if (first !== undefined) {
      errors.push({ line, value: raw, reason: `adresse déjà présente à la ligne ${first}` });
      continue;
    }
    seen.set(email, line);
    valid.push({ line, email });
  }
  return { valid, errors, totalLines };
}
