// The decision of `npm run audit:prod` on reports recorded from npm (fixtures/): the 405 this machine's registry
// answers, ENOAUDIT, a clean report and one with advisories at every severity.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT, advisoriesOf, allowListProblems, decide } from './audit-decision.mjs';

const fixture = (name) => JSON.parse(readFileSync(join(fileURLToPath(import.meta.url), '..', 'fixtures', name), 'utf8'));
const entry = (pkg) => ({ package: pkg, reason: 'Only reached with options the platform never sets (reviewed).' });

describe('audit decision', () => {
  it('says "unavailable" with the registry answer when the audit endpoint refuses (405), never "ok"', () => {
    const verdict = decide(fixture('audit-unavailable-405.json'), { advisories: {} });
    expect(verdict.status).toBe('unavailable');
    expect(verdict.reason).toMatch(/405 Method Not Allowed/);
    expect(verdict.reason).toContain('POST <registry>/-/npm/v1/security/advisories/bulk'); // no host in the logs
    expect(decide(fixture('audit-enoaudit.json'), { advisories: {} })).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/does not support audit/) });
    expect(decide(null, { advisories: {} }, { stderr: 'npm error audit endpoint returned an error' })).toMatchObject({
      status: 'unavailable',
      reason: 'audit endpoint returned an error',
    });
  });

  it('passes a clean report', () => {
    expect(decide(fixture('audit-clean.json'), { advisories: {} })).toMatchObject({ status: 'ok', unlisted: [], stale: [] });
  });

  it('fails on every unlisted advisory at moderate or above, once per advisory, and only reports the low ones', () => {
    const verdict = decide(fixture('audit-advisories.json'), { advisories: {} });
    expect(verdict.status).toBe('failed');
    expect(verdict.unlisted.map((a) => `${a.severity} ${a.id} ${a.package}`).sort()).toEqual([
      'critical GHSA-xwcq-pm8m-c4vf crypto-js',
      'moderate GHSA-rm97-x556-q36h sanitize-html',
    ]);
    expect(verdict.below.map((a) => a.id)).toEqual(['GHSA-pxg6-pf52-xh8x']);
  });

  it('passes when the allow-list accepts them, and fails on an entry npm no longer reports (stale)', () => {
    const allowList = { advisories: { 'GHSA-xwcq-pm8m-c4vf': entry('crypto-js'), 'GHSA-rm97-x556-q36h': entry('sanitize-html') } };
    expect(decide(fixture('audit-advisories.json'), allowList)).toMatchObject({ status: 'ok', unlisted: [], stale: [] });
    const withStale = { advisories: { ...allowList.advisories, 'GHSA-aaaa-bbbb-cccc': entry('left-pad') } };
    expect(decide(fixture('audit-advisories.json'), withStale)).toMatchObject({ status: 'failed', unlisted: [], stale: ['GHSA-aaaa-bbbb-cccc'] });
    expect(decide(fixture('audit-clean.json'), withStale).stale).toHaveLength(3);
  });

  it('reads advisories by GHSA id, skipping the transitive names', () => {
    expect(advisoriesOf(fixture('audit-advisories.json'))?.map((a) => a.id).sort()).toEqual([
      'GHSA-pxg6-pf52-xh8x',
      'GHSA-rm97-x556-q36h',
      'GHSA-xwcq-pm8m-c4vf',
    ]);
    expect(advisoriesOf(fixture('audit-unavailable-405.json'))).toBeNull();
  });

  it('checks that every allow-list entry names its package and says why', () => {
    expect(allowListProblems(JSON.parse(readFileSync(join(fileURLToPath(import.meta.url), '..', '..', '..', 'security', 'audit-allowlist.json'), 'utf8')))).toEqual([]);
    expect(allowListProblems({ advisories: { 'GHSA-xwcq-pm8m-c4vf': { package: 'crypto-js', reason: 'ok' }, nope: entry('x') } })).toEqual([
      'GHSA-xwcq-pm8m-c4vf: "reason" must say why it does not apply',
      'nope: not a GHSA id nor an npm advisory number',
    ]);
  });

  it('uses distinct exit codes for failed and unavailable', () => {
    expect(new Set(Object.values(EXIT)).size).toBe(3);
  });
});
