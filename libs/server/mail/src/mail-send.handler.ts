import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { OutboxEventPayloads } from '@academie/contracts';
import { AppConfig, JsonLogger } from '@academie/server-core';
import { OutboxHandler, type OutboxEventHandler } from '@academie/server-outbox';
import { MailTransport, messageIdFor } from './mail-transport';
import { type MailTemplate, type MailTemplateParams, SECRET_PARAMS, renderMail } from './templates/mail-templates';

/** Replaces e-mail addresses in a text (an SMTP error) with a placeholder. */
export const redactAddresses = (text: string): string => text.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '<adresse>');

interface MailRow {
  id: string;
  to_address: string;
  template: MailTemplate;
  params: MailTemplateParams[MailTemplate];
  sent_at: Date | null;
}

/**
 * The worker's side of `mail.send`: renders the message, sends it over SMTP, then marks it sent (and drops its
 * secret parameters) in the transaction that records the delivery. The delivery row is locked while this runs,
 * so two workers never send one message at once. If the process dies between the SMTP answer and the commit, the
 * event is delivered again and the message resent with the same Message-ID: harmless, and its link still works.
 */
@Injectable()
// `external`: the SMTP send is done outside the database, so each message has a savepoint of its own in its batch.
@OutboxHandler('mail.send', 'mail.send', { external: true })
export class MailSendHandler implements OutboxEventHandler<'mail.send'> {
  constructor(
    private readonly transport: MailTransport,
    private readonly config: AppConfig,
    private readonly logger: JsonLogger,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async handle(manager: EntityManager, { mailMessageId }: OutboxEventPayloads['mail.send']): Promise<void> {
    const [row]: MailRow[] = await manager.query(
      `SELECT id, to_address, template, params, sent_at FROM mail_message WHERE id = $1`,
      [mailMessageId],
    );
    if (!row) {
      // Erased with its person before it could be sent: nothing to do.
      this.logger.event('info', 'mail skipped: message no longer exists', { mailMessageId }, 'mail');
      return;
    }
    if (row.sent_at) return;
    const messageId = messageIdFor(row.id, this.config.MAIL_FROM);
    const rendered = renderMail(row.template, row.params, this.config.PUBLIC_BASE_URL);
    try {
      await this.transport.send({ to: row.to_address, messageId, ...rendered });
    } catch (error) {
      // SMTP errors quote the recipient ("550 <x@y>: unknown user"): no address goes to the logs or the outbox.
      const message = redactAddresses((error as Error).message).slice(0, 1000);
      // Outside the event's transaction (which rolls back): the failure stays visible on the message.
      await this.dataSource
        .query(`UPDATE mail_message SET attempts = attempts + 1, last_error = $2 WHERE id = $1 AND sent_at IS NULL`, [
          row.id,
          message,
        ])
        .catch(() => undefined);
      this.logger.event('warn', 'mail not sent', { mailMessageId, template: row.template, errorMessage: message }, 'mail');
      throw new Error(`mail not sent: ${message}`);
    }
    await manager.query(
      `UPDATE mail_message
          SET sent_at = now(), attempts = attempts + 1, last_error = NULL, message_id = $2, params = params - $3::text[]
        WHERE id = $1`,
      [row.id, messageId, [...SECRET_PARAMS]],
    );
    this.logger.event('info', 'mail sent', { mailMessageId, template: row.template }, 'mail');
  }
}
