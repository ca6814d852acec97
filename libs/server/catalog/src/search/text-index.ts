/**
 * French full-text search over the published catalogue in memory: the stored `search_vector` of every published
 * course (as PostgreSQL wrote it, so stemming, accents and stop words are PostgreSQL's own) held as posting lists,
 * queries turned into the same tsquery PostgreSQL builds (`catalog_search_query`, from `phraseto_tsquery` per phrase),
 * matched as `@@` matches them and ranked as `ts_rank(vector, query)` ranks them, to the last bit of its `real`.
 *
 * Why: a text PostgreSQL had not seen made it rank every match (ts_rank over 10,000 vectors for a broad text) and
 * ship them all, 700 to 900 ms at the 95th percentile with 32 clients (docs/benchmarks.md). Here the match set is a
 * bit set, and only the matches a page needs are ranked (the ones its filters accept).
 *
 * Exactness: `ts_rank` (src/backend/utils/adt/tsrank.c, `calc_rank`, `calc_rank_and`, `calc_rank_or`, default
 * weights {0.1, 0.2, 0.4, 1.0}, no normalization) computes in C `float` with some `double` steps; each `float` store
 * is reproduced with `Math.fround`, in the same order. Matching follows `TS_execute` for AND, OR and phrase
 * operators. Queries with anything else (NOT, prefixes, weight restrictions, AND/OR inside a phrase) and vectors
 * with a lexeme without positions are not handled here: the caller falls back to PostgreSQL. The equivalence is
 * tested against PostgreSQL itself (catalog-search.int-spec, text-index.spec).
 */

/** A tsquery as PostgreSQL prints it, as a tree (no NOT, no prefix, no weight restriction). */
export type TsQuery =
  | { op: 'val'; lexeme: string }
  | { op: 'and' | 'or'; left: TsQuery; right: TsQuery }
  | { op: 'phrase'; distance: number; left: TsQuery; right: TsQuery };

/** The query is valid PostgreSQL but outside what the in-memory search reproduces: ask PostgreSQL. */
export class UnsupportedQuery extends Error {}

const POS_MASK = 0x3fff;
const f = Math.fround;
/** ts_rank's default weights, by WEP_GETWEIGHT (D, C, B, A). */
const WEIGHTS = [f(0.1), f(0.2), f(0.4), f(1.0)];
/** `word_distance(dist)` of tsrank.c for every distance it distinguishes (float4). */
const WORD_DISTANCE = Float64Array.from({ length: 101 }, (_, w) => f(1.0 / (1.005 + 0.05 * Math.exp(f(w) / 1.5 - 2))));
const wordDistance = (w: number): number => (w > 100 ? f(1e-30) : WORD_DISTANCE[w]);
/**
 * `curw` of calc_rank_and for two positions: `sqrt(wpos(a) * wpos(b) * word_distance(dist))` stored as float, by
 * (weight of a, weight of b, min(dist, 101)): the same arithmetic, computed once.
 */
const CURW = Float64Array.from({ length: 16 * 102 }, (_, i) => {
  const weights = Math.floor(i / 102);
  return f(Math.sqrt(f(f(WEIGHTS[weights >> 2] * WEIGHTS[weights & 3]) * wordDistance(i % 102))));
});
/**
 * Once the rank so far is at least this, a pair more than 100 apart (curw <= 1.0000001e-15) leaves it unchanged:
 * 1 - (1 - res) * (1 - curw) is within 1.4e-15 of res, less than half a float32 step at 1e-7 (3.5e-15).
 */
const FAR_PAIRS_NEUTRAL_FROM = 1e-7;

/**
 * A quoted lexeme of PostgreSQL's text forms of tsvector and tsquery, read from just after its opening quote: a doubled
 * quote is a quote, a backslash escapes the next character. The lexeme and the index after its closing quote, or null
 * when the text ends first.
 */
function readQuotedLexeme(text: string, start: number): { lexeme: string; next: number } | null {
  let lexeme = '';
  let i = start;
  for (;;) {
    const c = text[i];
    if (c === undefined) return null;
    if (c === "'") {
      if (text[i + 1] !== "'") return { lexeme, next: i + 1 };
      lexeme += "'";
      i += 2;
    } else if (c === '\\') {
      lexeme += text[i + 1];
      i += 2;
    } else {
      lexeme += c;
      i++;
    }
  }
}

