// The decision of `npm run audit:prod`, kept apart from the npm call so that it is unit-tested with recorded
// reports (fixtures/): which advisories npm reported, which of them the allow-list accepts, which entries of the
// allow-list no longer match anything (stale), and whether the audit service answered at all.

export const SEVERITIES = ['info', 'low', 'moderate', 'high', 'critical'];

/** Exit codes of the script: distinct, so that CI tells "vulnerable" from "could not ask". */
export const EXIT = { ok: 0, failed: 1, unavailable: 3 };

/** The id an allow-list entry names: the GitHub advisory id when npm gives its URL, else npm's numeric id. */
export function advisoryId(via) {
  const ghsa = /GHSA-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}/i.exec(via.url ?? '');
  return ghsa ? ghsa[0] : String(via.source);
}

/**
 * The advisories of an `npm audit --json` report (auditReportVersion 2), one per id, or null when the report is
 * not an audit at all (the registry refused: 405 on this machine, ENOAUDIT, no network…).
 */
export function advisoriesOf(report) {
  if (!report || typeof report !== 'object' || report.auditReportVersion !== 2 || typeof report.vulnerabilities !== 'object') {
    return null;
  }
  const byId = new Map();
  for (const vulnerability of Object.values(report.vulnerabilities)) {
    for (const via of vulnerability.via ?? []) {
      // A string names another vulnerable package (a transitive path); its advisory is listed under that package.
      if (typeof via !== 'object' || via === null) continue;
      const id = advisoryId(via);
      if (!byId.has(id)) byId.set(id, { id, package: via.name, severity: via.severity, title: via.title, url: via.url, range: via.range });
    }
  }
  return [...byId.values()];
}

/** Why the audit service did not answer, in one line, from npm's error report. */
export function unavailableReason(report, stderr = '') {
  const fromReport = report?.message ?? report?.error?.summary ?? report?.error?.code;
  const fromStderr = /npm (?:error|warn|ERR!) (audit .*)/.exec(stderr)?.[1];
  // The registry's address stays out of the logs: the configuration says which one it is.
  return String(fromReport || fromStderr || 'no audit report (no answer from the registry)')
    .replace(/https?:\/\/[^/\s)]+/g, '<registry>')
    .trim();
}

/**
 * The verdict: `unavailable` when the service did not answer; `failed` when an advisory at or above the
 * threshold is not in the allow-list, or when an allow-list entry matches no reported advisory (stale: remove it,
 * so that the list only holds what still needs a reason); `ok` otherwise. Low and info advisories are reported.
 */
export function decide(report, allowList, { threshold = 'moderate', stderr = '' } = {}) {
  const advisories = advisoriesOf(report);
  if (advisories === null) {
    return { status: 'unavailable', reason: unavailableReason(report, stderr), unlisted: [], stale: [], accepted: [], below: [] };
  }
  const allowed = allowList?.advisories ?? {};
  const min = SEVERITIES.indexOf(threshold);
  const reportedIds = new Set(advisories.map((a) => a.id));
  const accepted = advisories.filter((a) => a.id in allowed);
  const unlisted = advisories.filter((a) => !(a.id in allowed) && SEVERITIES.indexOf(a.severity) >= min);
  const below = advisories.filter((a) => !(a.id in allowed) && SEVERITIES.indexOf(a.severity) < min);
  const stale = Object.keys(allowed).filter((id) => !reportedIds.has(id));
  return { status: unlisted.length || stale.length ? 'failed' : 'ok', reason: '', unlisted, stale, accepted, below };
}

/** Checks the allow-list itself: every entry says which package and why the advisory does not apply. */
export function allowListProblems(allowList) {
  if (!allowList || typeof allowList.advisories !== 'object' || allowList.advisories === null) return ['the file has no "advisories" object'];
  return Object.entries(allowList.advisories).flatMap(([id, entry]) => {
    const problems = [];
    if (!/^(GHSA-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}|\d+)$/i.test(id)) problems.push(`${id}: not a GHSA id nor an npm advisory number`);
    if (typeof entry?.package !== 'string' || !entry.package) problems.push(`${id}: "package" is missing`);
    if (typeof entry?.reason !== 'string' || entry.reason.trim().length < 20) problems.push(`${id}: "reason" must say why it does not apply`);
    return problems;
  });
}
