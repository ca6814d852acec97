import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../user/user.entity';

export const SESSION_END_REASONS = ['logout', 'reuse', 'suspended', 'password_changed', 'password_reset', 'erased'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/**
 * A session: one sign-in and the chain of refresh tokens rotated from it. Access tokens name their family
 * (`sid`); once the family is revoked, its refresh tokens and its access tokens are refused.
 */
@Entity({ name: 'session_family' })
@Index('ix_session_family_user_open', ['userId'], { where: 'revoked_at IS NULL' })
@Check('ck_session_family_revoked', '(revoked_at IS NULL) = (revoked_reason IS NULL)')
@Check('ck_session_family_revoked_reason', `revoked_reason IN (${SESSION_END_REASONS.map((r) => `'${r}'`).join(', ')})`)
export class SessionFamily {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_session_family' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => User, 'id', { name: 'fk_session_family_user', onDelete: 'CASCADE' })
  userId!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastUsedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  revokedReason!: SessionEndReason | null;
}