/**
 * The entries of a tsvector's text form (`'lexeme':1A,5 'other':3C`): each lexeme and its positions as
 * WordEntryPos (weight in the two high bits: 3 = A ... 0 = D, position in the 14 low ones), in stored order.
 * Null when an entry has no position (a stripped vector: its ranking and phrases differ, PostgreSQL answers).
 */
export function parseTsvector(text: string): { lexeme: string; positions: number[] }[] | null {
  const entries: { lexeme: string; positions: number[] }[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (text[i] === ' ') {
      i++;
      continue;
    }
    if (text[i] !== "'") throw new Error(`tsvector text: quote expected at ${i}`);
    i++;
    const quoted = readQuotedLexeme(text, i);
    if (!quoted) throw new Error('tsvector text: unterminated lexeme');
    const lexeme = quoted.lexeme;
    i = quoted.next;
    if (text[i] !== ':') return null;
    i++;
    const positions: number[] = [];
    for (;;) {
      let pos = 0;
      while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) pos = pos * 10 + text.charCodeAt(i++) - 48;
      const weight = text[i];
      let w = 0;
      if (weight === 'A') w = 3;
      else if (weight === 'B') w = 2;
      else if (weight === 'C') w = 1;
      else if (weight === 'D') w = 0;
      if (weight === 'A' || weight === 'B' || weight === 'C' || weight === 'D') i++;
      positions.push((w << 14) | (pos & POS_MASK));
      if (text[i] === ',') i++;
      else break;
    }
    entries.push({ lexeme, positions });
  }
  return entries;
}

/**
 * The tree of a tsquery's text form, as PostgreSQL prints it: operands quoted, `!` > `<N>` (`<->` is `<1>`) > `&` >
 * `|`, parentheses. Null for the empty query. Throws UnsupportedQuery for NOT, prefixes and weight restrictions.
 */
export function parseTsquery(text: string): TsQuery | null {
  let i = 0;
  const skip = () => {
    while (text[i] === ' ') i++;
  };
  const fail = (what: string): never => {
    throw new Error(`tsquery text: ${what} at ${i} in ${text}`);
  };
  const operand = (): TsQuery => {
    skip();
    if (text[i] === '(') {
      i++;
      const inner = or();
      skip();
      if (text[i] !== ')') fail(') expected');
      i++;
      return inner;
    }
    if (text[i] === '!') throw new UnsupportedQuery('NOT');
    if (text[i] !== "'") fail('operand expected');
    i++;
    const quoted = readQuotedLexeme(text, i);
    if (!quoted) return fail('unterminated operand');
    const lexeme = quoted.lexeme;
    i = quoted.next;
    if (text[i] === ':') throw new UnsupportedQuery('prefix or weight restriction');
    return { op: 'val', lexeme };
  };
  const phrase = (): TsQuery => {
    let left = operand();
    for (;;) {
      skip();
      const match = /^<(-|\d+)>/.exec(text.slice(i, i + 8));
      if (!match) return left;
      i += match[0].length;
      const distance = match[1] === '-' ? 1 : Number(match[1]);
      left = { op: 'phrase', distance, left, right: operand() };
    }
  };
  const and = (): TsQuery => {
    let left = phrase();
    for (;;) {
      skip();
      if (text[i] !== '&') return left;
      i++;
      left = { op: 'and', left, right: phrase() };
    }
  };
  function or(): TsQuery {
    let left = and();
    for (;;) {
      skip();
      if (text[i] !== '|') return left;
      i++;
      left = { op: 'or', left, right: and() };
    }
  }
  skip();
  if (i === text.length) return null;
  const tree = or();
  skip();
  if (i !== text.length) fail('end expected');
  checkPhrases(tree, false);
  return tree;
}

function checkPhrases(node: TsQuery, inPhrase: boolean): void {
  if (node.op === 'val') return;
  if (inPhrase && node.op !== 'phrase') throw new UnsupportedQuery('AND or OR inside a phrase');
  checkPhrases(node.left, inPhrase || node.op === 'phrase');
  checkPhrases(node.right, inPhrase || node.op === 'phrase');
}

/**
 * The query `catalog_search_query(groups)` builds, from each phrase's `phraseto_tsquery` (null when it has no
 * lexeme): an AND of the groups, each an OR of its phrases, left to right, empty groups skipped.
 */
export function composeQuery(groups: string[][], phraseQuery: (phrase: string) => TsQuery | null): TsQuery | null {
  let result: TsQuery | null = null;
  for (const group of groups) {
    let alternatives: TsQuery | null = null;
    for (const phrase of group) {
      const part = phraseQuery(phrase);
      if (part) alternatives = alternatives ? { op: 'or', left: alternatives, right: part } : part;
    }
    if (alternatives) result = result ? { op: 'and', left: result, right: alternatives } : alternatives;
  }
  return result;
}

