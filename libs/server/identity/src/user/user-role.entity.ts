import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import type { Role } from '@academie/contracts';
import { User } from './user.entity';

/** Roles beyond `learner`, which every account has and which is not stored. */
export const GRANTABLE_ROLES = ['trainer', 'reviewer', 'ministry', 'admin'] as const satisfies readonly Role[];
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

@Entity({ name: 'user_role' })
@Check('ck_user_role_role', `role IN (${GRANTABLE_ROLES.map((r) => `'${r}'`).join(', ')})`)
export class UserRole {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_user_role' })
  @ForeignKey(() => User, 'id', { name: 'fk_user_role_user', onDelete: 'CASCADE' })
  userId!: string;

  @PrimaryColumn({ type: 'varchar', length: 20, primaryKeyConstraintName: 'pk_user_role' })
  role!: GrantableRole;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  grantedAt!: Date;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => User, 'id', { name: 'fk_user_role_granted_by', onDelete: 'SET NULL' })
  grantedBy!: string | null;
}
