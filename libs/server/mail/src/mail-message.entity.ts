import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { MAIL_TEMPLATES, type MailTemplate } from './templates/mail-templates';

/**
 * An e-mail to send: written in the caller's transaction together with its `mail.send` outbox event, sent by
 * the worker, then marked sent in the transaction that closes the event. Secret parameters (the token of a
 * link) are removed once the message is sent.
 */
@Entity({ name: 'mail_message' })
@Index('ix_mail_message_user_id', ['userId'])
@Index('ix_mail_message_created_at', ['createdAt', 'id'])
@Check('ck_mail_message_template', `template IN (${MAIL_TEMPLATES.map((t) => `'${t}'`).join(', ')})`)
export class MailMessage {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The person it was written for, when known (personal data export and erasure). */
  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  @Column({ type: 'varchar', length: 254 })
  toAddress!: string;

  @Column({ type: 'varchar', length: 50 })
  template!: MailTemplate;

  @Column({ type: 'jsonb' })
  params!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  /** The Message-ID header, derived from `id`: a resend after a crash carries the same one. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  messageId!: string | null;
}