const utf8Order = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** The operands of a query, sorted as SortAndUniqItems sorts them (bytes of the lexeme), duplicates removed. */
export function uniqueLexemes(query: TsQuery): string[] {
  const all: string[] = [];
  const walk = (node: TsQuery) => {
    if (node.op === 'val') all.push(node.lexeme);
    else {
      walk(node.left);
      walk(node.right);
    }
  };
  walk(query);
  return [...new Set(all)].sort(utf8Order);
}

/** Positions of one lexeme in one course (WordEntryPos values, in stored order), or null. */
export type PositionsOf = (lexeme: string) => Uint16Array | null;

/** `ts_rank(vector, query)` with the default weights and normalization 0, as a float32 value. */
export function tsRank(query: TsQuery, lexemes: readonly string[], positionsOf: PositionsOf): number {
  let res = query.op === 'and' || query.op === 'phrase' ? rankAnd(lexemes, positionsOf) : rankOr(lexemes, positionsOf);
  if (res < 0) res = f(1e-20);
  return res;
}

/**
 * One lexeme's term of tsrank.c's calc_rank_or, from its positions post[start .. end): the float stores in the same
 * order (each `f`), the final division in double as in C, added to the float sum by the caller.
 */
function orShare(post: ArrayLike<number>, start: number, end: number): number {
  let resj = 0;
  let wjm = -1;
  let jm = 0;
  for (let j = 0, at = start; at < end; j++, at++) {
    const w = WEIGHTS[post[at] >> 14];
    resj = f(resj + f(w / ((j + 1) * (j + 1))));
    if (w > wjm) {
      wjm = w;
      jm = j;
    }
  }
  return f(f(wjm + resj) - f(wjm / ((jm + 1) * (jm + 1)))) / 1.64493406685;
}

function rankOr(lexemes: readonly string[], positionsOf: PositionsOf): number {
  let res = 0;
  for (const lexeme of lexemes) {
    const post = positionsOf(lexeme);
    if (!post) continue;
    res = f(res + orShare(post, 0, post.length));
  }
  if (lexemes.length > 0) res = f(res / lexemes.length);
  return res;
}

function rankAnd(lexemes: readonly string[], positionsOf: PositionsOf): number {
  if (lexemes.length < 2) return rankOr(lexemes, positionsOf);
  let res = -1;
  const pos: (Uint16Array | null)[] = new Array(lexemes.length).fill(null);
  for (let i = 0; i < lexemes.length; i++) {
    const post = positionsOf(lexemes[i]);
    if (!post) continue;
    pos[i] = post;
    for (let k = 0; k < i; k++) {
      const ct = pos[k];
      if (!ct) continue;
      for (let l = 0; l < post.length; l++) {
        const pl = post[l];
        const wl = WEIGHTS[pl >> 14];
        for (let p = 0; p < ct.length; p++) {
          const dist = Math.abs((pl & POS_MASK) - (ct[p] & POS_MASK));
          if (dist === 0) continue; // both have positions: same position, no collocation
          const curw = f(Math.sqrt(f(f(wl * WEIGHTS[ct[p] >> 14]) * wordDistance(dist))));
          res = res < 0 ? curw : f(1.0 - (1.0 - res) * (1.0 - curw));
        }
      }
    }
  }
  return res;
}

/** rankOr over postings: lexeme i's positions are postings[i].positions[starts[i] .. ends[i]) (none when equal). */
function rankOrIn(postings: (Posting | null)[], starts: Int32Array, ends: Int32Array): number {
  let res = 0;
  for (let i = 0; i < postings.length; i++) {
    if (starts[i] === ends[i]) continue;
    res = f(res + orShare(postings[i]!.positions, starts[i], ends[i]));
  }
  if (postings.length > 0) res = f(res / postings.length);
  return res;
}

