// Catalogue search benchmark (`npm run bench:catalogue`, after the server build).
// Seeds 10,000 published courses into a database of its own (academie_bench_<ts>, dropped at the end), starts the
// built API as a real process, and drives filtered searches with 32 keep-alive clients (10 s warm-up, 30 s measured):
//   1. "warm": 200 distinct filtered searches drawn at random (the answers cache serves repeats);
//   2. "distinct": every search distinct (random duration bounds): no answer cached, the in-memory catalogue index
//      works each one out (its texts are the 12 common ones, whose matches are cached after their first search);
//   3. "new text": every search carries a text of three random words, mostly never seen, so each one also runs the
//      full-text statement in PostgreSQL (the worst case: the generated texts match most courses);
// then a bare Node HTTP server answering a body of the same size, measured the same way, as the ceiling.
// Traffic goes to 127.0.0.1 only; every loop is bounded in time.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import { join } from 'node:path';
import { root } from '../paths.mjs';
import { freePort, processCpuMs, start, stop, writeSummary } from './bench-kit.mjs';

const COURSES = Number(process.env.BENCH_COURSES ?? 10_000);
const CLIENTS = 32;
const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 10_000);
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 30_000);
const SERVER = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const say = (line) => process.stdout.write(`${line}\n`);

const db = await import(join(root, 'dist/server/libs/server/database/src/index.js'));
const catalog = await import(join(root, 'dist/server/libs/server/catalog/src/index.js'));

const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
// BENCH_DATABASE_URL: reuse a database seeded by an earlier run kept with BENCH_KEEP_DATABASE=1 (to iterate on the SQL).
const REUSE = process.env.BENCH_DATABASE_URL;
const KEEP = process.env.BENCH_KEEP_DATABASE === '1' || process.env.BENCH_SEED_ONLY === '1' || Boolean(REUSE);
const dbUrl = new URL(REUSE ?? SERVER);
if (!REUSE) dbUrl.pathname = `/academie_bench_${stamp}`;
const DATABASE_URL = dbUrl.toString();

