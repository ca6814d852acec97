import { Check, Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/**
 * A certificate: one per learner and course (`uq_certificate_user_course`), issued once per enrollment
 * (`uq_certificate_enrollment`) by the worker from `course.completed`, in the transaction that records the outbox
 * delivery. Its id and code derive from the enrollment id (a crash before the commit rebuilds the same ones); its
 * status list entry comes from `certificate_status_index_seq`. It keeps what was printed (name, course title,
 * version, duration, date) and the signed credential: the PDF is rendered from these columns, byte-identical
 * each time. An erasure empties `printed_name` and `credential_jwt`; a revocation sets `revoked_at` and the reason.
 */
@Entity({ name: 'certificate' })
@Unique('uq_certificate_user_course', ['userId', 'courseId'])
@Unique('uq_certificate_enrollment', ['enrollmentId'])
@Unique('uq_certificate_code', ['code'])
@Unique('uq_certificate_status_index', ['statusIndex'])
@Index('ix_certificate_revoked', ['statusIndex'], { where: 'revoked_at IS NOT NULL' })
@Check('ck_certificate_code', "code ~ '^[0-9A-HJKMNP-TV-Z]{16}$'")
@Check('ck_certificate_name_erased', '(printed_name IS NULL) = (name_erased_at IS NOT NULL)')
@Check('ck_certificate_credential', 'credential_jwt IS NULL OR signing_kid IS NOT NULL')
@Check('ck_certificate_revoked', '(revoked_at IS NULL) = (revocation_reason IS NULL)')
export class Certificate {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'char', length: 16 })
  code!: string;

  @Column({ type: 'uuid' })
  enrollmentId!: string;

  @Column({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'uuid' })
  courseId!: string;

  /** With `courseId`, references `course_version (id, course_id)` (fk_certificate_version). */
  @Column({ type: 'uuid' })
  versionId!: string;

  @Column({ type: 'varchar', length: 200 })
  courseTitle!: string;

  @Column({ type: 'integer' })
  versionNumber!: number;

  @Column({ type: 'integer' })
  durationMinutes!: number;

  /** First and last name as printed; null once erased. */
  @Column({ type: 'varchar', length: 201, nullable: true })
  printedName!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  nameErasedAt!: Date | null;

  @Column({ type: 'timestamptz' })
  completedAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  issuedAt!: Date;

  /** Entry in the status lists (bigint, kept as a string in JS). */
  @Column({ type: 'bigint' })
  statusIndex!: string;

  /** The `kid` of the key that signed `credentialJwt`. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  signingKid!: string | null;

  /** The OpenBadgeCredential as a VC-JWT; null once erased. */
  @Column({ type: 'text', nullable: true })
  credentialJwt!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  revokedBy!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  revocationReason!: string | null;
}
