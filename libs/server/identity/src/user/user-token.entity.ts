import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from './user.entity';

export const USER_TOKEN_PURPOSES = ['verify_email', 'password_reset'] as const;
export type UserTokenPurpose = (typeof USER_TOKEN_PURPOSES)[number];

/**
 * A single-use token sent by e-mail (address verification, password reset). Only its SHA-256 is kept; it is
 * consumed by `UPDATE ... WHERE used_at IS NULL AND expires_at > now() RETURNING`, so the database enforces
 * single use even under concurrent requests.
 */
@Entity({ name: 'user_token' })
@Unique('uq_user_token_hash', ['tokenHash'])
@Index('ix_user_token_open', ['userId', 'purpose'], { where: 'used_at IS NULL' })
@Check('ck_user_token_purpose', `purpose IN (${USER_TOKEN_PURPOSES.map((p) => `'${p}'`).join(', ')})`)
export class UserToken {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'pk_user_token' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => User, 'id', { name: 'fk_user_token_user', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'varchar', length: 20 })
  purpose!: UserTokenPurpose;

  @Column({ type: 'bytea' })
  tokenHash!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
