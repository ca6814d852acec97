import { DomainError } from '@academie/server-core';
import { decodeCursor, encodeCursor, parseActivity, parseAgent, parseFilters } from './xapi-query';

const BASE = 'https://academie-ia.gouv.fr';
const ANON = '6f1c2b3a-1111-4222-8333-444455556666';
const LESSON = '0e2d7c7e-9a3b-4c55-8d6e-7f8091a2b3c4';

describe('xAPI query parameters', () => {
  it('reads an agent of this platform as its anonymous id, anybody else as no match, and refuses what is not an Agent', () => {
    expect(parseAgent(JSON.stringify({ objectType: 'Agent', account: { homePage: BASE, name: ANON } }), BASE)).toBe(ANON);
    expect(parseAgent(JSON.stringify({ account: { homePage: `${BASE}/`, name: ANON.toUpperCase() } }), BASE)).toBe(ANON);
    expect(parseAgent(JSON.stringify({ account: { homePage: 'https://ailleurs.example', name: ANON } }), BASE)).toBeNull();
    expect(parseAgent(JSON.stringify({ mbox: 'mailto:camille@example.fr' }), BASE)).toBeNull();
    expect(parseAgent(JSON.stringify({ account: { homePage: BASE, name: 'camille' } }), BASE)).toBeNull();
    for (const bad of ['{', '[]', '"x"', JSON.stringify({ objectType: 'Activity', mbox: 'mailto:a@b.c' }), JSON.stringify({}), JSON.stringify({ mbox: 'mailto:a@b.c', account: {} }), JSON.stringify({ account: { name: 'x' } })]) {
      expect(() => parseAgent(bad, BASE)).toThrow(DomainError);
    }
  });

  it('reads the platform’s course and lesson activities', () => {
    expect(parseActivity(`${BASE}/cours/ia-et-rgpd`, BASE)).toEqual({ courseSlug: 'ia-et-rgpd' });
    expect(parseActivity(`${BASE}/cours/ia-et-rgpd/lecons/${LESSON}`, BASE)).toEqual({ courseSlug: 'ia-et-rgpd', lessonId: LESSON });
    for (const other of [`${BASE}/cours/`, `${BASE}/cours/IA`, `${BASE}/cours/a/lecons/x`, `${BASE}/cours/a/b/c`, 'https://ailleurs.example/cours/a', `${BASE}/cours/a/lecons/${LESSON}/x`]) {
      expect([other, parseActivity(other, BASE)]).toEqual([other, null]);
    }
  });

  it('normalises the filters: limits, order, an unknown verb or a foreign activity matching nothing', () => {
    expect(parseFilters({}, BASE)).toEqual({ relatedActivities: false, limit: 100, ascending: false, format: 'exact', nothing: false, since: undefined, until: undefined, registration: undefined });
    expect(parseFilters({ limit: 0 }, BASE).limit).toBe(500);
    expect(parseFilters({ verb: 'http://adlnet.gov/expapi/verbs/passed', ascending: 'true' }, BASE)).toMatchObject({ verb: 'passed', ascending: true, nothing: false });
    expect(parseFilters({ verb: 'http://adlnet.gov/expapi/verbs/attended' }, BASE).nothing).toBe(true);
    expect(parseFilters({ activity: 'https://ailleurs.example/x' }, BASE).nothing).toBe(true);
    expect(parseFilters({ activity: `${BASE}/cours/ia-et-rgpd`, related_activities: 'true' }, BASE)).toMatchObject({ courseSlug: 'ia-et-rgpd', relatedActivities: true });
  });

  it('carries the filters and the position in an opaque cursor, and refuses a tampered one', () => {
    const filters = parseFilters({ verb: 'http://adlnet.gov/expapi/verbs/completed', limit: 10 }, BASE);
    const cursor = { filters, stored: '2026-03-02T10:00:00.123456Z', id: LESSON };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    const tamper = (change: (value: Record<string, unknown>) => void) => {
      const raw = JSON.parse(Buffer.from(encodeCursor(cursor), 'base64url').toString()) as Record<string, unknown>;
      change(raw);
      return Buffer.from(JSON.stringify(raw)).toString('base64url');
    };
    for (const bad of [
      'nope',
      tamper((raw) => (raw.v = 2)),
      tamper((raw) => (raw.s = "2026-03-02'; DROP TABLE")),
      tamper((raw) => (raw.i = 'x')),
      tamper((raw) => ((raw.f as Record<string, unknown>).limit = 10_000)),
      tamper((raw) => ((raw.f as Record<string, unknown>).agent = 'robert')),
      tamper((raw) => ((raw.f as Record<string, unknown>).verb = 'toString')),
    ]) {
      expect(() => decodeCursor(bad)).toThrow(DomainError);
    }
  });
});