/** rankAnd over postings (at least two lexemes), pairs in tsrank.c's order. */
function rankAndIn(postings: (Posting | null)[], starts: Int32Array, ends: Int32Array): number {
  let res = -1;
  for (let i = 0; i < postings.length; i++) {
    if (starts[i] === ends[i]) continue;
    const post = postings[i]!.positions;
    for (let k = 0; k < i; k++) {
      if (starts[k] === ends[k]) continue;
      const ct = postings[k]!.positions;
      const ctStart = starts[k];
      const ctEnd = ends[k];
      for (let l = starts[i]; l < ends[i]; l++) {
        const pl = post[l];
        const posl = pl & POS_MASK;
        const row = (pl >> 14) * 4 * 102;
        for (let p = ctStart; p < ctEnd; p++) {
          const pp = ct[p];
          let dist = posl - (pp & POS_MASK);
          if (dist < 0) dist = -dist;
          if (dist === 0) continue;
          if (dist > 100) {
            if (res >= FAR_PAIRS_NEUTRAL_FROM) continue;
            dist = 101;
          }
          const curw = CURW[row + (pp >> 14) * 102 + dist];
          res = res < 0 ? curw : f(1.0 - (1.0 - res) * (1.0 - curw));
        }
      }
    }
  }
  return res;
}

/** The end positions of a phrase's matches and its width, as TS_phrase_execute computes them. */
function phraseMatches(node: TsQuery, positionsOf: PositionsOf): { positions: number[]; width: number } {
  if (node.op === 'val') {
    const post = positionsOf(node.lexeme);
    const positions: number[] = [];
    if (post) for (let j = 0; j < post.length; j++) positions.push(post[j] & POS_MASK);
    return { positions, width: 0 };
  }
  if (node.op !== 'phrase') throw new UnsupportedQuery('AND or OR inside a phrase');
  const left = phraseMatches(node.left, positionsOf);
  if (left.positions.length === 0) return { positions: [], width: 0 };
  const right = phraseMatches(node.right, positionsOf);
  const offset = node.distance + right.width;
  const positions: number[] = [];
  let li = 0;
  let ri = 0;
  while (li < left.positions.length && ri < right.positions.length) {
    const lp = left.positions[li] + offset;
    const rp = right.positions[ri];
    if (lp < rp) li++;
    else if (lp > rp) ri++;
    else {
      positions.push(rp);
      li++;
      ri++;
    }
  }
  return { positions, width: node.distance + left.width + right.width };
}

interface Posting {
  /** Ordinals of the courses holding the lexeme, ascending. */
  courses: Int32Array;
  /** positions[offsets[k] .. offsets[k + 1]) are those of courses[k]. */
  offsets: Int32Array;
  positions: Uint16Array;
}

/** One bit per course ordinal. */
type BitSet = Uint32Array;

/**
 * Posting lists of every lexeme of the published courses' vectors, by course ordinal (the caller's numbering).
 */
export class TextIndex {
  private constructor(
    readonly size: number,
    private readonly postings: Map<string, Posting>,
  ) {}

  /**
   * From the vectors' text forms, by ordinal (null: a course without a vector, never matched). Null when a vector
   * has a lexeme without positions (the in-memory search then stands aside).
   */
  static build(vectors: (string | null)[]): TextIndex | null {
    const builder = new TextIndexBuilder(vectors.length);
    for (let ordinal = 0; ordinal < vectors.length; ordinal++) if (!builder.add(ordinal, vectors[ordinal])) return null;
    return builder.finish();
  }

  /**
   * The same, parsing `chunk` vectors per turn of the event loop: 10,000 courses take 1 to 3 s of CPU, which must
   * not stop the process from answering meanwhile.
   */
  static async buildInTurns(vectors: (string | null)[], chunk = 200): Promise<TextIndex | null> {
    const builder = new TextIndexBuilder(vectors.length);
    for (let ordinal = 0; ordinal < vectors.length; ordinal++) {
      if (!builder.add(ordinal, vectors[ordinal])) return null;
      if (ordinal % chunk === chunk - 1) await new Promise((resolve) => setImmediate(resolve));
    }
    return builder.finish();
  }

  /** @internal */
  static of(size: number, postings: Map<string, Posting>): TextIndex {
    return new TextIndex(size, postings);
  }

  /** Lexemes held (for the cache's weighing). */
  get lexemeCount(): number {
    return this.postings.size;
  }

  /** The ordinals of the courses matching the query (`vector @@ query`), ascending. */
  match(query: TsQuery): Int32Array {
    const bits = this.evaluate(query);
    let count = 0;
    for (let w = 0; w < bits.length; w++) for (let word = bits[w]; word !== 0; word &= word - 1) count++;
    const out = new Int32Array(count);
    let at = 0;
    for (let w = 0; w < bits.length; w++) {
      for (let word = bits[w]; word !== 0; word &= word - 1) out[at++] = w * 32 + (31 - Math.clz32(word & -word));
    }
    return out;
  }

