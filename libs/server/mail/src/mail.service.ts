import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type OutboxBatch, OutboxService } from '@academie/server-outbox';
import type { MailTemplate, MailTemplateParams } from './templates/mail-templates';

export interface MailToQueue<T extends MailTemplate> {
  to: string;
  template: T;
  params: MailTemplateParams[T];
  /** The person the message is for, when known: their messages go into their export and are erased with them. */
  userId?: string | null;
}

/** What the mail context holds about a person (export). Never the tokens, never the addresses of others. */
export interface MailPersonalData {
  messages: { template: MailTemplate; toAddress: string; createdAt: string; sentAt: string | null }[];
}

/** Queues e-mails: a `mail_message` row and its `mail.send` outbox event, in the caller's transaction. */
@Injectable()
export class MailService {
  constructor(private readonly outbox: OutboxService) {}

  async queue<T extends MailTemplate>(manager: EntityManager, mail: MailToQueue<T>): Promise<string> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`mail ${mail.template} must be queued inside a transaction`);
    }
    const [row] = await manager.query(
      `INSERT INTO mail_message (user_id, to_address, template, params) VALUES ($1, $2, $3, $4) RETURNING id`,
      [mail.userId ?? null, mail.to, mail.template, JSON.stringify(mail.params)],
    );
    const id = String(row.id);
    await this.outbox.record(manager, 'mail.send', { mailMessageId: id });
    return id;
  }

  /**
   * Queues an e-mail in the transaction of an outbox delivery (a handler's e-mail). In a batch, the messages of all its
   * deliveries are inserted together at the end of the batch (rows, then their `mail.send` events), still before its
   * commit; alone, at once.
   */
  async queueInBatch<T extends MailTemplate>(manager: EntityManager, batch: OutboxBatch | undefined, mail: MailToQueue<T>): Promise<void> {
    if (!batch) {
      await this.queue(manager, mail);
      return;
    }
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`mail ${mail.template} must be queued inside a transaction`);
    }
    const mails = batch.shared('mail:messages', () => [] as MailToQueue<MailTemplate>[], async (all) => {
      if (all.length === 0) return;
      const rows: { id: string }[] = await manager.query(
        `INSERT INTO mail_message (user_id, to_address, template, params)
         SELECT m.user_id, m.to_address, m.template, m.params
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[]) WITH ORDINALITY AS m(user_id, to_address, template, params, n)
          ORDER BY m.n
         RETURNING id`,
        [all.map((m) => m.userId ?? null), all.map((m) => m.to), all.map((m) => m.template), all.map((m) => JSON.stringify(m.params))],
      );
      await this.outbox.recordMany(manager, 'mail.send', rows.map((row) => ({ mailMessageId: String(row.id) })));
    });
    mails.push(mail as MailToQueue<MailTemplate>);
  }

  /** Queues many e-mails of one template in two statements (rows, then their `mail.send` events): bulk invitations. */
  async queueMany<T extends MailTemplate>(manager: EntityManager, template: T, mails: { to: string; params: MailTemplateParams[T]; userId?: string | null }[]): Promise<string[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`mails ${template} must be queued inside a transaction`);
    }
    if (mails.length === 0) return [];
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO mail_message (user_id, to_address, template, params)
       SELECT m.user_id, m.to_address, $1, m.params FROM unnest($2::uuid[], $3::text[], $4::jsonb[]) AS m(user_id, to_address, params)
       RETURNING id`,
      [template, mails.map((m) => m.userId ?? null), mails.map((m) => m.to), mails.map((m) => JSON.stringify(m.params))],
    );
    const ids = rows.map((row) => String(row.id));
    await this.outbox.recordMany(manager, 'mail.send', ids.map((mailMessageId) => ({ mailMessageId })));
    return ids;
  }

  async exportFor(userId: string, manager: EntityManager): Promise<MailPersonalData> {
    const rows: { template: MailTemplate; to_address: string; created_at: Date; sent_at: Date | null }[] = await manager.query(
      `SELECT template, to_address, created_at, sent_at FROM mail_message WHERE user_id = $1 ORDER BY created_at, id`,
      [userId],
    );
    return {
      messages: rows.map((row) => ({
        template: row.template,
        toAddress: row.to_address,
        createdAt: row.created_at.toISOString(),
        sentAt: row.sent_at?.toISOString() ?? null,
      })),
    };
  }

  /** Deletes the person's messages, sent or not (an unsent one is then skipped by the worker). */
  async eraseFor(userId: string, manager: EntityManager): Promise<number> {
    // A DELETE through TypeORM's query() answers [rows, affectedCount].
    const [, affected] = (await manager.query(`DELETE FROM mail_message WHERE user_id = $1`, [userId])) as [unknown[], number];
    return affected;
  }
}
