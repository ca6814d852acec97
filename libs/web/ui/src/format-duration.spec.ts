import { describe, expect, it } from '@jest/globals';
import { formatDuration, formatDurationLong } from './format-duration';

const plain = (text: string) => text.replace(/\u00a0/g, ' ');

describe('formatDuration', () => {
  it.each([
    [0, '0 min'],
    [45, '45 min'],
    [60, '1 h'],
    [90, '1 h 30'],
    [125, '2 h 05'],
    [600, '10 h'],
  ])('writes %i minutes as « %s »', (minutes, expected) => {
    expect(plain(formatDuration(minutes))).toBe(expected);
  });

  it('keeps the parts of a duration together with non-breaking spaces', () => {
    expect(formatDuration(90)).toBe('1\u00a0h\u00a030');
  });
});

describe('formatDurationLong', () => {
  it.each([
    [1, '1 minute'],
    [45, '45 minutes'],
    [60, '1 heure'],
    [90, '1 heure 30 minutes'],
    [121, '2 heures 1 minute'],
  ])('spells %i minutes as « %s »', (minutes, expected) => {
    expect(formatDurationLong(minutes)).toBe(expected);
  });
});
