import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import {
  AUDIENCE_CODES,
  type Audience,
  LEARNER_STATUSES,
  type LearnerStatus,
  NAF_SECTION_CODES,
  type NafSection,
  REGION_CODES,
  type RegionCode,
  STAFF_BAND_CODES,
  type StaffBand,
} from '@academie/contracts';

const oneOf = (column: string, values: readonly string[]) => `${column} IN (${values.map((v) => `'${v}'`).join(', ')})`;

/**
 * A person's account. The e-mail is stored normalized (trimmed, lowercase) and unique; it is null once the
 * account is erased, while the row and its id stay so that anonymous counts remain exact.
 */
@Entity({ name: 'app_user' })
@Unique('uq_app_user_email', ['email'])
@Index('ix_app_user_created', ['createdAt', 'id'])
@Check('ck_app_user_email_normalized', 'email = lower(btrim(email))')
@Check('ck_app_user_status', oneOf('status', LEARNER_STATUSES))
@Check('ck_app_user_staff_band', oneOf('staff_band', STAFF_BAND_CODES))
@Check('ck_app_user_region', oneOf('region', REGION_CODES))
@Check('ck_app_user_sector', oneOf('sector', NAF_SECTION_CODES))
@Check('ck_app_user_audience', oneOf('audience', AUDIENCE_CODES))
@Check('ck_app_user_siren', "siren ~ '^[0-9]{9}$'")
@Check('ck_app_user_erased', 'erased_at IS NULL OR (email IS NULL AND password_hash IS NULL AND siren IS NULL)')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  emailVerifiedAt!: Date | null;

  /** argon2id; null for an account that signs in only through SSO, and once erased. */
  @Column({ type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'varchar', length: 100, default: '' })
  firstName!: string;

  @Column({ type: 'varchar', length: 100, default: '' })
  lastName!: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  status!: LearnerStatus | null;

  @Column({ type: 'varchar', length: 2, nullable: true })
  staffBand!: StaffBand | null;

  @Column({ type: 'varchar', length: 2, nullable: true })
  region!: RegionCode | null;

  @Column({ type: 'varchar', length: 1, nullable: true })
  sector!: NafSection | null;

  @Column({ type: 'varchar', length: 9, nullable: true })
  siren!: string | null;

  /** Derived from the profile by `deriveAudience`, stored for the catalogue and the KPIs. */
  @Column({ type: 'varchar', length: 30, nullable: true })
  audience!: Audience | null;

  @Column({ type: 'timestamptz', nullable: true })
  suspendedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  erasedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
