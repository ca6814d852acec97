import { describe, expect, it } from '@jest/globals';
import { formatDate } from './format-date';

describe('formatDate', () => {
  it('writes the first of the month « 1er »', () => {
    expect(formatDate(new Date(2026, 9, 1, 12))).toBe('1er octobre 2026');
  });

  it('writes other days as numbers', () => {
    expect(formatDate(new Date(2026, 10, 23, 12))).toBe('23 novembre 2026');
    expect(formatDate(new Date(2026, 10, 11, 12))).toBe('11 novembre 2026');
  });

  it('writes a calendar date as the day it names, whatever the time zone', () => {
    expect(formatDate('2026-03-01')).toBe('1er mars 2026');
    expect(formatDate('2026-12-31')).toBe('31 décembre 2026');
  });

  it('returns what is not a date as it came', () => {
    expect(formatDate('bientôt')).toBe('bientôt');
  });
});
