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
});
