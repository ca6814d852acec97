import { isValidSiren, isValidSiret, luhnValid } from './siren';

describe('SIREN and SIRET', () => {
  it('accepts the reference example and refuses its neighbour', () => {
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiren('123456789')).toBe(false);
    expect(isValidSiren('732829321')).toBe(false);
  });

  it('refuses anything that is not exactly the digits', () => {
    for (const value of ['', '73282932', '7328293200', '73282932a', ' 732829320', '732 829 320']) {
      expect(isValidSiren(value)).toBe(false);
    }
  });

  it('checks a SIRET over its 14 digits', () => {
    expect(isValidSiret('73282932000074')).toBe(true);
    expect(isValidSiret('73282932000075')).toBe(false);
    expect(luhnValid('abc')).toBe(false);
  });
});
