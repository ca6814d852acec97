// The scan of the e2e run's process logs for personal data and secrets (issue 10): e-mail addresses, JWTs,
// bearer tokens, refresh tokens and other opaque 256-bit tokens, and the exact values of the run's fixtures
// (names, e-mails and passwords of the demo accounts and of the e2e specs). Called by the global teardown after
// every process has stopped, so that it reads complete logs; the run fails on any finding, and also when it found
// no log to read (a scan that sees nothing proves nothing). Unit-tested with planted data: log-scan.spec.mjs.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Addresses of the platform itself, not of a person: they may appear (the sender of every e-mail). */
export const PLATFORM_ADDRESSES = ['ne-pas-repondre@academie-ia.gouv.fr'];

export const PATTERNS = [
  { kind: 'e-mail address', regex: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  { kind: 'JWT', regex: /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g },
  { kind: 'bearer token', regex: /Bearer\s+[A-Za-z0-9._~+/-]{16,}/gi },
  { kind: 'refresh or CSRF cookie', regex: /academie_(?:refresh|csrf)=[^;\s"]+/g },
  // 32 random bytes in base64url: refresh, e-mail and CSRF tokens (newOpaqueToken). Mixed case and a digit, so
  // that a long identifier or word is not taken for one.
  { kind: 'opaque token', regex: /(?<![A-Za-z0-9_-])(?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g },
];

const FIXTURE_FIELD = /\b(email|password|firstName|lastName)\s*:\s*(['"])([^'"`$\n]{3,})\2/g;
/** `registerLearner(runId, label, 'Prénom', 'Nom')` in e2e/web/learning-fixtures.ts and its callers. */
const REGISTER_CALL = /registerLearner\([^,()]+,\s*[^,()]+,\s*'([^']{3,})',\s*'([^']{3,})'\)/g;

/**
 * The personal values of the run's fixtures, read from the files that define them: the demo accounts (seeded
 * with --with-demo-accounts) and every e2e spec and helper.
 */
export function fixtureValues(root) {
  const files = [join(root, 'libs/server/database/src/seeds/demo-accounts.seed-data.ts')];
  for (const dir of ['e2e/web', 'e2e/api']) {
    const full = join(root, dir);
    if (existsSync(full)) for (const name of readdirSync(full)) if (name.endsWith('.ts')) files.push(join(full, name));
  }
  const values = new Map();
  for (const file of files) {
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    for (const [, field, , value] of text.matchAll(FIXTURE_FIELD)) values.set(value, field);
    for (const [, first, last] of text.matchAll(REGISTER_CALL)) {
      values.set(first, 'firstName');
      values.set(last, 'lastName');
    }
  }
  return [...values].map(([value, field]) => ({ value, field }));
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What a finding shows of the value: enough to find it, not enough to reuse it. */
const masked = (value) => (value.length <= 4 ? '***' : `${value.slice(0, 3)}…(${value.length} chars)`);

/** The findings of one log text: `{ line, kind, value }` (value masked). */
export function scanText(text, { fixtures = [], allowed = PLATFORM_ADDRESSES } = {}) {
  const findings = [];
  const known = fixtures.map(({ value, field }) => ({
    kind: `fixture ${field}`,
    regex: new RegExp(`(?<![\\p{L}\\p{N}])${escape(value)}(?![\\p{L}\\p{N}])`, 'gu'),
  }));
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    for (const { kind, regex } of [...PATTERNS, ...known]) {
      for (const match of line.matchAll(regex)) {
        if (kind === 'e-mail address' && allowed.includes(match[0].toLowerCase())) continue;
        findings.push({ line: index + 1, kind, value: masked(match[0]) });
      }
    }
  });
  return findings;
}

/** Scans every file of a log directory; `files` and `bytes` say what was read. */
export function scanLogDirectory(dir, options = {}) {
  const report = { files: 0, bytes: 0, findings: [] };
  if (!existsSync(dir)) return report;
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    const text = readFileSync(path, 'utf8');
    report.files += 1;
    report.bytes += Buffer.byteLength(text);
    for (const finding of scanText(text, options)) report.findings.push({ file: relative(dir, path), ...finding });
  }
  return report;
}

/** One line per finding, for the failure message. */
export const describeFindings = (findings) =>
  findings
    .slice(0, 50)
    .map((f) => `  ${f.file}:${f.line} ${f.kind} ${f.value}`)
    .join('\n') + (findings.length > 50 ? `\n  … and ${findings.length - 50} more` : '');
