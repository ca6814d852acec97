// The KPIs end to end: the API in-process, the real worker as a process (dist/server, built by `npm run test:int`),
// a scripted mix of enrollments, completions, certificates (issued by the worker), profile changes and erasures
// through the real routes. Every KPI route must give the figures this file computes from its own script, the
// reconciliation must find no difference, and the same after the worker is killed (SIGKILL) in the middle of a mix.
import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type KpiBreakdownResponse,
  type KpiCount,
  type KpiCounts,
  type KpiDimension,
  type KpiExportResponse,
  type KpiMeasure,
  type KpiOverviewResponse,
  type KpiTimeseriesResponse,
  type LessonInput,
  type StudioCourse,
  KPI_DIMENSIONS,
  KPI_MEASURES,
  deriveAudience,
} from '@academie/contracts';
import type { AppConfig } from '@academie/server-core';
import { createDataSource } from '@academie/server-database';
import { reconcileKpis } from '@academie/server-reporting';
import { createTestDatabase, eventually, MemoryLogger, sirenFrom, startWorkerProcess, stopProcess, testConfig } from '@academie/server-testing';
import { bootCatalogApi, stopCatalogApi } from '../catalog/catalog-boot';
import type { CatalogKit, TestUser } from '../catalog/catalog-kit';

const text = (title: string): LessonInput => ({ kind: 'text', title, durationMinutes: 5, required: true, text: { markdown: `## ${title}\n\nUn texte.` } });
const ev = (lessonId: string, type: 'started' | 'completed') => ({ eventId: randomUUID(), lessonId, type, occurredAt: new Date().toISOString() });

// ------------------------------------------------------------------------------------------ the script's own model
interface Profile {
  status: 'salarie' | 'dirigeant' | 'apprenti' | 'demandeur_emploi';
  staffBand: string | null;
  region: string;
  sector: string;
  siren: string | null;
}
interface Learner {
  user: TestUser;
  profile: Profile;
  erased: boolean;
  enrolled: string[];
  completed: string[];
  /** Set once the worker issued the certificate (read back: which course came first decides the trained course). */
  trained: { profile: Profile; course: string } | null;
}
type Attrs = Record<Exclude<KpiDimension, 'course'>, string>;
const attrsOf = (p: Profile, erased = false): Attrs => ({
  audience: deriveAudience({ status: p.status, staffBand: p.staffBand as never }) ?? '?',
  region: p.region,
  sector: p.sector,
  companySize: p.staffBand ?? '?',
  ...(erased ? {} : {}),
});
const categoryOf = (band: string | null, audience: string): string => {
  const b: Record<string, string> = { '01': 'TPE', '03': 'TPE', '12': 'PME', '22': 'PME', '32': 'ETI', '42': 'ETI', '52': 'GE' };
  return (band && b[band]) || ({ tpe: 'TPE', pme: 'PME', eti: 'ETI', grand_groupe: 'GE' } as Record<string, string>)[audience] || '?';
};

const siren = sirenFrom;

/** Skewed on purpose: most learners share a profile, so that many cells are 10 or more and shown. */
function profileFor(i: number): Profile {
  const companies = [siren(73282932), siren(55203253), siren(41234567), siren(12345678)];
  if (i % 9 === 4) return { status: 'apprenti', staffBand: '03', region: '84', sector: 'C', siren: null };
  if (i % 11 === 5) return { status: 'demandeur_emploi', staffBand: null, region: '11', sector: 'G', siren: null };
  if (i % 6 === 1) return { status: 'salarie', staffBand: '52', region: '11', sector: 'J', siren: companies[3] };
  if (i % 5 === 2) return { status: 'dirigeant', staffBand: '01', region: '84', sector: 'F', siren: siren(20000000 + i) };
  return { status: 'salarie', staffBand: '12', region: '84', sector: 'C', siren: companies[i % 3] };
}

// ------------------------------------------------------------------------------------------ harness
let catalog: CatalogKit;
let config: AppConfig;
let databaseUrl: string;
let ministry: TestUser;
let courses: { id: string; lessonId: string; counts: boolean }[];
const learners: Learner[] = [];
const mailDir = mkdtempSync(join(tmpdir(), 'kpi-mail-'));

