// The worker's side of e-mails: a `mail_message` and its `mail.send` event become one SMTP message, marked sent
// in the transaction that closes the event; failures stay visible and are retried; a resend after a crash
// carries the same Message-ID.
import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { MailSendHandler } from '@academie/server-mail';
import { type MailCapture, MemoryLogger, createTestDatabase, eventually, freePort, startMailCapture, testConfig } from '@academie/server-testing';
import { WorkerModule } from './worker.module';

const BASE_URL = 'https://academie.test';

async function startWorker(overrides: Record<string, string>): Promise<INestApplicationContext> {
  const logger = new MemoryLogger('worker');
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(testConfig({ PUBLIC_BASE_URL: BASE_URL, ...overrides }), logger),
    { logger },
  );
  await app.init();
  return app;
}

/** What the API does: the message and its event in one transaction. */
async function queueMail(db: pg.Client, to: string, token = 'jeton-secret-de-test'): Promise<string> {
  await db.query('BEGIN');
  const { rows } = await db.query(
    `INSERT INTO mail_message (to_address, template, params) VALUES ($1, 'verify-email', $2) RETURNING id`,
    [to, JSON.stringify({ firstName: 'Camille', token, validForHours: 48 })],
  );
  await db.query(`INSERT INTO outbox_event (type, payload) VALUES ('mail.send', $1)`, [JSON.stringify({ mailMessageId: rows[0].id })]);
  await db.query('COMMIT');
  return rows[0].id;
}

describe('mail worker', () => {
  let db: pg.Client;
  let databaseUrl: string;
  let smtp: MailCapture;

  beforeEach(async () => {
    databaseUrl = await createTestDatabase();
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    smtp = await startMailCapture();
  });
  afterEach(async () => {
    await db.end();
    await smtp.close();
  });

  it('sends the message over SMTP, marks it sent with its Message-ID, and forgets its token', async () => {
    const worker = await startWorker({ DATABASE_URL: databaseUrl, SMTP_URL: smtp.url });
    try {
      const id = await queueMail(db, 'camille@example.fr');
      const mail = await smtp.waitFor((m) => m.envelopeTo.includes('camille@example.fr'));
      expect(mail.messageId).toBe(`<${id}@academie-ia.gouv.fr>`);
      expect(mail.from).toBe("Académie de l'IA <ne-pas-repondre@academie-ia.gouv.fr>");
      expect(mail.subject).toBe("Confirmez votre adresse e-mail – Académie de l'IA");
      expect(mail.text).toContain(`${BASE_URL}/verifier-email?token=jeton-secret-de-test`);
      expect(mail.html).toContain(`href="${BASE_URL}/verifier-email?token=jeton-secret-de-test"`);
      await eventually(async () => (await db.query(`SELECT sent_at FROM mail_message WHERE id = $1`, [id])).rows[0].sent_at);
      const { rows } = await db.query(`SELECT attempts, last_error, message_id, params FROM mail_message WHERE id = $1`, [id]);
      expect(rows[0]).toEqual({
        attempts: 1,
        last_error: null,
        message_id: `<${id}@academie-ia.gouv.fr>`,
        params: { firstName: 'Camille', validForHours: 48 },
      });
      await eventually(async () => (await db.query(`SELECT processed_at FROM outbox_event`)).rows[0].processed_at);
      expect(smtp.messages).toHaveLength(1);
    } finally {
      await worker.close();
    }
  });

  it('keeps a message it could not send, with the error, and sends it once the server answers', async () => {
    const port = await freePort(); // nobody listens there yet
    const worker = await startWorker({ DATABASE_URL: databaseUrl, SMTP_URL: `smtp://127.0.0.1:${port}` });
    try {
      const id = await queueMail(db, 'patience@example.fr');
      await eventually(async () => (await db.query(`SELECT attempts FROM mail_message WHERE id = $1`, [id])).rows[0].attempts >= 1);
      // The message records its failure in the handler; the outbox event records it once the job has failed, a moment after.
      await eventually(async () => (await db.query(`SELECT last_error FROM outbox_event`)).rows[0]?.last_error != null);
      const { rows } = await db.query(`SELECT sent_at, last_error, params ? 'token' AS has_token FROM mail_message WHERE id = $1`, [id]);
      expect(rows[0]).toMatchObject({ sent_at: null, last_error: expect.stringMatching(/ECONNREFUSED|connect/i), has_token: true });
      expect((await db.query(`SELECT processed_at, last_error FROM outbox_event`)).rows[0]).toMatchObject({ processed_at: null, last_error: expect.any(String) });
    } finally {
      await worker.close();
    }
    // The same message, sent by a worker that can reach a server (as after an SMTP outage).
    const again = await startWorker({ DATABASE_URL: databaseUrl, SMTP_URL: smtp.url, OUTBOX_REDELIVER_AFTER_MS: '200' });
    try {
      await smtp.waitFor((m) => m.envelopeTo.includes('patience@example.fr'), 20_000);
      await eventually(async () => (await db.query(`SELECT sent_at FROM mail_message`)).rows[0].sent_at, 10_000);
    } finally {
      await again.close();
    }
  });

  it('resends with the same Message-ID after a crash between the SMTP answer and the commit, and marks it sent once', async () => {
    const worker = await startWorker({ DATABASE_URL: databaseUrl, SMTP_URL: smtp.url, OUTBOX_RELAY_INTERVAL_MS: '60000' });
    try {
      // The relay is idle (long interval, already ran at start): we play the crash by hand.
      const id = await queueMail(db, 'crash@example.fr');
      const handler = worker.get(MailSendHandler);
      const dataSource = worker.get<DataSource>(getDataSourceToken());
      await expect(
        dataSource.transaction(async (manager) => {
          await handler.handle(manager, { mailMessageId: id });
          throw new Error('process killed before the commit');
        }),
      ).rejects.toThrow('process killed');
      expect(smtp.messages).toHaveLength(1);
      expect((await db.query(`SELECT sent_at FROM mail_message WHERE id = $1`, [id])).rows[0].sent_at).toBeNull();

      // Redelivery: the message goes out again, under the same Message-ID, and is marked sent this time.
      await dataSource.transaction((manager) => handler.handle(manager, { mailMessageId: id }));
      expect(smtp.messages).toHaveLength(2);
      expect(smtp.messages[1].messageId).toBe(smtp.messages[0].messageId);
      expect((await db.query(`SELECT attempts, sent_at FROM mail_message WHERE id = $1`, [id])).rows[0]).toMatchObject({
        attempts: 1,
        sent_at: expect.any(Date),
      });
      // A third delivery of a message already marked sent sends nothing.
      await dataSource.transaction((manager) => handler.handle(manager, { mailMessageId: id }));
      expect(smtp.messages).toHaveLength(2);
    } finally {
      await worker.close();
    }
  });

  it('skips a message erased with its person before it was sent', async () => {
    const worker = await startWorker({ DATABASE_URL: databaseUrl, SMTP_URL: smtp.url, OUTBOX_RELAY_INTERVAL_MS: '60000' });
    try {
      const handler = worker.get(MailSendHandler);
      const dataSource = worker.get<DataSource>(getDataSourceToken());
      await dataSource.transaction((manager) =>
        handler.handle(manager, { mailMessageId: '00000000-0000-4000-8000-000000000000' }),
      );
      expect(smtp.messages).toHaveLength(0);
    } finally {
      await worker.close();
    }
  });
});
