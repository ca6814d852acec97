import { TextIndex, UnsupportedQuery, composeQuery, parseTsquery, parseTsvector, tsRank, uniqueLexemes } from './text-index';

describe('parseTsvector', () => {
  it('reads lexemes, positions and weights as PostgreSQL prints them (D unwritten, quotes and backslashes doubled)', () => {
    expect(parseTsvector(`'a''b':1A,3 'c\\\\d':2B 'gener':4C,16383`)).toEqual([
      { lexeme: "a'b", positions: [(3 << 14) | 1, 3] },
      { lexeme: 'c\\d', positions: [(2 << 14) | 2] },
      { lexeme: 'gener', positions: [(1 << 14) | 4, 16383] },
    ]);
    expect(parseTsvector('')).toEqual([]);
  });

  it('stands aside for a lexeme without positions (a stripped vector ranks and matches phrases differently)', () => {
    expect(parseTsvector(`'a':1 'b'`)).toBeNull();
    expect(TextIndex.build([`'a':1`, `'b'`])).toBeNull();
  });
});

describe('parseTsquery', () => {
  it('reads operands and operators with their precedence (phrase > AND > OR) and parentheses', () => {
    expect(parseTsquery(`'ia' | 'intellig' <-> 'artificiel' & 'gener'`)).toEqual({
      op: 'or',
      left: { op: 'val', lexeme: 'ia' },
      right: {
        op: 'and',
        left: { op: 'phrase', distance: 1, left: { op: 'val', lexeme: 'intellig' }, right: { op: 'val', lexeme: 'artificiel' } },
        right: { op: 'val', lexeme: 'gener' },
      },
    });
    expect(parseTsquery(`( 'a' | 'b' ) & 'c' <2> 'd'`)).toEqual({
      op: 'and',
      left: { op: 'or', left: { op: 'val', lexeme: 'a' }, right: { op: 'val', lexeme: 'b' } },
      right: { op: 'phrase', distance: 2, left: { op: 'val', lexeme: 'c' }, right: { op: 'val', lexeme: 'd' } },
    });
    expect(parseTsquery('')).toBeNull();
  });

  it('refuses what it does not reproduce: NOT, prefixes, weights, AND or OR inside a phrase', () => {
    expect(() => parseTsquery(`!'a'`)).toThrow(UnsupportedQuery);
    expect(() => parseTsquery(`'a':*`)).toThrow(UnsupportedQuery);
    expect(() => parseTsquery(`'a':AB & 'b'`)).toThrow(UnsupportedQuery);
    expect(() => parseTsquery(`'a' <-> ( 'b' | 'c' )`)).toThrow(UnsupportedQuery);
    expect(() => parseTsquery(`'a' &`)).toThrow(/tsquery text/);
  });
});

describe('composeQuery', () => {
  it('builds catalog_search_query: an AND of groups, each an OR of its phrases, phrases without lexeme skipped', () => {
    const phrases: Record<string, string> = { ia: `'ia'`, 'intelligence artificielle': `'intellig' <-> 'artificiel'`, le: '', generative: `'gener'` };
    const query = composeQuery([['ia', 'intelligence artificielle'], ['le'], ['generative']], (p) => parseTsquery(phrases[p]));
    expect(query).toEqual(parseTsquery(`( 'ia' | 'intellig' <-> 'artificiel' ) & 'gener'`));
    expect(composeQuery([['le']], (p) => parseTsquery(phrases[p]))).toBeNull();
    expect(uniqueLexemes(query!)).toEqual(['artificiel', 'gener', 'ia', 'intellig']);
  });
});

describe('TextIndex', () => {
  // Values computed by PostgreSQL 15: SELECT ts_rank(v::tsvector, q::tsquery) (float4, printed shortest).
  const index = TextIndex.build([`'intellig':1A 'artificiel':2A 'gener':3A 'form':10C,20C`, `'gener':1B 'ia':5C`, `'artificiel':1A 'intellig':3A`])!;

  it('matches as @@ does: AND, OR and phrases by position', () => {
    expect([...index.match(parseTsquery(`'intellig' <-> 'artificiel'`)!)]).toEqual([0]);
    expect([...index.match(parseTsquery(`'intellig' & 'artificiel'`)!)]).toEqual([0, 2]);
    expect([...index.match(parseTsquery(`( 'ia' | 'intellig' <-> 'artificiel' ) & 'gener'`)!)]).toEqual([0, 1]);
    expect([...index.match(parseTsquery(`'intellig' <2> 'gener'`)!)]).toEqual([0]);
    expect([...index.match(parseTsquery(`'absent'`)!)]).toEqual([]);
  });

  it('ranks as ts_rank does, to the bit (float32)', () => {
    const rank = (query: string, ordinal: number) => {
      const q = parseTsquery(query)!;
      return index.rank(q, uniqueLexemes(q), ordinal);
    };
    expect(rank(`'form'`, 0)).toBe(Math.fround(0.15198177));
    expect(rank(`'intellig' <-> 'artificiel'`, 0)).toBe(Math.fround(0.9910322));
    expect(rank(`( 'ia' | 'intellig' <-> 'artificiel' ) & 'gener'`, 1)).toBe(Math.fround(0.26938787));
    expect(rank(`'absent' & 'gener'`, 1)).toBe(Math.fround(1e-20));
    expect(tsRank(parseTsquery(`'a' | 'b'`)!, ['a', 'b'], () => null)).toBe(0);
  });
});