  /** The query's rank for one course (`ts_rank(vector, query)`, float32). */
  rank(query: TsQuery, lexemes: readonly string[], ordinal: number): number {
    return tsRank(query, lexemes, this.positionsIn(ordinal));
  }

  /**
   * `ts_rank(vector, query)` of a course by its ordinal, with the postings of the query's lexemes looked up once:
   * the same arithmetic as `tsRank`, on the shared position arrays without copies (this is the hot loop of a
   * search with a new text).
   */
  ranker(query: TsQuery): (ordinal: number) => number {
    const lexemes = uniqueLexemes(query);
    const postings = lexemes.map((lexeme) => this.postings.get(lexeme) ?? null);
    const n = postings.length;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    const and = (query.op === 'and' || query.op === 'phrase') && n >= 2;
    return (ordinal) => {
      for (let i = 0; i < n; i++) {
        const posting = postings[i];
        starts[i] = ends[i] = 0;
        if (!posting) continue;
        const k = lowerBound(posting.courses, ordinal);
        if (k < posting.courses.length && posting.courses[k] === ordinal) {
          starts[i] = posting.offsets[k];
          ends[i] = posting.offsets[k + 1];
        }
      }
      let res = and ? rankAndIn(postings, starts, ends) : rankOrIn(postings, starts, ends);
      if (res < 0) res = f(1e-20);
      return res;
    };
  }

  /** The positions of each lexeme in one course. */
  positionsIn(ordinal: number): PositionsOf {
    return (lexeme) => {
      const posting = this.postings.get(lexeme);
      if (!posting) return null;
      const k = lowerBound(posting.courses, ordinal);
      if (k === posting.courses.length || posting.courses[k] !== ordinal) return null;
      return posting.positions.subarray(posting.offsets[k], posting.offsets[k + 1]);
    };
  }

  private evaluate(node: TsQuery): BitSet {
    const words = (this.size + 31) >>> 5;
    if (node.op === 'val') {
      const bits = new Uint32Array(words);
      const posting = this.postings.get(node.lexeme);
      if (posting) for (const c of posting.courses) bits[c >>> 5] |= 1 << (c & 31);
      return bits;
    }
    if (node.op === 'phrase') {
      // Courses holding every lexeme of the phrase, then their positions checked.
      const bits = this.allOf(node);
      for (let w = 0; w < bits.length; w++) {
        let word = bits[w];
        while (word !== 0) {
          const low = word & -word;
          const ordinal = w * 32 + (31 - Math.clz32(low));
          if (phraseMatches(node, this.positionsIn(ordinal)).positions.length === 0) bits[w] &= ~low;
          word &= word - 1;
        }
      }
      return bits;
    }
    const left = this.evaluate(node.left);
    const right = this.evaluate(node.right);
    if (node.op === 'and') for (let w = 0; w < words; w++) left[w] &= right[w];
    else for (let w = 0; w < words; w++) left[w] |= right[w];
    return left;
  }

  private allOf(node: TsQuery): BitSet {
    if (node.op === 'val') return this.evaluate(node);
    const left = this.allOf(node.left);
    const right = this.allOf(node.right);
    for (let w = 0; w < left.length; w++) left[w] &= right[w];
    return left;
  }
}

/** Posting lists under construction, vectors added in ordinal order. */
class TextIndexBuilder {
  private readonly builders = new Map<string, { courses: number[]; offsets: number[]; positions: number[] }>();

  constructor(private readonly size: number) {}

  /** False when the vector has a lexeme without positions. */
  add(ordinal: number, text: string | null): boolean {
    if (text === null || text === '') return true;
    const entries = parseTsvector(text);
    if (entries === null) return false;
    for (const { lexeme, positions } of entries) {
      let builder = this.builders.get(lexeme);
      if (!builder) this.builders.set(lexeme, (builder = { courses: [], offsets: [0], positions: [] }));
      builder.courses.push(ordinal);
      for (const p of positions) builder.positions.push(p);
      builder.offsets.push(builder.positions.length);
    }
    return true;
  }

  finish(): TextIndex {
    const postings = new Map<string, Posting>();
    for (const [lexeme, b] of this.builders) {
      postings.set(lexeme, { courses: Int32Array.from(b.courses), offsets: Int32Array.from(b.offsets), positions: Uint16Array.from(b.positions) });
    }
    return TextIndex.of(this.size, postings);
  }
}

function lowerBound(values: Int32Array, target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
