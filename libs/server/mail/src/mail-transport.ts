import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '@academie/server-core';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Full Message-ID header value, `<...@...>`. */
  messageId: string;
}

/** Parses the address out of `Name <address>` or a bare address. */
export function addressOf(from: string): string {
  const match = /<([^<>\s]+)>\s*$/.exec(from);
  return (match ? match[1] : from).trim();
}

/**
 * Deterministic Message-ID of a queued message: sending it again after a crash (SMTP is not transactional)
 * yields the same header, so that receiving systems can recognise the duplicate.
 */
export function messageIdFor(mailMessageId: string, from: string): string {
  const domain = addressOf(from).split('@')[1] || 'academie-ia.invalid';
  return `<${mailMessageId}@${domain}>`;
}

/** Turns `file:.data/mail` or `file:///abs/dir` into a folder path. */
export function fileUrlDirectory(url: string): string {
  return url.startsWith('file://') ? fileURLToPath(url) : resolve(url.slice('file:'.length));
}

/**
 * The SMTP side: one pooled nodemailer transport per process, with timeouts so that a silent server never holds a
 * job (and its database transaction) for long. `file:` URLs write `.eml` files instead (development).
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly transporter: Transporter;
  private readonly directory: string | null;

  constructor(private readonly config: AppConfig) {
    if (config.SMTP_URL.startsWith('file:')) {
      this.directory = fileUrlDirectory(config.SMTP_URL);
      this.transporter = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    } else {
      this.directory = null;
      this.transporter = createTransport({
        url: config.SMTP_URL,
        // Pooled: messages go over connections kept open (up to 2 at once, 100 messages each) instead of one
        // connection (TCP, greeting, EHLO, STARTTLS, AUTH, QUIT) per message.
        pool: true,
        maxConnections: 2,
        maxMessages: 100,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      });
    }
  }

  /** Sends one message; returns the Message-ID used. Throws when the server refuses it or does not answer. */
  async send(mail: OutgoingMail): Promise<string> {
    const info = await this.transporter.sendMail({
      from: this.config.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
    });
    if (this.directory) {
      mkdirSync(this.directory, { recursive: true });
      const name = mail.messageId.replace(/[^A-Za-z0-9@._-]/g, '');
      writeFileSync(join(this.directory, `${name}.eml`), (info as { message: Buffer }).message, { mode: 0o600 });
    }
    return mail.messageId;
  }

  onApplicationShutdown(): void {
    this.transporter.close();
  }
}
