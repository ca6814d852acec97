import { parseInstant } from './instant';

describe('parseInstant', () => {
  it('reads ISO 8601 date-times with an offset', () => {
    expect(parseInstant('2026-11-25T09:30:00.000Z')).toBe(Date.parse('2026-11-25T09:30:00.000Z'));
    expect(parseInstant('2026-11-25T10:30:00.123456+01:00')).toBe(Date.parse('2026-11-25T09:30:00.123Z'));
    expect(parseInstant('2024-02-29T00:00Z')).toBe(Date.parse('2024-02-29T00:00:00Z'));
    expect(parseInstant('2026-11-25T09:30:00-14:00')).not.toBeNull();
  });

  it('refuses what JavaScript would roll over or PostgreSQL would refuse', () => {
    for (const bad of [
      '2026-02-30T10:00:00Z', // no 30 February (JavaScript reads 2 March)
      '2026-02-29T10:00:00Z', // not a leap year
      '2026-13-01T00:00:00Z',
      '2026-11-25T24:00:00Z',
      '2026-11-25T10:60:00Z',
      '2026-11-25T10:00:60Z',
      '2026-11-25T10:00:00+16:00', // beyond PostgreSQL's offsets
      '2026-11-25T10:00:00.1234567Z',
      '2026-11-25T10:00:00', // no offset
      '2026-11-25',
      '',
      42,
      null,
    ]) {
      expect([bad, parseInstant(bad)]).toEqual([bad, null]);
    }
  });
});
