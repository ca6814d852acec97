import { describe, expect, it } from '@jest/globals';
import {
  clearedFilters,
  countOf,
  EMPTY_FILTERS,
  filtersFromParams,
  hasFilters,
  paramsFromFilters,
  searchQueryOf,
  toggled,
  usesProfileAudience,
  withAudiences,
} from './catalogue-filters';

const parse = (search: string) => filtersFromParams(new URLSearchParams(search));

describe('catalogue filters in the address', () => {
  it('reads the text and every list, comma-separated or repeated, keeping known codes only', () => {
    const filters = parse('q=intelligence+artificielle&level=avance,decouverte&level=inconnu&kind=tutorial&sector=C&sector=ZZ&useCase=rh,marketing&duree=1h_2h');
    expect(filters).toEqual({
      q: 'intelligence artificielle',
      audience: undefined,
      level: ['decouverte', 'avance'],
      kind: ['tutorial'],
      sector: ['C'],
      useCase: ['rh', 'marketing'],
      duration: '1h_2h',
    });
  });

  it('ignores an unknown duration bucket', () => {
    expect(parse('duree=3h').duration).toBeUndefined();
  });

  it('tells « no audience chosen » (the profile applies) from « every audience » (audience=tous)', () => {
    expect(parse('').audience).toBeUndefined();
    expect(parse('audience=tous').audience).toEqual([]);
    expect(parse('audience=pme,tpe').audience).toEqual(['tpe', 'pme']);
  });

  it('writes only what is set, in a stable order, and reads it back the same', () => {
    const filters = { ...EMPTY_FILTERS, q: '  ia générative ', audience: [], level: ['avance' as const, 'decouverte' as const], duration: 'plus_4h' as const };
    const params = paramsFromFilters(filters);
    expect(params.toString()).toBe('q=ia+g%C3%A9n%C3%A9rative&audience=tous&level=decouverte%2Cavance&duree=plus_4h');
    expect(filtersFromParams(params)).toEqual({ ...filters, q: 'ia générative', level: ['decouverte', 'avance'] });
    expect(paramsFromFilters(EMPTY_FILTERS).toString()).toBe('');
  });
});

describe('the search sent to the API', () => {
  it("uses the person's audience until they choose, and says so", () => {
    expect(searchQueryOf(EMPTY_FILTERS, 'pme')).toEqual({ audience: ['pme'] });
    expect(usesProfileAudience(EMPTY_FILTERS, 'pme')).toBe(true);
    expect(usesProfileAudience(EMPTY_FILTERS, null)).toBe(false);
    const chosen = withAudiences(EMPTY_FILTERS, ['tpe'], 'pme');
    expect(searchQueryOf(chosen, 'pme')).toEqual({ audience: ['tpe'] });
    expect(usesProfileAudience(chosen, 'pme')).toBe(false);
  });

  it('drops the profile audience when every audience is chosen', () => {
    const all = withAudiences(EMPTY_FILTERS, [], 'pme');
    expect(all.audience).toEqual([]);
    expect(searchQueryOf(all, 'pme')).toEqual({});
    expect(paramsFromFilters(all).get('audience')).toBe('tous');
    // Without an audience of one's own, « every audience » is simply no parameter.
    expect(withAudiences(EMPTY_FILTERS, [], null).audience).toBeUndefined();
  });

  it('turns a duration bucket into inclusive bounds, the last one open', () => {
    expect(searchQueryOf({ ...EMPTY_FILTERS, duration: '30min_1h' }, null)).toEqual({ durationMin: 30, durationMax: 59 });
    expect(searchQueryOf({ ...EMPTY_FILTERS, duration: 'plus_4h' }, null)).toEqual({ durationMin: 240 });
  });

  it('sends the text trimmed and the lists as chosen', () => {
    expect(searchQueryOf({ ...EMPTY_FILTERS, q: ' comptabilite ', sector: ['C'], useCase: ['rh'], kind: ['course'] }, null)).toEqual({
      q: 'comptabilite',
      sector: ['C'],
      useCase: ['rh'],
      kind: ['course'],
    });
  });
});

describe('helpers', () => {
  it('toggles a value on and off', () => {
    expect(toggled(['a', 'b'], 'c', true)).toEqual(['a', 'b', 'c']);
    expect(toggled(['a', 'b'], 'a', false)).toEqual(['b']);
    expect(toggled(['a'], 'a', true)).toEqual(['a']);
  });

  it('clears every filter, the profile audience included, and keeps the text', () => {
    const filters = { ...EMPTY_FILTERS, q: 'ia', level: ['avance' as const] };
    expect(hasFilters(filters, null)).toBe(true);
    expect(hasFilters(EMPTY_FILTERS, 'pme')).toBe(true);
    const cleared = clearedFilters(filters, 'pme');
    expect(cleared).toEqual({ ...EMPTY_FILTERS, q: 'ia', audience: [] });
    expect(hasFilters(cleared, 'pme')).toBe(false);
  });

  it('counts in French', () => {
    expect(countOf(0, 'formation', 'formations')).toBe('0 formation');
    expect(countOf(1, 'formation', 'formations')).toBe('1 formation');
    expect(countOf(2, 'formation', 'formations')).toBe('2 formations');
  });
});
