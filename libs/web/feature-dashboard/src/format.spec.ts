import { describe, expect, it } from '@jest/globals';
import { formatAxis, formatCount, formatMonth, formatShare } from './format';

const nbsp = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

describe('dashboard formats', () => {
  it('shows a hidden count as « < 10 »', () => {
    expect(formatCount({ value: null, suppressed: true })).toBe('< 10');
    expect(nbsp(formatCount({ value: 412345, suppressed: false }))).toBe('412 345');
    expect(formatCount(null)).toBe('—');
  });

  it('keeps small shares readable', () => {
    expect(nbsp(formatShare(0.0275))).toBe('2,8 %');
    expect(nbsp(formatShare(0.41))).toBe('41 %');
    expect(nbsp(formatShare(1 / 15_000_000))).toBe('0,0000067 %');
    expect(formatShare(0)).toBe('0 %');
    expect(formatShare(null)).toBe('—');
  });

  it('names months and axis values in French', () => {
    expect(formatMonth('2030-12')).toBe('décembre 2030');
    expect(nbsp(formatAxis(15_000_000))).toBe('15 M');
    expect(nbsp(formatAxis(250_000))).toBe('250 k');
    expect(formatAxis(40)).toBe('40');
  });
});
