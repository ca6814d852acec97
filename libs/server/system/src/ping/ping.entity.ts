import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The walking skeleton's round trip: requested through the API, handled by the worker via the outbox. */
@Entity({ name: 'system_ping' })
export class Ping {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  requestedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  handledAt!: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  handledBy!: string | null;
}
