import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { SessionFamily } from './session-family.entity';

/**
 * One refresh token of a family, kept as its SHA-256. `rotatedAt` is set when it is exchanged for the next one;
 * presenting it again after that is a reuse, and revokes the whole family.
 */
@Entity({ name: 'refresh_token' })
@Unique('uq_refresh_token_hash', ['tokenHash'])
@Index('ix_refresh_token_family_id', ['familyId'])
export class RefreshToken {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'pk_refresh_token' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => SessionFamily, 'id', { name: 'fk_refresh_token_family', onDelete: 'CASCADE' })
  familyId!: string;

  @Column({ type: 'bytea' })
  tokenHash!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  rotatedAt!: Date | null;
}