// ------------------------------------------------------------------------------------------------ data
// The seeded catalogue draws on this generator (kept as it was, so that a kept database stays comparable); its
// products exceed 2^53 and it cycles after 10,466 draws, so the load below draws on a generator of its own.
let seed = 42;
const seedRand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
// mulberry32: a 32-bit generator with a period of 2^32, so that "every search distinct" stays distinct.
let loadState = 20261125;
const loadRand = () => {
  loadState = (loadState + 0x6d2b79f5) | 0;
  let t = Math.imul(loadState ^ (loadState >>> 15), 1 | loadState);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
let rand = seedRand;
const pick = (list) => list[Math.floor(rand() * list.length)];
const some = (list, max) => [...new Set(Array.from({ length: 1 + Math.floor(rand() * max) }, () => pick(list)))];

const AUDIENCES = ['tpe', 'pme', 'eti', 'grand_groupe', 'apprenti', 'demandeur_emploi'];
const LEVELS = ['decouverte', 'intermediaire', 'avance'];
const SECTORS = 'ABCDEFGHIJKLMNOPQRS'.split('');
const USE_CASES = ['relation_client', 'comptabilite', 'rh', 'production', 'marketing', 'juridique', 'bureautique', 'recherche_emploi'];
const SUBJECTS = ['l’IA générative', 'l’intelligence artificielle', 'un assistant conversationnel', 'la maintenance prédictive',
  'l’analyse de données', 'la vision par ordinateur', 'la traduction automatique', 'les grands modèles de langage', 'la détection de fraude',
  'la prévision des ventes', 'la transcription de réunions', 'la rédaction assistée'];
const CONTEXTS = ['pour sa TPE', 'en PME', 'dans l’industrie', 'au service client', 'en comptabilité', 'pour les RH', 'dans le commerce',
  'à l’hôpital', 'dans l’agriculture', 'pour les apprentis', 'en collectivité', 'dans la logistique', 'pour un artisan', 'en cabinet'];
const VERBS = ['Découvrir', 'Maîtriser', 'Déployer', 'Comprendre', 'Évaluer', 'Piloter', 'Sécuriser', 'Automatiser avec'];
const WORDS = ('données modèle équipe client facture formation projet risque conformité règlement qualité production outil ' +
  'décision contrôle transparence fournisseur contrat indicateur valeur usage méthode exemple atelier réunion courriel document ' +
  'analyse prévision tableau entreprise salarié métier compétence sécurité confidentialité automatisation vérification source').split(' ');
const sentence = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');

function course(i) {
  const subject = pick(SUBJECTS);
  const kind = rand() < 0.2 ? 'tutorial' : 'course';
  const duration = kind === 'tutorial' ? 10 + Math.floor(rand() * 40) : 30 + Math.floor(rand() * 450);
  const lessons = (m) => [
    { kind: 'text', title: `Leçon ${m}.1 : ${sentence(3)}`, durationMinutes: 10, text: { markdown: `## ${sentence(4)}\n\n${sentence(60)}.\n\n- ${sentence(8)}\n- ${sentence(8)}` } },
    { kind: 'quiz', title: `Quiz ${m}`, durationMinutes: 5, quiz: { questions: [{ kind: 'single', prompt: `${sentence(8)} ?`, options: [
      { text: sentence(3), correct: true, explanation: sentence(10) }, { text: sentence(3), correct: false, explanation: sentence(10) }] }] } },
  ];
  return {
    slug: `bench-${i}`,
    metadata: {
      kind,
      title: `${pick(VERBS)} ${subject} ${pick(CONTEXTS)} (${i})`,
      summary: `Un parcours sur ${subject} : ${sentence(30)}.`,
      level: pick(LEVELS),
      durationMinutes: duration,
      audiences: some(AUDIENCES, 3),
      sectors: rand() < 0.3 ? [] : some(SECTORS, 3),
      useCases: some(USE_CASES, 2),
    },
    modules: kind === 'tutorial' ? [{ title: sentence(4), lessons: lessons(1) }] : [1, 2].map((m) => ({ title: sentence(4), lessons: lessons(m) })),
    publishedAt: new Date(Date.now() - Math.floor(rand() * 1000 * 86_400_000)),
  };
}

async function seedCourses() {
  await db.ensureDatabase(DATABASE_URL);
  const dataSource = db.createDataSource({ DATABASE_URL, DATABASE_POOL_SIZE: 2 }, undefined, 'academie-bench-seed');
  await dataSource.initialize();
  await db.runMigrations(dataSource, (line) => say(`  ${line}`));
  const started = Date.now();
  const BATCH = 250;
  for (let from = 0; from < COURSES; from += BATCH) {
    await dataSource.transaction(async (manager) => {
      for (let i = from; i < Math.min(from + BATCH, COURSES); i++) {
        const c = course(i);
        const [row] = await manager.query(
          `INSERT INTO course (slug, kind, title, summary, level, duration_minutes, status) VALUES ($1, $2, $3, $4, $5, $6, 'draft') RETURNING id`,
          [c.slug, c.metadata.kind, c.metadata.title, c.metadata.summary, c.metadata.level, c.metadata.durationMinutes],
        );
        const version = await catalog.insertDraftVersion(manager, row.id, c.metadata, null);
        await catalog.insertVersionContent(manager, version.id, { modules: c.modules });
        await catalog.publishVersion(manager, version.id, null, c.publishedAt);
      }
    });
    // Statistics follow the growing tables: the immutability triggers' cached plans were made on empty tables
    // (a sequential scan of course_version for each publication, publishing 87/s at first and 13/s by the end).
    await dataSource.query('ANALYZE course, course_version, course_module, course_lesson');
    const done = Math.min(from + BATCH, COURSES);
    process.stdout.write(`\r  Cours publiés : ${done}/${COURSES} (${Math.round((done * 1000) / (Date.now() - started))}/s)   `);
  }
  process.stdout.write('\n');
  await dataSource.query('VACUUM ANALYZE');
  await dataSource.destroy();
}

// ------------------------------------------------------------------------------------------------ load
const TERMS = ['ia', 'intelligence artificielle', 'formation', 'données', 'assistant conversationnel', 'maintenance', 'comptabilité',
  'rgpd', 'client', 'modèles de langage', 'sécurité', 'prévision'];
function filteredSearch(distinct, newText = false) {
  const params = new URLSearchParams();
  if (newText) params.set('q', `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}`);
  else if (rand() < 0.5) params.set('q', pick(TERMS));
  const filters = [
    () => params.set('audience', some(AUDIENCES, 2).join(',')),
    () => params.set('level', pick(LEVELS)),
    () => params.set('sector', pick(SECTORS)),
    () => params.set('useCase', pick(USE_CASES)),
    () => params.set('kind', pick(['course', 'tutorial'])),
    () => params.set('durationMax', String(pick([30, 60, 120, 240]))),
  ];
  for (let i = 0, n = 1 + Math.floor(rand() * 2); i < n; i++) pick(filters)();
  if (distinct) params.set('durationMin', String(1 + Math.floor(rand() * 25)) + '');
  return `/api/courses?${params}`;
}

function request(agent, port, path) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let size = 0;
      res.on('data', (chunk) => (size += chunk.length));
      res.on('end', () => (res.statusCode === 200 ? resolve(size) : reject(new Error(`${path} answered ${res.statusCode}`))));
    });
    req.on('error', reject);
  });
}

