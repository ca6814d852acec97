import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../user/user.entity';

/**
 * Who did what, when, to what. Append-only; `bigint` key (it grows with activity). Details never hold personal
 * data (no e-mail, no name): an erased person stays in it only as an id.
 */
@Entity({ name: 'audit_log' })
@Index('ix_audit_log_actor_id', ['actorId', 'id'])
@Index('ix_audit_log_target_id', ['targetId', 'id'])
@Index('ix_audit_log_action', ['action', 'id'])
@Index('ix_audit_log_at', ['at', 'id'])
export class AuditLog {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'pk_audit_log' })
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => User, 'id', { name: 'fk_audit_log_actor', onDelete: 'SET NULL' })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 100 })
  action!: string;

  @Column({ type: 'varchar', length: 50 })
  targetType!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  targetId!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details!: Record<string, unknown>;
}
