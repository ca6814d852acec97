// The demo accounts: one per role, verified, with a profile, seeded idempotently; never created in production
// unless asked. The seed CLI is the built one (`npm run test:int` builds the server first).
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { MeResponse } from '@academie/contracts';
import { DEMO_ACCOUNTS, createDataSource, seedDemoData } from '@academie/server-database';
import { passwordProblem } from '@academie/server-identity';
import { type TestApi, createTestDatabase, startTestApi } from '@academie/server-testing';
import { createApiApp } from '../bootstrap';

const SEED_CLI = join(process.cwd(), 'dist/server/libs/server/database/src/cli/seed.js');

function runSeedCli(databaseUrl: string, env: Record<string, string>, args: string[] = []) {
  const result = spawnSync(process.execPath, [SEED_CLI, ...args], {
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('demo accounts', () => {
  let t: TestApi<Awaited<ReturnType<typeof createApiApp>>>;

  beforeAll(async () => {
    t = await startTestApi(createApiApp, { seed: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives one account per role, with strong passwords', () => {
    expect(DEMO_ACCOUNTS.map((a) => a.role).sort()).toEqual(['admin', 'learner', 'ministry', 'reviewer', 'trainer']);
    for (const account of DEMO_ACCOUNTS) {
      expect({ email: account.email, problem: passwordProblem(account.password, { email: account.email, names: [account.firstName, account.lastName] }) }).toEqual({
        email: account.email,
        problem: null,
      });
    }
  });

  it.each(DEMO_ACCOUNTS.map((account) => [account.role, account] as const))(
    'signs the %s in, verified, with its role and a complete profile',
    async (role, account) => {
      const session = await t.api.login(account.email, account.password);
      const me = (await t.api.call<MeResponse>({ url: '/api/me', token: session.accessToken })).body;
      expect(me).toMatchObject({ email: account.email, emailVerified: true, firstName: account.firstName, profile: account.profile });
      expect(me.roles).toEqual(role === 'learner' ? ['learner'] : ['learner', role]);
      expect(me.audience).not.toBeNull();
    },
  );

  it('seeds idempotently: a second run adds nothing and leaves changed accounts alone', async () => {
    const learner = DEMO_ACCOUNTS.find((a) => a.role === 'learner');
    await t.db.query(`UPDATE app_user SET region = '94' WHERE email = $1`, [learner?.email]);
    const source = createDataSource({ DATABASE_URL: t.databaseUrl, DATABASE_POOL_SIZE: 1 });
    await source.initialize();
    try {
      const report = await seedDemoData(source);
      expect(report.accounts).toEqual({ inserted: 0, existing: DEMO_ACCOUNTS.length });
    } finally {
      await source.destroy();
    }
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM app_user WHERE email LIKE '%@demo.academie-ia.fr'`);
    expect(rows[0].n).toBe(DEMO_ACCOUNTS.length);
    expect((await t.db.query(`SELECT region FROM app_user WHERE email = $1`, [learner?.email])).rows[0].region).toBe('94');
  });

  it('creates no demo account in production unless asked with --with-demo-accounts', async () => {
    const databaseUrl = await createTestDatabase();
    const production = runSeedCli(databaseUrl, { NODE_ENV: 'production' });
    expect(production.status).toBe(0);
    expect(production.output).toContain('non créés en production');
    const count = async () => {
      const source = createDataSource({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 1 });
      await source.initialize();
      try {
        return (await source.query(`SELECT count(*)::int AS n FROM app_user`))[0].n as number;
      } finally {
        await source.destroy();
      }
    };
    expect(await count()).toBe(0);
    const asked = runSeedCli(databaseUrl, { NODE_ENV: 'production' }, ['--with-demo-accounts']);
    expect(asked.status).toBe(0);
    expect(await count()).toBe(DEMO_ACCOUNTS.length);
    expect(runSeedCli(databaseUrl, { NODE_ENV: 'development' }).output).toContain(`0 ajouté(s), ${DEMO_ACCOUNTS.length} déjà présent(s)`);
  });
});
