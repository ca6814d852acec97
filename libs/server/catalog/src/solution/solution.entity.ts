import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { CompanySize, NafSection, PriceRange, UseCase } from '@academie/contracts';

/** A turnkey AI solution offered by a provider, listed for the use cases it addresses. */
@Entity({ name: 'solution' })
@Unique('uq_solution_provider_name', ['provider', 'name'])
@Index('ix_solution_name', ['name', 'id'])
@Check('ck_solution_url_https', "url ~ '^https://'")
@Check('ck_solution_use_cases_not_empty', 'cardinality(use_cases) > 0')
@Check('ck_solution_company_sizes_not_empty', 'cardinality(company_sizes) > 0')
export class Solution {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 120 })
  provider!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'text', array: true })
  useCases!: UseCase[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  sectors!: NafSection[];

  @Column({ type: 'text', array: true })
  companySizes!: CompanySize[];

  @Column({ type: 'varchar', length: 20 })
  priceRange!: PriceRange;

  @Column({ type: 'varchar', length: 500 })
  url!: string;

  @Column({ type: 'boolean', default: true })
  privateOffer!: boolean;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
