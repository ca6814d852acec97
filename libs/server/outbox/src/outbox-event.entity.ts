import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A domain event, written in the same transaction as the change it describes. It stays open
 * (`processedAt` null) until its handler has recorded its effect, in the handler's own transaction.
 */
@Entity({ name: 'outbox_event' })
@Index('ix_outbox_event_open', ['createdAt'], { where: 'processed_at IS NULL' })
export class OutboxEvent {
  /** bigint: the table grows with activity. Kept as a string in JS (no precision loss). */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  type!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** Last time the relay handed it to the queue; null until first relayed. */
  @Column({ type: 'timestamptz', nullable: true })
  enqueuedAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  relayCount!: number;

  @Column({ type: 'timestamptz', nullable: true })
  processedAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}