const startWorker = (label: string): ChildProcess =>
  startWorkerProcess({ databaseUrl, redisPrefix: config.REDIS_PREFIX, mailDir, env: { SERVICE_NAME: `worker-${label}` } });
const killed = stopProcess;

async function publishCourse(trainer: TestUser, reviewer: TestUser, title: string, countsTowardGoal: boolean, lessons: LessonInput[]) {
  const course = await catalog.ok<StudioCourse>('POST', '/api/studio/courses', trainer, {
    slug: `kpi-${title.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}`,
    kind: 'course',
    title,
    summary: 'Un cours pour les indicateurs.',
    level: 'decouverte',
    durationMinutes: 30,
    audiences: ['pme'],
    sectors: [],
    useCases: ['bureautique'],
    countsTowardGoal,
    authorName: 'Marie Testeuse',
  });
  const withModule = await catalog.ok<StudioCourse>('POST', `/api/studio/courses/${course.id}/draft/modules`, trainer, { title: 'Module' });
  const moduleId = withModule.draft!.modules[0].id;
  for (const lesson of lessons) await catalog.ok('POST', `/api/studio/courses/${course.id}/draft/modules/${moduleId}/lessons`, trainer, lesson);
  await catalog.publish(course.id, trainer, reviewer);
  const detail = await catalog.ok<{ modules: { lessons: { id: string }[] }[] }>('GET', `/api/courses/${course.slug}`, null);
  return { id: course.id, lessonId: detail.modules[0].lessons[0].id, counts: countsTowardGoal };
}

async function addLearner(i: number): Promise<Learner> {
  const user = await catalog.user([], `Apprenant ${i}`);
  const profile = profileFor(i);
  await catalog.ok('PATCH', '/api/me/profile', user, profile);
  const learner: Learner = { user, profile, erased: false, enrolled: [], completed: [], trained: null };
  learners.push(learner);
  return learner;
}

/** Enrolls (in the order given) and completes through the learning routes; the worker issues the certificates. */
async function learn(l: Learner, enroll: number[], complete: number[]): Promise<void> {
  for (const c of enroll) {
    await catalog.ok('POST', '/api/enrollments', l.user, { courseId: courses[c].id });
    l.enrolled.push(courses[c].id);
  }
  for (const c of complete) {
    await catalog.ok('POST', '/api/progress/events', l.user, { events: [ev(courses[c].lessonId, 'started'), ev(courses[c].lessonId, 'completed')] }, [200]);
    l.completed.push(courses[c].id);
  }
}

async function changeProfile(l: Learner, change: Partial<Profile>): Promise<void> {
  await catalog.ok('PATCH', '/api/me/profile', l.user, change);
  l.profile = { ...l.profile, ...change };
}

async function erase(l: Learner): Promise<void> {
  await catalog.ok('DELETE', '/api/me', l.user, undefined, [204]);
  l.erased = true;
}

