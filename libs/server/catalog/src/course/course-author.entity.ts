import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Who may edit a course. The display name is personal data: erasure clears it, the content stays. */
@Entity({ name: 'course_author' })
@Index('ix_course_author_user', ['userId'])
export class CourseAuthor {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_course_author' })
  courseId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_course_author' })
  userId!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  displayName!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  addedAt!: Date;
}
