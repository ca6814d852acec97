import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { ProgressEventType } from '@academie/contracts';

/**
 * A progress event as the client sent it, keyed by its client-generated id (pk_progress_event): sent twice, it
 * is stored once. The xAPI statements `initialized`, `progressed` and `completed` of lessons are projections of
 * these rows. Grows with activity: uuid key, indexes for the per-enrollment and by-stored-time reads only.
 */
@Entity({ name: 'progress_event' })
@Index('ix_progress_event_enrollment', ['enrollmentId', 'receivedAt', 'eventId'])
@Index('ix_progress_event_received', ['receivedAt', 'eventId'])
@Check('ck_progress_event_type', "type IN ('started', 'completed', 'video_position')")
@Check('ck_progress_event_position', 'position >= 0 AND position <= 86400')
export class ProgressEvent {
  @PrimaryColumn({ type: 'uuid' })
  eventId!: string;

  /** fk_progress_event_enrollment. */
  @Column({ type: 'uuid' })
  enrollmentId!: string;

  /** A lesson of the enrollment's version (checked on ingest). */
  @Column({ type: 'uuid' })
  lessonId!: string;

  @Column({ type: 'varchar', length: 20 })
  type!: ProgressEventType;

  @Column({ type: 'double precision', nullable: true })
  position!: number | null;

  /** Whether this event alone completes its lesson (a text read to the end, a video position past the share). */
  @Column({ type: 'boolean' })
  completes!: boolean;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  /** The xAPI `stored` time. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