/** Every KPI event delivered to the reporting subscriber, every completion certified. */
async function settled(timeoutMs = 60_000): Promise<void> {
  await eventually(async () => {
    const { rows } = await catalog.db.query(
      `SELECT (SELECT count(*)::int FROM outbox_event WHERE processed_at IS NULL
                 AND type IN ('enrollment.created', 'course.completed', 'certificate.issued', 'profile.changed', 'user.erased')) AS open,
              (SELECT count(*)::int FROM course_completion) - (SELECT count(*)::int FROM certificate) AS uncertified`,
    );
    return rows[0].open === 0 && rows[0].uncertified === 0;
  }, timeoutMs, 200).catch(async (error: Error) => {
    // Say what is still open, so that a failure names its events rather than only a timeout.
    const { rows } = await catalog.db.query(
      `SELECT e.id, e.type, e.payload, e.relay_count, e.enqueued_at, e.attempts, e.last_error,
              (SELECT json_agg(json_build_object('subscriber', d.subscriber, 'processed', d.processed_at IS NOT NULL, 'attempts', d.attempts, 'error', d.last_error))
                 FROM outbox_delivery d WHERE d.event_id = e.id) AS deliveries
         FROM outbox_event e WHERE e.processed_at IS NULL ORDER BY e.id LIMIT 20`,
    );
    const enrollments = rows.map((r) => (r as { payload?: { enrollmentId?: string } }).payload?.enrollmentId).filter(Boolean);
    const { rows: related } = await catalog.db.query(
      `SELECT e.id, e.type, e.processed_at, e.created_at, e.payload->>'userId' AS user_id,
              (SELECT json_agg(json_build_object('subscriber', d.subscriber, 'processed', d.processed_at, 'attempts', d.attempts))
                 FROM outbox_delivery d WHERE d.event_id = e.id) AS deliveries,
              EXISTS (SELECT 1 FROM kpi_enrollment k WHERE k.enrollment_id::text = e.payload->>'enrollmentId') AS kpi_enrollment,
              EXISTS (SELECT 1 FROM kpi_learner k WHERE k.user_id::text = e.payload->>'userId') AS kpi_learner,
              EXISTS (SELECT 1 FROM enrollment x WHERE x.id::text = e.payload->>'enrollmentId') AS enrollment
         FROM outbox_event e WHERE e.payload->>'enrollmentId' = ANY($1::text[]) ORDER BY e.id`,
      [enrollments],
    );
    throw new Error(`${error.message}; open events: ${JSON.stringify(rows)}; their enrollments' events: ${JSON.stringify(related)}`);
  });
}

/** Reads back which certificate came first for each learner (the worker's issuance order decides the trained course). */
async function readTrained(): Promise<void> {
  const { rows } = await catalog.db.query(
    `SELECT DISTINCT ON (c.user_id) c.user_id, c.course_id FROM certificate c JOIN course_version v ON v.id = c.version_id
      WHERE v.counts_toward_goal ORDER BY c.user_id, date_trunc('milliseconds', c.issued_at), c.id`,
  );
  for (const row of rows) {
    const l = learners.find((x) => x.user.id === row.user_id)!;
    if (!l.trained) l.trained = { profile: { ...l.profile }, course: row.course_id };
    else l.trained.course = row.course_id; // frozen profile kept
  }
}

// ------------------------------------------------------------------------------------------ expected figures
type Cell = Record<KpiMeasure, number>;
const zero = (): Cell => ({ trained: 0, certificates: 0, enrollments: 0, completions: 0, newLearners: 0 });

/** The true counts by code of a dimension, with filters, from the script's model only. */
function expectedBreakdown(by: KpiDimension, filters: Partial<Record<KpiDimension, string>> = {}): { cells: Map<string, Cell>; total: Cell } {
  const cells = new Map<string, Cell>();
  const total = zero();
  const add = (attrs: Attrs, course: string, m: KpiMeasure) => {
    const coords: Record<KpiDimension, string> = { ...attrs, course };
    if (Object.entries(filters).some(([d, v]) => coords[d as KpiDimension] !== v)) return;
    const key = coords[by];
    const cell = cells.get(key) ?? zero();
    cell[m]++;
    total[m]++;
    cells.set(key, cell);
  };
  for (const l of learners) {
    const now = attrsOf(l.profile);
    l.enrolled.forEach((c, i) => {
      add(now, c, 'enrollments');
      if (i === 0) add(now, c, 'newLearners');
    });
    for (const c of l.completed) add(now, c, 'completions');
    for (const c of l.completed) add(now, c, 'certificates'); // one certificate per completed course
    if (l.trained) add(attrsOf(l.trained.profile), l.trained.course, 'trained');
  }
  return { cells, total };
}

const KPI = (url: string) => catalog.ok<unknown>('GET', url, ministry);

/** A shown count equals the truth; a hidden one hides a non-zero truth; no shown count is from 1 to 9. */
function expectCount(shown: KpiCount, truth: number, where: string): void {
  if (shown.suppressed) {
    expect({ where, value: shown.value }).toEqual({ where, value: null });
    expect({ where, hiddenTruthIsZero: truth === 0 }).toEqual({ where, hiddenTruthIsZero: false });
  } else {
    expect({ where, value: shown.value }).toEqual({ where, value: truth });
    expect({ where, small: truth >= 1 && truth <= 9 }).toEqual({ where, small: false });
  }
}

