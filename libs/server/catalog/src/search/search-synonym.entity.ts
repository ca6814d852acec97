import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A group of expressions searched as one, normalized (lower case, no accents, sorted). */
@Entity({ name: 'search_synonym' })
@Unique('uq_search_synonym_terms', ['terms'])
@Check('ck_search_synonym_terms', 'cardinality(terms) BETWEEN 2 AND 20')
export class SearchSynonym {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', array: true })
  terms!: string[];

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
