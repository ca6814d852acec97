import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One subscriber's delivery of one outbox event: its effect was recorded when `processedAt` is set. */
@Entity({ name: 'outbox_delivery' })
export class OutboxDelivery {
  @PrimaryColumn({ type: 'bigint' })
  eventId!: string;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  subscriber!: string;

  @Column({ type: 'timestamptz', nullable: true })
  processedAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}