function expectCounts(shown: KpiCounts, truth: Cell, where: string): void {
  for (const m of KPI_MEASURES) expectCount(shown[m], truth[m], `${where} ${m}`);
}

/** Acceptance 3: no visible count from 1 to 9, and the total minus the visible cells is 0 or at least 10, per measure. */
function expectSafe(cells: { counts: KpiCounts }[], total: KpiCounts, where: string): void {
  for (const m of KPI_MEASURES) {
    for (const c of [...cells.map((x) => x.counts), total]) {
      const v = c[m].value;
      expect({ where, m, small: v !== null && v >= 1 && v <= 9 }).toEqual({ where, m, small: false });
    }
    if (total[m].value === null) continue;
    const residue = total[m].value - cells.reduce((s, c) => s + (c.counts[m].value ?? 0), 0);
    expect({ where, m, residueSafe: residue === 0 || residue >= 10 }).toEqual({ where, m, residueSafe: true });
  }
}

let shownValues = 0;

async function checkEveryRoute(): Promise<void> {
  const all = expectedBreakdown('audience');
  const overview = (await KPI('/api/kpi/overview')) as KpiOverviewResponse;
  expectCount(overview.trained.total, all.total.trained, 'overview trained');
  expectCount(overview.certificates, all.total.certificates, 'overview certificates');
  expectCount(overview.enrollments, all.total.enrollments, 'overview enrollments');
  expectCount(overview.completions, all.total.completions, 'overview completions');
  expectCount(overview.learners.enrolled, all.total.newLearners, 'overview enrolled');
  expectCount(overview.learners.active30Days, learners.filter((l) => l.enrolled.length).length, 'overview active');
  const apprentices = learners.filter((l) => l.trained && attrsOf(l.trained.profile).audience === 'apprenti').length;
  expectCount(overview.apprentices.trained, apprentices, 'overview apprentices');
  expect(overview.trained.goal).toBe(15_000_000);
  expect(overview.trajectory.at(-1)).toMatchObject({ month: '2030-12', target: 15_000_000 });
  const companies = new Map<string, Set<string>>();
  for (const l of learners) {
    if (!l.trained?.profile.siren) continue;
    const category = categoryOf(l.trained.profile.staffBand, attrsOf(l.trained.profile).audience);
    if (![...companies.values()].some((s) => s.has(l.trained!.profile.siren!))) {
      companies.set(category, new Set([...(companies.get(category) ?? []), l.trained.profile.siren]));
    }
  }
  for (const c of overview.companies) expectCount(c.reached, companies.get(c.category)?.size ?? 0, `companies ${c.category}`);

  const filterSets: Partial<Record<KpiDimension, string>>[] = [{}, { region: '84' }, { audience: 'pme', region: '84' }, { sector: 'C', companySize: '12' }];
  for (const by of KPI_DIMENSIONS) {
    for (const filters of filterSets) {
      if (filters[by] !== undefined) continue;
      const query = new URLSearchParams({ by, ...filters });
      const answer = (await KPI(`/api/kpi/breakdown?${query}`)) as KpiBreakdownResponse;
      const truth = expectedBreakdown(by, filters);
      const where = `breakdown ${query}`;
      expectCounts(answer.total, truth.total, `${where} total`);
      expect(answer.cells.map((c) => c.code ?? '?').sort()).toEqual([...truth.cells.keys()].sort());
      for (const cell of answer.cells) expectCounts(cell.counts, truth.cells.get(cell.code ?? '?')!, `${where} ${cell.code}`);
      expectSafe(answer.cells, answer.total, where);
      shownValues += answer.cells.reduce((s, c) => s + KPI_MEASURES.filter((m) => c.counts[m].value !== null && c.counts[m].value! > 0).length, 0);
    }
  }
  const series = (await KPI('/api/kpi/timeseries?interval=month')) as KpiTimeseriesResponse;
  expectCounts(series.total, all.total, 'timeseries total');
  expectCounts(series.points.at(-1)!.counts, all.total, 'timeseries current month'); // everything happened this month
  expectSafe(series.points, series.total, 'timeseries');

  const exported = (await KPI('/api/kpi/export.json')) as KpiExportResponse;
  expect(exported.licence.name).toBe('Licence Ouverte 2.0');
  for (const by of KPI_DIMENSIONS) expectSafe(exported.breakdowns[by], exported.total, `export.json ${by}`);
  const response = await catalog.app.getHttpAdapter().getInstance().inject({
    method: 'GET',
    url: '/api/kpi/export.csv',
    headers: { authorization: `Bearer ${ministry.token}` },
  });
  const csv = { status: response.statusCode, text: response.body };
  expect(csv.status).toBe(200);
  expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(String(response.headers.link)).toContain('Licence Ouverte 2.0');
  expect(csv.text.startsWith('\uFEFFdimension,code,libelle,mois_debut,mois_fin,personnes_formees,certificats,inscriptions,achevements,nouveaux_apprenants\r\n')).toBe(true);
  for (const line of csv.text.slice(1).trim().split('\r\n').slice(1)) {
    const figures = line.split(',').slice(-5);
    for (const f of figures) expect({ line, small: /^[1-9]$/.test(f) }).toEqual({ line, small: false });
  }
  for (const l of learners) {
    // No personal data in the exports: no e-mail, no SIREN, no account id.
    expect(csv.text.includes(l.user.id)).toBe(false);
    if (l.profile.siren) expect(csv.text.includes(l.profile.siren)).toBe(false);
  }
}

