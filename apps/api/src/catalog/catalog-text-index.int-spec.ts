import pg from 'pg';
import { TextIndex, type TsQuery, composeQuery, expandQuery, parseTsquery } from '@academie/server-catalog';
import { createTestDatabase } from '@academie/server-testing';

// The in-memory search must answer exactly as PostgreSQL: the same matches for `@@`, and for each the same
// `ts_rank`, bit for bit. Documents are built as the publication builds a course's vector (A title, B summary,
// C lesson text, concatenated), from a small vocabulary so that texts match many of them, with some long ones
// (positions capped at 16383, at most 256 positions a lexeme) and stop words, phrases and synonyms in the texts.

const VOCABULARY = (
  'données modèle modèles équipe client clients formation formations projet risque conformité qualité production outil ' +
  'décision contrôle intelligence artificielle générative IA assistant conversationnel maintenance prédictive vision ' +
  'ordinateur grands langage analyse prévision sécurité entreprise salarié métier compétence le la les de du des par pour'
).split(' ');
const SYNONYMS = [['ia', 'intelligence artificielle'], ['assistant conversationnel', 'robot de discussion']];

let seed = 20261125;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T,>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
const sentence = (n: number) => Array.from({ length: n }, () => pick(VOCABULARY)).join(' ');

let client: pg.Client;
let index: TextIndex;
let ids: number[];
const phraseQueries = new Map<string, TsQuery | null>();

beforeAll(async () => {
  client = new pg.Client({ connectionString: await createTestDatabase() });
  await client.connect();
  await client.query(`CREATE TEMPORARY TABLE doc (id int PRIMARY KEY, v tsvector NOT NULL)`);
  for (let id = 1; id <= 150; id++) {
    const long = id % 50 === 0; // three documents past 16,383 positions, most lexemes over 256 positions
    await client.query(
      `INSERT INTO doc VALUES ($1, setweight(to_tsvector('public.fr_unaccent', $2), 'A')
                               || setweight(to_tsvector('public.fr_unaccent', $3), 'B')
                               || setweight(to_tsvector('public.fr_unaccent', $4), 'C'))`,
      [id, sentence(3 + Math.floor(rand() * 8)), sentence(10 + Math.floor(rand() * 30)), sentence(long ? 20_000 : Math.floor(rand() * 200))],
    );
  }
  const { rows } = await client.query<{ id: number; v: string }>(`SELECT id, v::text AS v FROM doc ORDER BY id`);
  ids = rows.map((r) => r.id);
  index = TextIndex.build(rows.map((r) => r.v))!;
}, 120_000);

afterAll(() => client?.end());

/** The query of a text as CourseService composes it: expanded, each phrase's tsquery asked to PostgreSQL once. */
async function queryOf(groups: string[][]): Promise<TsQuery | null> {
  for (const phrase of groups.flat()) {
    if (phraseQueries.has(phrase)) continue;
    const { rows } = await client.query<{ q: string }>(`SELECT phraseto_tsquery('public.fr_unaccent', $1)::text AS q`, [phrase]);
    phraseQueries.set(phrase, parseTsquery(rows[0].q));
  }
  return composeQuery(groups, (phrase) => phraseQueries.get(phrase)!);
}

async function compare(text: string): Promise<number> {
  const groups = expandQuery(text, SYNONYMS);
  const query = await queryOf(groups);
  const { rows } = await client.query<{ id: number; rank: number; query: string }>(
    `SELECT id, ts_rank(v, catalog_search_query($1::jsonb)) AS rank FROM doc WHERE v @@ catalog_search_query($1::jsonb) ORDER BY id`,
    [JSON.stringify(groups)],
  );
  const ordinals = query ? index.match(query) : new Int32Array(0);
  expect({ text, ids: Array.from(ordinals, (o) => ids[o]) }).toEqual({ text, ids: rows.map((r) => r.id) });
  if (query) {
    const rank = index.ranker(query);
    expect({ text, ranks: Array.from(ordinals, (o) => rank(o)) }).toEqual({ text, ranks: rows.map((r) => Math.fround(r.rank)) });
  }
  return rows.length;
}

describe('in-memory full-text search against PostgreSQL', () => {
  it('composes the tsquery catalog_search_query builds', async () => {
    for (const text of ['intelligence artificielle générative', 'IA intelligence artificielle', 'le de la', 'grands modèles de langage', 'robot de discussion client']) {
      const groups = expandQuery(text, SYNONYMS);
      const { rows } = await client.query<{ q: string }>(`SELECT catalog_search_query($1::jsonb)::text AS q`, [JSON.stringify(groups)]);
      expect(await queryOf(groups)).toEqual(parseTsquery(rows[0].q));
    }
  });

  it('matches and ranks fixed texts exactly: words, stop words, phrases, synonyms, plurals', async () => {
    const texts = ['formations', 'IA', 'intelligence artificielle générative', 'grands modèles de langage', 'robot de discussion',
      'vision par ordinateur données', 'le', 'client qualité', 'maintenance prédictive équipe', 'zzzz'];
    let matched = 0;
    for (const text of texts) matched += await compare(text);
    expect(matched).toBeGreaterThan(300); // the texts are broad: the comparison covers many documents
  });

  it('matches and ranks 150 random texts of 1 to 4 words exactly (broad texts matching most documents)', async () => {
    let broad = 0;
    for (let n = 0; n < 150; n++) {
      const matched = await compare(sentence(1 + Math.floor(rand() * 4)));
      if (matched > ids.length / 2) broad++;
    }
    expect(broad).toBeGreaterThan(10);
  }, 120_000);
});