// `pid`: the server's process, whose CPU time per request (user + system, warm-up included) is reported: a figure
// the other work of a shared machine disturbs less than latencies.
async function load(port, nextPath, pid) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
  const latencies = [];
  let bytes = 0;
  let sent = 0;
  const paths = new Set();
  const texts = new Set();
  let withText = 0;
  const cpuBefore = processCpuMs(pid);
  let measuring = false;
  const warmEnd = Date.now() + WARMUP_MS;
  const end = warmEnd + MEASURE_MS;
  const client = async () => {
    while (Date.now() < end) {
      const t0 = process.hrtime.bigint();
      const path = nextPath();
      const size = await request(agent, port, path);
      sent++;
      if (measuring) {
        paths.add(path);
        const q = new URL(path, 'http://x').searchParams.get('q');
        if (q !== null) {
          withText++;
          texts.add(q);
        }
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        bytes += size;
      }
    }
  };
  const timer = setTimeout(() => (measuring = true), WARMUP_MS);
  await Promise.all(Array.from({ length: CLIENTS }, client));
  clearTimeout(timer);
  agent.destroy();
  const cpuAfter = processCpuMs(pid);
  const cpuPerRequest = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / sent;
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { requests: latencies.length, rate: latencies.length / (MEASURE_MS / 1000), p50: q(0.5), p95: q(0.95), p99: q(0.99), meanBytes: Math.round(bytes / latencies.length), cpuPerRequest, distinct: paths.size / latencies.length, distinctTexts: withText ? texts.size / withText : null };
}

const fmt = (r) =>
  `p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${Math.round(r.rate)} req/s, ${r.meanBytes} octets/réponse` +
  (r.cpuPerRequest === null ? '' : `, CPU du serveur ${(r.cpuPerRequest * 1000).toFixed(0)} µs/requête`) +
  `, ${Math.round(r.distinct * 100)} % d’URL distinctes` +
  (r.distinctTexts === null ? '' : `, ${Math.round(r.distinctTexts * 100)} % de textes distincts`);

