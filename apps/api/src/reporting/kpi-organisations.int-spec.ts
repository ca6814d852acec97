// « Entreprises touchées » fed by organisations: a company is reached through a trained person's profile SIREN or
// through an organisation of kind `entreprise` with a SIREN the person belongs to, counted once per SIREN. The API
// in-process, the real worker as a process (dist/server, built by `npm run test:int`) issuing certificates and
// keeping the rollups; the reconciliation (and its --rebuild) must find no difference.
import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KpiOverviewResponse, OrganisationView } from '@academie/contracts';
import type { AppConfig } from '@academie/server-core';
import { createDataSource } from '@academie/server-database';
import { reconcileKpis } from '@academie/server-reporting';
import { createTestDatabase, eventually, MemoryLogger, sirenFrom, startWorkerProcess, stopProcess, testConfig } from '@academie/server-testing';
import { bootCatalogApi, stopCatalogApi } from '../catalog/catalog-boot';
import type { CatalogKit, TestUser } from '../catalog/catalog-kit';
import { LearningKit, type PublishedCourse, ev, text } from '../learning/learning-kit';
import { emailOf, invitationToken } from '../organisation/organisation-kit';

const siren = sirenFrom;

let catalog: CatalogKit;
let kit: LearningKit;
let config: AppConfig;
let databaseUrl: string;
let course: PublishedCourse;
let worker: ChildProcess | undefined;
const mailDir = mkdtempSync(join(tmpdir(), 'kpi-org-mail-'));

const startWorker = (): ChildProcess =>
  startWorkerProcess({ databaseUrl, redisPrefix: config.REDIS_PREFIX, mailDir, env: { SERVICE_NAME: 'worker-kpi-org' } });
const stopped = (child: ChildProcess) => stopProcess(child);

/** Every KPI event delivered to the reporting subscriber, every completion certified. */
async function settled(): Promise<void> {
  await eventually(async () => {
    const { rows } = await catalog.db.query(
      `SELECT (SELECT count(*)::int FROM outbox_event WHERE processed_at IS NULL
                 AND type IN ('enrollment.created', 'course.completed', 'certificate.issued', 'profile.changed', 'user.erased')) AS open,
              (SELECT count(*)::int FROM course_completion) - (SELECT count(*)::int FROM certificate) AS uncertified`,
    );
    return rows[0].open === 0 && rows[0].uncertified === 0;
  }, 60_000, 200);
}

async function reconcile(rebuild = false) {
  const source = createDataSource({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 2 });
  await source.initialize();
  try {
    return await reconcileKpis(source, { trigger: 'manual', rebuild });
  } finally {
    await source.destroy();
  }
}

async function person(profileSiren: string | null): Promise<TestUser> {
  const user = await catalog.user([], 'Salarié');
  await catalog.ok('PATCH', '/api/me/profile', user, { status: 'salarie', staffBand: '03', region: '84', sector: 'C', siren: profileSiren });
  return user;
}

async function join_(org: OrganisationView, admin: TestUser, users: TestUser[]): Promise<void> {
  const emails = await Promise.all(users.map((u) => emailOf(catalog, u)));
  await catalog.ok('POST', `/api/organisations/${org.id}/invitations`, admin, { kind: 'email', emails });
  for (const [i, u] of users.entries()) {
    await catalog.ok('POST', '/api/invitations/accept', u, { token: await invitationToken(catalog, emails[i]), shareProgress: false }, [200]);
  }
}

async function train(user: TestUser): Promise<void> {
  await catalog.ok('POST', '/api/enrollments', user, { courseId: course.courseId });
  await kit.sendOk(user, [ev(course.lessonIds[0], 'started'), ev(course.lessonIds[0], 'completed')]);
}

const companies = async () =>
  (await catalog.db.query(`SELECT siren, persons FROM kpi_company ORDER BY siren`)).rows as { siren: string; persons: number }[];

beforeAll(async () => {
  databaseUrl = await createTestDatabase();
  config = testConfig({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '8', KPI_CACHE_SECONDS: '0' });
  catalog = await bootCatalogApi(databaseUrl, config, new MemoryLogger('api'), false);
  kit = new LearningKit(catalog);
  course = await kit.publish([text('Une leçon')], 'Découvrir l’IA en entreprise');
}, 120_000);

