// The log scan of the e2e run, proven on planted data: it must find each kind of personal data and token in
// files laid out as the e2e processes write them, and know the real fixtures of the suite.
import { afterAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureValues, scanLogDirectory, scanText } from './log-scan.mjs';
import { logDir, root } from './processes.mjs';

const dir = mkdtempSync(join(tmpdir(), 'log-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const line = (fields) => `${JSON.stringify({ time: '2026-11-25T12:00:00.000Z', level: 'info', service: 'api', ...fields })}\n`;
const jwt = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwic2lkIjoiYWJjIn0.c2lnbmF0dXJlLW9mLWEtdGVzdA';
const refresh = randomBytes(32).toString('base64url').replace(/^./, 'A').replace(/.$/, '7').replace(/(.{5})./, '$1b');

describe('e2e log scan', () => {
  it('reads the directory the e2e processes log to', () => {
    expect(logDir).toBe(join(root, 'tmp', 'e2e-logs'));
  });

  it('knows the fixtures of the suite: demo accounts and the people of the e2e specs', () => {
    const values = fixtureValues(root).map((f) => f.value);
    expect(values).toEqual(expect.arrayContaining(['apprenant@demo.academie-ia.fr', 'Demo-Apprenant-2030', 'Camille', 'Martin', 'Lefèvre', 'Trois baleines bleues à Brest']));
  });

  it('finds every kind of planted personal data and token, with file and line, masked', () => {
    writeFileSync(
      join(dir, 'main-api.log'),
      line({ msg: 'request', route: '/api/me', status: 200 }) +
        line({ msg: 'signed up', email: 'yann.legoff.k3x@example.fr' }) +
        line({ msg: 'auth', header: `Bearer ${jwt}` }) +
        line({ msg: 'cookie', cookie: `academie_refresh=${refresh}; Path=/api/auth` }) +
        line({ msg: 'token', token: refresh }),
    );
    writeFileSync(
      join(dir, 'main-worker.log'),
      line({ msg: 'mail sent', from: 'ne-pas-repondre@academie-ia.gouv.fr' }) + line({ msg: 'greeting', text: 'Bonjour Camille Lefèvre' }) + line({ msg: 'x', password: 'Demo-Apprenant-2030' }),
    );
    const report = scanLogDirectory(dir, { fixtures: fixtureValues(root) });
    expect(report.files).toBe(2);
    const found = report.findings.map((f) => `${f.file}:${f.line} ${f.kind}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'main-api.log:2 e-mail address',
        'main-api.log:3 JWT',
        'main-api.log:3 bearer token',
        'main-api.log:4 refresh or CSRF cookie',
        'main-api.log:5 opaque token',
        'main-worker.log:2 fixture firstName',
        'main-worker.log:2 fixture lastName',
        'main-worker.log:3 fixture password',
      ]),
    );
    // The clean request line and the platform's own sender address are not findings.
    expect(found.filter((f) => f.startsWith('main-api.log:1 ') || f.startsWith('main-worker.log:1 '))).toEqual([]);
    expect(JSON.stringify(report.findings)).not.toContain(refresh);
    expect(JSON.stringify(report.findings)).not.toContain('Demo-Apprenant-2030');
  });

  it('does not take request ids, routes or log words for personal data', () => {
    const clean = line({ msg: 'request', requestId: '3f2b6c1e-8a4d-4f0e-9b7a-2c5d8e1f0a3b', route: '/api/courses/:slug', status: 404, durationMs: 3 });
    expect(scanText(clean, { fixtures: fixtureValues(root) })).toEqual([]);
  });

  it('reports an empty or missing directory as zero files (which the teardown refuses)', () => {
    expect(scanLogDirectory(join(dir, 'missing'))).toEqual({ files: 0, bytes: 0, findings: [] });
  });
});
