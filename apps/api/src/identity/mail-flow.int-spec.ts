// The e-mail journeys end to end: the API in-process, the real worker process (built by `npm run test:int`)
// sending through a local SMTP server, and the links followed as a person would.
import 'reflect-metadata';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorBody, MeResponse } from '@academie/contracts';
import { type MailCapture, type TestApi, findLink, startMailCapture, startTestApi, testPassword } from '@academie/server-testing';
import { createApiApp } from '../bootstrap';

const PUBLIC_BASE_URL = 'https://academie.test';
const WORKER = join(process.cwd(), 'dist/server/apps/worker/src/main.js');

let t: TestApi<Awaited<ReturnType<typeof createApiApp>>>;
let smtp: MailCapture;
let worker: ChildProcess;
let workerOutput = '';

beforeAll(async () => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run the integration tests through npm run test:int (it builds the server)`);
  smtp = await startMailCapture();
  t = await startTestApi(createApiApp, { overrides: { PUBLIC_BASE_URL } });
  worker = spawn(process.execPath, [WORKER], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: t.databaseUrl,
      REDIS_URL: t.config.REDIS_URL,
      REDIS_PREFIX: t.config.REDIS_PREFIX,
      SMTP_URL: smtp.url,
      PUBLIC_BASE_URL,
      OUTBOX_RELAY_INTERVAL_MS: '100',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  worker.stdout?.on('data', (chunk: Buffer) => (workerOutput += chunk.toString()));
  worker.stderr?.on('data', (chunk: Buffer) => (workerOutput += chunk.toString()));
});

afterAll(async () => {
  if (worker && worker.exitCode === null) {
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.kill('SIGTERM');
    await exited;
  }
  await t?.close();
  await smtp?.close();
});

async function mailTo(address: string, subject: RegExp, after = 0) {
  try {
    return await smtp.waitFor((m) => m.envelopeTo.includes(address) && subject.test(m.subject) && smtp.messages.indexOf(m as never) >= after, 20_000);
  } catch (error) {
    throw new Error(`${(error as Error).message}\nworker output:\n${workerOutput.slice(-3000)}`);
  }
}

const tokenOf = (link: string | null) => {
  if (!link) throw new Error('no link in the e-mail');
  return new URL(link).searchParams.get('token') as string;
};

describe('e-mail journeys', () => {
  it('sign-up: the verification e-mail arrives, its link verifies the address once', async () => {
    const email = 'nouvelle.apprenante@example.fr';
    const password = testPassword();
    const registered = await t.api.call<MeResponse>({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email, password, firstName: 'Inès', lastName: 'Nouvelle' },
    });
    expect(registered.status).toBe(201);

    const mail = await mailTo(email, /Confirmez votre adresse/);
    expect(mail.text).toContain('Bonjour Inès,');
    const link = findLink(mail.text, `${PUBLIC_BASE_URL}/verifier-email?token=`);
    expect(link).not.toBeNull();

    const verified = await t.api.call({ method: 'POST', url: '/api/auth/verify-email', payload: { token: tokenOf(link) } });
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ verified: true });
    const session = await t.api.login(email, password);
    expect(session.user.emailVerified).toBe(true);

    const again = await t.api.call<ErrorBody>({ method: 'POST', url: '/api/auth/verify-email', payload: { token: tokenOf(link) } });
    expect(again.status).toBe(400);
    expect(again.body.details).toEqual([{ field: 'token', reason: 'is invalid, expired or already used' }]);
  });

  it('resending the verification sends a new link and ends the previous one; nothing for a verified or unknown address', async () => {
    const email = 'renvoi@example.fr';
    await t.api.call({ method: 'POST', url: '/api/auth/register', payload: { email, password: testPassword(), firstName: 'Rémi', lastName: 'Renvoi' } });
    const first = await mailTo(email, /Confirmez votre adresse/);
    const before = smtp.messages.length;
    const resend = await t.api.call({ method: 'POST', url: '/api/auth/verify-email/resend', payload: { email } });
    expect(resend.status).toBe(202);
    const second = await mailTo(email, /Confirmez votre adresse/, before);
    const firstToken = tokenOf(findLink(first.text, `${PUBLIC_BASE_URL}/verifier-email?token=`));
    const secondToken = tokenOf(findLink(second.text, `${PUBLIC_BASE_URL}/verifier-email?token=`));
    expect(secondToken).not.toBe(firstToken);
    expect((await t.api.call({ method: 'POST', url: '/api/auth/verify-email', payload: { token: firstToken } })).status).toBe(400);
    expect((await t.api.call({ method: 'POST', url: '/api/auth/verify-email', payload: { token: secondToken } })).status).toBe(200);

    const afterVerified = smtp.messages.length;
    expect((await t.api.call({ method: 'POST', url: '/api/auth/verify-email/resend', payload: { email } })).status).toBe(202);
    expect((await t.api.call({ method: 'POST', url: '/api/auth/verify-email/resend', payload: { email: 'inconnu@example.fr' } })).status).toBe(202);
    const queued = await t.db.query(`SELECT count(*)::int AS n FROM mail_message WHERE to_address IN ($1, 'inconnu@example.fr')`, [email]);
    expect(queued.rows[0].n).toBe(2); // the two verification e-mails, nothing after the verification
    expect(smtp.messages.length).toBe(afterVerified);
  });

  it('a second sign-up with the same address e-mails its owner instead', async () => {
    const email = 'deja.inscrite@example.fr';
    await t.api.call({ method: 'POST', url: '/api/auth/register', payload: { email, password: testPassword(), firstName: 'Maud', lastName: 'Déjà' } });
    await mailTo(email, /Confirmez votre adresse/);
    const before = smtp.messages.length;
    const second = await t.api.call({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: email.toUpperCase(), password: testPassword(), firstName: 'Intrus', lastName: 'X' },
    });
    expect(second.status).toBe(201);
    const notice = await mailTo(email, /Tentative d'inscription/, before);
    expect(notice.text).toContain('Bonjour Maud,');
    expect(notice.text).not.toContain('token=');
  });

  it('forgotten password: the link resets the password once and never twice, ends sessions, and a notice follows', async () => {
    const email = 'oublieuse@example.fr';
    const oldPassword = testPassword();
    await t.api.call({ method: 'POST', url: '/api/auth/register', payload: { email, password: oldPassword, firstName: 'Léa', lastName: 'Oublie' } });
    const session = await t.api.login(email, oldPassword);

    const unknown = await t.api.call({ method: 'POST', url: '/api/auth/password/forgot', payload: { email: 'personne@example.fr' } });
    const forgot = await t.api.call({ method: 'POST', url: '/api/auth/password/forgot', payload: { email } });
    expect(unknown.status).toBe(202);
    expect(forgot.status).toBe(202);
    expect(forgot.body).toEqual(unknown.body);

    const mail = await mailTo(email, /Réinitialisation/);
    const link = findLink(mail.text, `${PUBLIC_BASE_URL}/reinitialiser-mot-de-passe?token=`);
    const newPassword = testPassword();
    const reset = await t.api.call({ method: 'POST', url: '/api/auth/password/reset', payload: { token: tokenOf(link), password: newPassword } });
    expect(reset.status).toBe(204);

    const twice = await t.api.call<ErrorBody>({
      method: 'POST',
      url: '/api/auth/password/reset',
      payload: { token: tokenOf(link), password: testPassword() },
    });
    expect(twice.status).toBe(400);
    expect(twice.body.details).toEqual([{ field: 'token', reason: 'is invalid, expired or already used' }]);

    expect((await t.api.call({ url: '/api/me', token: session.accessToken })).status).toBe(401);
    expect((await t.api.call({ method: 'POST', url: '/api/auth/login', payload: { email, password: oldPassword } })).status).toBe(401);
    expect((await t.api.login(email, newPassword)).user.email).toBe(email);
    await mailTo(email, /mot de passe a été modifié/);
    expect(smtp.to('personne@example.fr')).toEqual([]);
  });

  it('refuses an expired reset link', async () => {
    const email = 'en.retard@example.fr';
    await t.api.call({ method: 'POST', url: '/api/auth/register', payload: { email, password: testPassword(), firstName: 'Tom', lastName: 'Retard' } });
    await t.api.call({ method: 'POST', url: '/api/auth/password/forgot', payload: { email } });
    const link = findLink((await mailTo(email, /Réinitialisation/)).text, `${PUBLIC_BASE_URL}/reinitialiser-mot-de-passe?token=`);
    await t.db.query(`UPDATE user_token SET expires_at = now() - interval '1 second' WHERE purpose = 'password_reset'`);
    const reset = await t.api.call({ method: 'POST', url: '/api/auth/password/reset', payload: { token: tokenOf(link), password: testPassword() } });
    expect(reset.status).toBe(400);
  });

  it('a reset link refused for a weak password stays usable for a better one', async () => {
    const email = 'faible@example.fr';
    await t.api.call({ method: 'POST', url: '/api/auth/register', payload: { email, password: testPassword(), firstName: 'Noé', lastName: 'Faible' } });
    await t.api.call({ method: 'POST', url: '/api/auth/password/forgot', payload: { email } });
    const token = tokenOf(findLink((await mailTo(email, /Réinitialisation/)).text, `${PUBLIC_BASE_URL}/reinitialiser-mot-de-passe?token=`));
    const weak = await t.api.call<ErrorBody>({ method: 'POST', url: '/api/auth/password/reset', payload: { token, password: 'faible@example.fr!' } });
    expect(weak.status).toBe(400);
    expect(weak.body.details[0].field).toBe('password');
    expect((await t.api.call({ method: 'POST', url: '/api/auth/password/reset', payload: { token, password: testPassword() } })).status).toBe(204);
  });
});