async function reconcile() {
  const source = createDataSource({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 2 });
  await source.initialize();
  try {
    return await reconcileKpis(source, { trigger: 'manual' });
  } finally {
    await source.destroy();
  }
}

// ------------------------------------------------------------------------------------------ the tests
let worker: ChildProcess | undefined;

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  // KPI_CACHE_SECONDS 0: every read below must see the rollups as they are (the cache is tested apart).
  config = testConfig({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '8', KPI_CACHE_SECONDS: '0' });
  catalog = await bootCatalogApi(databaseUrl, config, new MemoryLogger('api'), false);
  const [trainer, reviewer] = await Promise.all([catalog.user(['trainer']), catalog.user(['reviewer'])]);
  ministry = await catalog.user(['ministry']);
  courses = [
    await publishCourse(trainer, reviewer, 'Découvrir l’IA', true, [text('Une leçon')]),
    await publishCourse(trainer, reviewer, 'L’IA au bureau', true, [text('Une leçon')]),
    await publishCourse(trainer, reviewer, 'Culture générale', false, [text('Une leçon')]),
  ];
}, 120_000);

afterAll(async () => {
  if (worker) await killed(worker, 'SIGTERM');
  await stopCatalogApi(catalog);
});

describe('KPIs', () => {
  it('answers 400 naming the field for every invalid query parameter', async () => {
    const cases: [string, string][] = [
      ['/api/kpi/breakdown', 'by'],
      ['/api/kpi/breakdown?by=ville', 'by'],
      ['/api/kpi/breakdown?by=region&from=2026-13', 'from'],
      ['/api/kpi/breakdown?by=region&to=26-01', 'to'],
      ['/api/kpi/breakdown?by=region&from=2026-05&to=2026-01', 'from'],
      ['/api/kpi/breakdown?by=region&audience=artisan', 'audience'],
      ['/api/kpi/breakdown?by=audience&region=99', 'region'],
      ['/api/kpi/breakdown?by=audience&sector=Z', 'sector'],
      ['/api/kpi/breakdown?by=audience&companySize=99', 'companySize'],
      ['/api/kpi/breakdown?by=audience&course=abc', 'course'],
      ['/api/kpi/breakdown?by=region&region=84', 'region'],
      ['/api/kpi/breakdown?by=course&audience=tpe&region=84&sector=C', 'sector'],
      ['/api/kpi/breakdown?by=region&siren=732829320', 'siren'],
      ['/api/kpi/timeseries?interval=week', 'interval'],
      ['/api/kpi/export.csv?from=janvier', 'from'],
      ['/api/kpi/export.json?to=2026-00', 'to'],
    ];
    for (const [url, field] of cases) {
      const answer = await catalog.call<{ statusCode: number; details: { field: string }[] }>('GET', url, ministry);
      expect({ url, status: answer.status, fields: answer.body.details.map((d) => d.field) }).toEqual({ url, status: 400, fields: [field] });
    }
  });

  it('gives the scripted figures on every route after enrollments, completions, certificates, profile changes and an erasure; reconciliation finds no difference', async () => {
    worker = startWorker('a');
    for (let i = 0; i < 64; i++) {
      const l = await addLearner(i);
      const enroll = [0, ...(i % 2 === 0 ? [1] : []), ...(i % 5 === 0 ? [2] : [])];
      const complete = [...(i % 3 !== 0 ? [0] : []), ...(i % 4 === 0 ? [1] : []), ...(i % 10 === 0 ? [2] : [])];
      await learn(l, enroll, complete);
    }
    await settled();
    await readTrained();
    // After their certificates: moved for enrollments, completions and certificates, frozen for "trained".
    for (const l of learners.filter((_, i) => i % 7 === 0)) await changeProfile(l, { region: '93', sector: 'J' });
    await erase(learners.find((l) => l.trained && l.profile.siren)!);
    await settled();
    await checkEveryRoute();
    expect(shownValues).toBeGreaterThan(20); // the comparison is not only of hidden cells
    const report = await reconcile();
    expect({ differences: report.differences, count: report.differenceCount }).toEqual({ differences: [], count: 0 });
    expect(report.checked.cell).toBeGreaterThan(100);
  }, 240_000);

  it('shows a new certificate in the overview within 60 seconds', async () => {
    const before = (await KPI('/api/kpi/overview')) as KpiOverviewResponse;
    expect(before.certificates.value).not.toBeNull();
    const l = await addLearner(1000);
    await learn(l, [0], [0]);
    const issued = await eventually(async () => {
      const r = await catalog.db.query(`SELECT issued_at FROM certificate WHERE user_id = $1`, [l.user.id]);
      return r.rows[0]?.issued_at as Date | undefined;
    }, 60_000, 100);
    const issuedAt = (issued as Date).getTime();
    const seen = await eventually(async () => {
      const now = (await KPI('/api/kpi/overview')) as KpiOverviewResponse;
      return (now.certificates.value ?? 0) > (before.certificates.value ?? 0) ? Date.now() : 0;
    }, 60_000, 50);
    const delayMs = seen - issuedAt;
    process.stdout.write(`KPI: certificate issued → visible in GET /api/kpi/overview after ${delayMs} ms\n`);
    expect(delayMs).toBeLessThan(60_000);
    await readTrained();
  }, 120_000);

  it('gives the same figures after the worker is killed (SIGKILL) in the middle of a mix and a new one starts', async () => {
    const mix: (() => Promise<void>)[] = [];
    for (let i = 64; i < 100; i++) {
      mix.push(async () => {
        const l = await addLearner(i);
        await learn(l, [0, 1], [...(i % 2 ? [0] : []), ...(i % 3 ? [1] : [])]);
      });
    }
    // Changes to people trained earlier (their certificates are issued): frozen "trained", moved counts.
    learners.filter((_, i) => i % 8 === 3 && i < 64).forEach((l) => mix.splice(10, 0, () => changeProfile(l, { staffBand: '22', sector: 'M' })));
    mix.splice(20, 0, () => erase(learners.find((l) => !l.erased && l.trained && l.profile.siren)!));
    for (const [index, step] of mix.entries()) {
      if (index === Math.floor(mix.length / 2)) {
        await killed(worker!, 'SIGKILL');
        worker = undefined;
      }
      await step();
    }
    worker = startWorker('b');
    await settled(90_000);
    await readTrained();
    await checkEveryRoute();
    const report = await reconcile();
    expect({ differences: report.differences, count: report.differenceCount }).toEqual({ differences: [], count: 0 });
    const { rows } = await catalog.db.query(`SELECT status, difference_count FROM kpi_reconciliation_run ORDER BY id`);
    expect(rows).toEqual([
      { status: 'ok', difference_count: 0 },
      { status: 'ok', difference_count: 0 },
    ]);
  }, 300_000);
});
