// `npm run audit:prod`: `npm audit --omit=dev --json` (the dependencies that ship) against the committed
// allow-list security/audit-allowlist.json, where each accepted advisory says why it does not apply.
//
//   exit 0  no advisory at moderate or above outside the allow-list, and no stale entry
//   exit 1  an unlisted advisory at moderate or above, a stale or malformed allow-list entry
//   exit 3  AUDIT UNAVAILABLE: the registry did not answer the audit (on this machine it answers 405)
//
// --tolerate-unavailable (used by `npm test`): exit 0 on "audit unavailable", after saying so loudly; a report
// with unlisted advisories still fails. --input <file>: decide on a recorded report instead of calling npm.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT, allowListProblems, decide } from './audit-decision.mjs';

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
const args = process.argv.slice(2);
const tolerateUnavailable = args.includes('--tolerate-unavailable');
const inputIndex = args.indexOf('--input');
const allowListPath = join(root, 'security', 'audit-allowlist.json');
const say = (line) => console.log(`[audit:prod] ${line}`);

const allowList = JSON.parse(readFileSync(allowListPath, 'utf8'));
const listProblems = allowListProblems(allowList);
if (listProblems.length) {
  for (const problem of listProblems) say(`allow-list: ${problem}`);
  process.exit(EXIT.failed);
}

let raw;
let stderr = '';
if (inputIndex >= 0) {
  raw = readFileSync(args[inputIndex + 1], 'utf8');
} else {
  // npm exits 1 both when it finds advisories and when it fails: the JSON on stdout tells which.
  const npm = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
  raw = npm.stdout ?? '';
  stderr = `${npm.stderr ?? ''}${npm.error ? String(npm.error) : ''}`;
}
let report = null;
try {
  report = JSON.parse(raw);
} catch {
  report = null;
}

const verdict = decide(report, allowList, { stderr });
if (verdict.status === 'unavailable') {
  say(`AUDIT UNAVAILABLE: ${verdict.reason}`);
  say('The production dependencies were NOT checked. Run `npm run audit:prod` where the registry answers audits.');
  process.exit(tolerateUnavailable ? EXIT.ok : EXIT.unavailable);
}

const line = (a) => `${a.severity.padEnd(8)} ${a.id} ${a.package} ${a.range ?? ''} — ${a.title ?? ''}`;
for (const a of verdict.accepted) say(`accepted (allow-list) ${line(a)}: ${allowList.advisories[a.id].reason}`);
for (const a of verdict.below) say(`reported (below moderate) ${line(a)}`);
for (const a of verdict.unlisted) say(`NOT IN THE ALLOW-LIST ${line(a)} ${a.url ?? ''}`);
for (const id of verdict.stale) say(`STALE allow-list entry ${id} (${allowList.advisories[id].package}): npm no longer reports it, remove it`);
say(
  verdict.status === 'ok'
    ? `ok: ${verdict.accepted.length} accepted, ${verdict.below.length} below moderate, none unlisted`
    : `failed: ${verdict.unlisted.length} unlisted advisories, ${verdict.stale.length} stale entries`,
);
process.exit(verdict.status === 'ok' ? EXIT.ok : EXIT.failed);