// ------------------------------------------------------------------------------------------------ run
let api;
let bare;
try {
  if (REUSE) say(`Base ${dbUrl.pathname.slice(1)} réutilisée.`);
  else {
    say(`Base ${dbUrl.pathname.slice(1)} : migrations puis ${COURSES} cours publiés…`);
    await seedCourses();
  }
  if (process.env.BENCH_SEED_ONLY === '1') {
    say(`Base conservée : BENCH_DATABASE_URL=${DATABASE_URL}`);
    process.exit(0);
  }
  const port = await freePort();
  api = await start([join(root, 'dist/server/apps/api/src/main.js')], {
    NODE_ENV: 'production', DATABASE_URL, REDIS_URL, REDIS_PREFIX: `bench-${stamp}`, API_HOST: '127.0.0.1', API_PORT: String(port),
    AUTH_JWT_SECRET: randomBytes(32).toString('base64url'), LOG_LEVEL: 'warn',
    CREDENTIAL_SIGNING_KEY: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  }, async () => (await fetch(`http://127.0.0.1:${port}/api/health/ready`)).status === 200);

  rand = loadRand;
  const fixed = Array.from({ length: 200 }, () => filteredSearch(false));
  say(`API (${CLIENTS} clients, ${WARMUP_MS / 1000} s de chauffe, ${MEASURE_MS / 1000} s mesurées) : recherches filtrées, 200 requêtes distinctes…`);
  const warm = await load(port, () => pick(fixed), api.pid);
  say(`  cache chaud : ${fmt(warm)}`);
  say('API : recherches filtrées toutes distinctes (index du catalogue en mémoire, aucune réponse en cache)…');
  const cold = await load(port, () => filteredSearch(true), api.pid);
  say(`  distinctes  : ${fmt(cold)}`);
  say('API : recherches dont le texte est nouveau (la recherche plein texte de PostgreSQL à chaque requête)…');
  const fresh = await load(port, () => filteredSearch(true, true), api.pid);
  say(`  texte neuf  : ${fmt(fresh)}`);
  await stop(api);
  api = undefined;

  const barePort = await freePort();
  const size = warm.meanBytes;
  bare = await start(['-e', `const b=Buffer.alloc(${size},120);require('node:http').createServer((q,s)=>{s.writeHead(200,{'content-type':'application/json','content-length':b.length});s.end(b)}).listen(${barePort},'127.0.0.1')`],
    {}, async () => (await fetch(`http://127.0.0.1:${barePort}/`)).status === 200);
  say(`Serveur Node nu (réponse de ${size} octets), même charge…`);
  const base = await load(barePort, () => '/', bare.pid);
  say(`  Node nu     : ${fmt(base)}`);
  say('');
  say(`Résultat : recherches filtrées p95 ${warm.p95.toFixed(1)} ms (cache chaud), ${cold.p95.toFixed(1)} ms (distinctes), ${fresh.p95.toFixed(1)} ms (texte neuf) ; objectif p95 < 20 ms.`);
  say(`Débit rapporté au serveur nu : ${(warm.rate / base.rate).toFixed(2)} (cache chaud), ${(cold.rate / base.rate).toFixed(2)} (distinctes), ${(fresh.rate / base.rate).toFixed(2)} (texte neuf).`);
  const row = (label, r) => ({
    label, 'p50 (ms)': r.p50, 'p95 (ms)': r.p95, 'p99 (ms)': r.p99, 'req/s': r.rate, 'bytes/answer': r.meanBytes,
    'server CPU µs/request': r.cpuPerRequest === null ? null : Math.round(r.cpuPerRequest * 1000),
    'distinct URLs (%)': Math.round(r.distinct * 100),
    'distinct texts (%)': r.distinctTexts === null ? null : Math.round(r.distinctTexts * 100),
  });
  writeSummary('catalogue', {
    title: 'Catalogue search',
    issue: 4,
    command: 'npm run bench:catalogue',
    parameters: { courses: COURSES, clients: CLIENTS, warmupSeconds: WARMUP_MS / 1000, measuredSeconds: MEASURE_MS / 1000 },
    results: [
      row('API, 200 distinct filtered searches (answers cache warm)', warm),
      row('API, every search distinct (in-memory catalogue index, no answer cached)', cold),
      row('API, every search with a new text (full-text statement each time)', fresh),
      row('bare Node HTTP server, same response size', base),
    ],
    ratios: [
      { label: 'req/s, API (cache warm) / bare Node', value: warm.rate / base.rate },
      { label: 'req/s, API (every search distinct) / bare Node', value: cold.rate / base.rate },
      { label: 'req/s, API (new text each time) / bare Node', value: fresh.rate / base.rate },
    ],
    targets: [
      { issue: 4, label: 'filtered searches p95 < 20 ms (answers cache warm)', measured: `${warm.p95.toFixed(1)} ms`, met: warm.p95 < 20 },
      { issue: 4, label: 'filtered searches p95 < 20 ms (every search distinct)', measured: `${cold.p95.toFixed(1)} ms`, met: cold.p95 < 20 },
      { issue: 4, label: 'filtered searches p95 < 20 ms (new text each time, worst case)', measured: `${fresh.p95.toFixed(1)} ms`, met: fresh.p95 < 20 },
    ],
  });
} finally {
  if (api) await stop(api);
  if (bare) await stop(bare);
  if (KEEP) say(`Base ${dbUrl.pathname.slice(1)} conservée (BENCH_KEEP_DATABASE) : supprimez-la ensuite.`);
  else {
    await db.dropDatabase(DATABASE_URL).catch((e) => say(`Suppression de la base impossible : ${e.message}`));
    say(`Base ${dbUrl.pathname.slice(1)} supprimée.`);
  }
}
