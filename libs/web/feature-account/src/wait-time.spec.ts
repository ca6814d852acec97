import { describe, expect, it } from '@jest/globals';
import { formatWait } from './wait-time';

describe('formatWait', () => {
  it.each([
    [0, '1 seconde'],
    [1, '1 seconde'],
    [30, '30 secondes'],
    [59.2, '1 minute'],
    [60, '1 minute'],
    [61, '2 minutes'],
    [900, '15 minutes'],
    [3600, '1 heure'],
    [5400, '1 heure 30 minutes'],
    [7260, '2 heures 1 minute'],
  ])('writes %d seconds as « %s »', (seconds, expected) => {
    expect(formatWait(seconds)).toBe(expected);
  });
});
