import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from './user.entity';

export const SSO_PROVIDERS = ['proconnect', 'franceconnect'] as const;
export type SsoProvider = (typeof SSO_PROVIDERS)[number];

/** A link between an account and an identity at an OpenID Connect provider (its `sub`). */
@Entity({ name: 'sso_identity' })
@Unique('uq_sso_identity_provider_subject', ['provider', 'subject'])
@Index('ix_sso_identity_user_id', ['userId'])
@Check('ck_sso_identity_provider', `provider IN (${SSO_PROVIDERS.map((p) => `'${p}'`).join(', ')})`)
export class SsoIdentity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS', primaryKeyConstraintName: 'pk_sso_identity' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => User, 'id', { name: 'fk_sso_identity_user', onDelete: 'CASCADE' })
  userId!: string;

  @Column({ type: 'varchar', length: 30 })
  provider!: SsoProvider;

  @Column({ type: 'varchar', length: 255 })
  subject!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
