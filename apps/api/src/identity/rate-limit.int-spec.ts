// Rate limits of the sign-in routes, counted in Redis before any hashing; 503 when Redis is down.
// Windows are shortened through the configuration so that the file runs in seconds.
import 'reflect-metadata';
import type { ErrorBody } from '@academie/contracts';
import { OwnRedis, type TestApi, createTestUser, errorFormat, startTestApi, testPassword } from '@academie/server-testing';
import { createApiApp } from '../bootstrap';

type App = Awaited<ReturnType<typeof createApiApp>>;
/** Short enough to wait for its end, long enough for 11 logins on a loaded machine. */
const SHORT_WINDOW_SECONDS = 8;

describe('rate limits per account, over a short window', () => {
  let t: TestApi<App>;

  beforeAll(async () => {
    t = await startTestApi(createApiApp, {
      overrides: { RATE_LIMIT_WINDOW_SECONDS: String(SHORT_WINDOW_SECONDS), RATE_LIMIT_LOGIN_PER_ACCOUNT: '10', RATE_LIMIT_LOGIN_PER_IP: '1000' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const login = (email: string, password: string, ip: string) =>
    t.api.call<ErrorBody>({ method: 'POST', url: '/api/auth/login', payload: { email, password }, ip });

  it('allows 10 attempts per account, then answers 429 with Retry-After, even with the right password, until the window ends', async () => {
    const user = await createTestUser(t.db);
    for (let attempt = 1; attempt <= 10; attempt++) {
      // From several addresses: the account limit holds whatever the IP.
      expect((await login(user.email, 'Mauvais-Mot-De-Passe-1', `10.0.0.${attempt}`)).status).toBe(401);
    }
    const eleventh = await login(user.email, user.password, '10.0.1.1');
    expect(eleventh.status).toBe(429);
    expect(errorFormat(eleventh.body, 429).message).toContain('Trop de tentatives');
    const retryAfter = Number(eleventh.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(SHORT_WINDOW_SECONDS);
    // Same e-mail written otherwise: the same account.
    expect((await login(` ${user.email.toUpperCase()}`, user.password, '10.0.1.2')).status).toBe(429);
    // No password was checked for the refused attempts.
    const refusedChecks = t.logger.entries().filter((e) => e.msg === 'login refused: wrong password' && e.userId === user.id);
    expect(refusedChecks).toHaveLength(10);

    await new Promise((resolve) => setTimeout(resolve, (retryAfter + 0.2) * 1000));
    expect((await login(user.email, user.password, '10.0.1.3')).status).toBe(200);
  });
});

describe('rate limits', () => {
  let t: TestApi<App>;

  beforeAll(async () => {
    t = await startTestApi(createApiApp, {
      overrides: {
        RATE_LIMIT_LOGIN_PER_IP: '15',
        RATE_LIMIT_REGISTER_PER_IP: '3',
        RATE_LIMIT_MAIL_PER_ADDRESS: '2',
        RATE_LIMIT_MAIL_PER_IP: '100',
        RATE_LIMIT_TOKEN_PER_IP: '3',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const login = (email: string, password: string, ip: string) =>
    t.api.call<ErrorBody>({ method: 'POST', url: '/api/auth/login', payload: { email, password }, ip });

  it('limits attempts per IP across accounts, without touching other addresses', async () => {
    const ip = '192.0.2.10';
    for (let i = 0; i < 15; i++) expect((await login(`inconnu-${i}@example.fr`, 'Mauvais-Mot-De-Passe-1', ip)).status).toBe(401);
    const refused = await login('encore-un@example.fr', 'Mauvais-Mot-De-Passe-1', ip);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect((await login('encore-un@example.fr', 'Mauvais-Mot-De-Passe-1', '192.0.2.11')).status).toBe(401);
  });

  it('limits sign-ups per IP and e-mails sent to one address', async () => {
    const ip = '198.51.100.7';
    const register = (email: string) =>
      t.api.call({ method: 'POST', url: '/api/auth/register', payload: { email, password: testPassword(), firstName: 'A', lastName: 'B' }, ip });
    expect((await register('a1@example.fr')).status).toBe(201);
    expect((await register('a2@example.fr')).status).toBe(201);
    expect((await register('a3@example.fr')).status).toBe(201);
    expect((await register('a4@example.fr')).status).toBe(429);

    const forgot = (email: string, from: string) => t.api.call({ method: 'POST', url: '/api/auth/password/forgot', payload: { email }, ip: from });
    expect((await forgot('a1@example.fr', '198.51.100.8')).status).toBe(202); // 2nd mail to a1 (sign-up was the 1st)
    expect((await forgot('a1@example.fr', '198.51.100.9')).status).toBe(429);
  });

  it('limits uses of e-mailed tokens per IP (before any hashing of the new password)', async () => {
    const ip = '203.0.113.5';
    const reset = () =>
      t.api.call({ method: 'POST', url: '/api/auth/password/reset', payload: { token: 'E'.repeat(43), password: testPassword() }, ip });
    for (let i = 0; i < 3; i++) expect((await reset()).status).toBe(400);
    expect((await reset()).status).toBe(429);
  });
});

describe('rate limits when Redis is down', () => {
  let redis: OwnRedis;
  let t: TestApi<App>;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    t = await startTestApi(createApiApp, { overrides: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.destroy();
  });

  it('answers 503 in the error format (fail closed), and recovers when Redis is back', async () => {
    const user = await createTestUser(t.db);
    expect((await t.api.call({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password } })).status).toBe(200);
    await redis.stop();
    const started = Date.now();
    const down = await t.api.call<ErrorBody>({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password } });
    expect(down.status).toBe(503);
    expect(errorFormat(down.body, 503).message).toContain('indisponible');
    expect(Date.now() - started).toBeLessThan(5_000);
    const register = await t.api.call({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: 'pendant-la-panne@example.fr', password: testPassword(), firstName: 'A', lastName: 'B' },
    });
    expect(register.status).toBe(503);
    expect((await t.db.query(`SELECT 1 FROM app_user WHERE email = 'pendant-la-panne@example.fr'`)).rows).toHaveLength(0);

    await redis.resume();
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await t.api.call({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password } })).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(200);
  });
});