afterAll(async () => {
  if (worker) await stopped(worker);
  await stopCatalogApi(catalog);
});

describe('companies reached through organisations', () => {
  it('counts the SIRENs of entreprise organisations and of profiles, each company once; reconciliation (and rebuild) at zero', async () => {
    const X = siren(73282932); // the company of the organisation (PME: band 12)
    const Y = siren(55203253); // a profile's, outside any organisation
    const Z = siren(41234567); // a CFA's SIREN: not a company reached through the CFA
    const W = siren(12345678); // an entreprise organisation nobody trained belongs to
    const boss = await person(null);
    const org = await catalog.ok<OrganisationView>('POST', '/api/organisations', boss, { kind: 'entreprise', name: 'PME Test', siren: X, staffBand: '12' });
    const cfaAdmin = await person(null);
    const cfa = await catalog.ok<OrganisationView>('POST', '/api/organisations', cfaAdmin, { kind: 'cfa', name: 'CFA Test', siren: Z });
    const idle = await person(null);
    await catalog.ok('POST', '/api/organisations', idle, { kind: 'entreprise', name: 'Sans formés', siren: W });

    const viaOrg = await person(null); // reached X through the organisation only
    const both = await person(X); // X by profile and by organisation: once
    const other = await person(Y); // Y by profile, X by organisation: both
    const apprentice = await person(null); // in the CFA only: nothing
    const lateJoiner = await person(null); // trained first, joins afterwards: frozen at training, X not counted for them
    await join_(org, boss, [viaOrg, both, other]);
    await join_(cfa, cfaAdmin, [apprentice]);

    worker = startWorker();
    for (const u of [viaOrg, both, other, apprentice, lateJoiner]) await train(u);
    await settled();
    await join_(org, boss, [lateJoiner]);

    expect(await companies()).toEqual(
      [
        { siren: X, persons: 3 },
        { siren: Y, persons: 1 },
      ].sort((a, b) => a.siren.localeCompare(b.siren)),
    );
    const ministry = await catalog.user(['ministry']);
    const overview = await catalog.ok<KpiOverviewResponse>('GET', '/api/kpi/overview', ministry);
    const reached = overview.companies.reduce((sum, c) => sum + (c.reached.value ?? 0), 0);
    // Two companies: fewer than 10, so each category's figure may be masked; what is shown never exceeds the truth.
    expect(reached).toBeLessThanOrEqual(2);
    const byCategory = (await catalog.db.query(`SELECT category, sum(companies)::int AS n FROM kpi_company_month GROUP BY 1 ORDER BY 1`)).rows;
    expect(byCategory.reduce((s: number, r: { n: number }) => s + r.n, 0)).toBe(2);

    let report = await reconcile();
    expect({ differences: report.differences, count: report.differenceCount }).toEqual({ differences: [], count: 0 });
    expect(report.checked.trained_company).toBe(2); // viaOrg and other → X (both: by profile)

    // An erasure unlinks the person; the company stays reached, the reconciliation still finds nothing.
    await catalog.ok('DELETE', '/api/me', viaOrg, undefined, [204]);
    await settled();
    expect(await companies()).toContainEqual({ siren: X, persons: 3 });
    report = await reconcile();
    expect({ differences: report.differences, count: report.differenceCount }).toEqual({ differences: [], count: 0 });

    // A link lost: the reconciliation names it; --rebuild (worker stopped) puts the figures back, then zero.
    await stopped(worker);
    worker = undefined;
    await catalog.db.query(`DELETE FROM kpi_trained_company WHERE user_id = $1`, [other.id]);
    report = await reconcile();
    expect(report.differences.map((d) => d.check).sort()).toEqual(['company', 'trained_company']);
    report = await reconcile(true);
    expect({ differences: report.differences, count: report.differenceCount }).toEqual({ differences: [], count: 0 });
    expect(await companies()).toContainEqual({ siren: X, persons: 3 });
  }, 240_000);
});
