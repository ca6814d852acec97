import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/**
 * The random id under which a learner appears in learning records (xAPI `actor.account.name`): never the account
 * id, an e-mail or a name. Created with the first enrollment; it stays after an erasure, when nothing links it to
 * a person any more.
 */
@Entity({ name: 'learner_pseudonym' })
@Unique('uq_learner_pseudonym_anonymous', ['anonymousId'])
export class LearnerPseudonym {
  /** fk_learner_pseudonym_user. */
  @PrimaryColumn({ type: 'uuid' })
  userId!: string;

  @Column({ type: 'uuid', default: () => 'gen_random_uuid()' })
  anonymousId!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
