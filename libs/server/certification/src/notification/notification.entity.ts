import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { NotificationKind } from '@academie/contracts';

/**
 * An in-app notification of a person, written in the transaction of what it announces (one per subject:
 * `uq_notification_subject`). `data` holds ids and what the message shows, never more.
 */
@Entity({ name: 'notification' })
@Unique('uq_notification_subject', ['userId', 'kind', 'subjectId'])
@Index('ix_notification_user', ['userId', 'id'])
@Index('ix_notification_unread', ['userId'], { where: 'read_at IS NULL' })
@Check('ck_notification_kind', "kind IN ('certificate.issued')")
export class Notification {
  /** bigint: grows with activity. Kept as a string in JS. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 50 })
  kind!: NotificationKind;

  /** What it is about (the certificate's id). */
  @Column({ type: 'uuid' })
  subjectId!: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
