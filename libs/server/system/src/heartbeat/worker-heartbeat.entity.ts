import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One row per running worker process, refreshed every few seconds. */
@Entity({ name: 'worker_heartbeat' })
@Index('ix_worker_heartbeat_beat_at', ['beatAt'])
export class WorkerHeartbeat {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  workerId!: string;

  @Column({ type: 'varchar', length: 200 })
  host!: string;

  @Column({ type: 'integer' })
  pid!: number;

  @Column({ type: 'timestamptz' })
  startedAt!: Date;

  @Column({ type: 'timestamptz' })
  beatAt!: Date;
}
