import { describe, expect, it } from '@jest/globals';
import { formatAge, parseTerms, startOfDay, startOfNextDay } from './format';

describe('formatAge', () => {
  it.each([
    [0, '0 s'],
    [59, '59 s'],
    [60, '1 min 00 s'],
    [200, '3 min 20 s'],
    [3600, '1 h 00 min'],
    [7500, '2 h 05 min'],
    [47 * 3600 + 59 * 60, '47 h 59 min'],
    [48 * 3600, '2 j 0 h'],
    [76 * 3600, '3 j 4 h'],
  ])('%i s reads « %s »', (seconds, text) => {
    expect(formatAge(seconds)).toBe(text);
  });
});

describe('audit date range', () => {
  it('starts a day at local midnight and ends it at the next one, across a month end', () => {
    expect(new Date(startOfDay('2026-11-25')).getHours()).toBe(0);
    expect(new Date(startOfDay('2026-11-25')).getDate()).toBe(25);
    const end = new Date(startOfNextDay('2026-11-30'));
    expect([end.getMonth(), end.getDate(), end.getHours()]).toEqual([11, 1, 0]);
    expect(new Date(startOfNextDay('2026-12-31')).getFullYear()).toBe(2027);
  });
});

describe('parseTerms', () => {
  it('splits on commas, semicolons and lines, trims, drops blanks', () => {
    expect(parseTerms(' IA, intelligence artificielle ;\n\nLLM,, ')).toEqual(['IA', 'intelligence artificielle', 'LLM']);
    expect(parseTerms('   ')).toEqual([]);
  });
});
