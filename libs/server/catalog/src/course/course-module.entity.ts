import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** An ordered module of a version (uq_course_module_position is deferred, so a reorder swaps positions freely). */
@Entity({ name: 'course_module' })
@Unique('uq_course_module_id_version', ['id', 'versionId'])
@Unique('uq_course_module_position', ['versionId', 'position'], { deferrable: 'INITIALLY DEFERRED' })
@Check('ck_course_module_position', 'position >= 0')
export class CourseModule {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  versionId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;
}
