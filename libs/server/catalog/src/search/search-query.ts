/**
 * Query-time synonym expansion. The text is normalized (lower case, no accents) and cut into words; each
 * occurrence of an expression of a synonym group becomes an OR of every expression of the group; the
 * other words stay alone. PostgreSQL then turns each group into a tsquery (`catalog_search_query`), so
 * stemming and stop words are those of the index (`fr_unaccent`).
 *
 * `"intelligence artificielle generative"` with the group `[ia, intelligence artificielle]` gives
 * `[["ia", "intelligence artificielle"], ["generative"]]`.
 */
export type QueryGroups = string[][];

const MAX_WORDS = 16;

/** Lower case, accents removed, every run of other characters than letters and digits made one space. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export const words = (text: string): string[] => {
  const normalized = normalizeText(text);
  return normalized === '' ? [] : normalized.split(' ');
};

/** A synonym group as stored: each expression normalized, duplicates removed, sorted. */
export function normalizeSynonymTerms(terms: string[]): string[] {
  return [...new Set(terms.map(normalizeText).filter((t) => t !== ''))].sort();
}

export function expandQuery(text: string, synonymGroups: readonly string[][]): QueryGroups {
  const tokens = words(text).slice(0, MAX_WORDS);
  // Every expression of every group, longest first, with the alternatives it stands for.
  const expressions: { tokens: string[]; alternatives: string[] }[] = [];
  for (const group of synonymGroups) {
    const alternatives = normalizeSynonymTerms(group);
    for (const expression of alternatives) expressions.push({ tokens: expression.split(' '), alternatives });
  }
  expressions.sort((a, b) => b.tokens.length - a.tokens.length);

  const out: QueryGroups = [];
  let i = 0;
  while (i < tokens.length) {
    const match = expressions.find((e) => e.tokens.every((t, k) => tokens[i + k] === t));
    if (match) {
      const previous = out.at(-1);
      // Two groups for the same meaning in a row ("IA intelligence artificielle") say it once.
      if (!previous || previous.join('|') !== match.alternatives.join('|')) out.push(match.alternatives);
      i += match.tokens.length;
    } else {
      out.push([tokens[i]]);
      i++;
    }
  }
  return out;
}
