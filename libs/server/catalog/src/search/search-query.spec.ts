import { expandQuery, normalizeSynonymTerms, normalizeText } from './search-query';

const GROUPS = [
  ['ia', 'intelligence artificielle'],
  ['chatbot', 'assistant conversationnel', 'agent conversationnel'],
];

describe('normalizeText', () => {
  it('lowers, strips accents and punctuation', () => {
    expect(normalizeText("  L'IA Générative, c’est-à-dire ? ")).toBe('l ia generative c est a dire');
    expect(normalizeText('ÉTÉ œuvre naïve')).toBe('ete œuvre naive');
  });
});

describe('expandQuery', () => {
  it('replaces an expression by its group, longest expression first', () => {
    expect(expandQuery('intelligence artificielle generative', GROUPS)).toEqual([
      ['ia', 'intelligence artificielle'],
      ['generative'],
    ]);
    expect(expandQuery('IA générative', GROUPS)).toEqual([['ia', 'intelligence artificielle'], ['generative']]);
    expect(expandQuery('créer un assistant conversationnel', GROUPS)).toEqual([
      ['creer'],
      ['un'],
      ['agent conversationnel', 'assistant conversationnel', 'chatbot'],
    ]);
  });

  it('leaves words without synonyms alone and says a repeated meaning once', () => {
    expect(expandQuery('formations', GROUPS)).toEqual([['formations']]);
    expect(expandQuery('IA intelligence artificielle', GROUPS)).toEqual([['ia', 'intelligence artificielle']]);
    expect(expandQuery('  ?! ', GROUPS)).toEqual([]);
  });

  it('does not match part of a word', () => {
    expect(expandQuery('iacom', GROUPS)).toEqual([['iacom']]);
  });
});

describe('normalizeSynonymTerms', () => {
  it('normalizes, deduplicates and sorts', () => {
    expect(normalizeSynonymTerms(['Intelligence Artificielle', 'IA', 'ia', ' '])).toEqual(['ia', 'intelligence artificielle']);
  });
});
