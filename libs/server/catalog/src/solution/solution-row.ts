import type { SolutionSummary } from '@academie/contracts';

export const SOLUTION_COLUMNS = `s.id, s.name, s.provider, s.description, s.use_cases, s.sectors, s.company_sizes, s.price_range,
  s.url, s.private_offer`;

export interface SolutionRow {
  id: string;
  name: string;
  provider: string;
  description: string;
  use_cases: SolutionSummary['useCases'];
  sectors: SolutionSummary['sectors'];
  company_sizes: SolutionSummary['companySizes'];
  price_range: SolutionSummary['priceRange'];
  url: string;
  private_offer: boolean;
}

export const toSolution = (row: SolutionRow): SolutionSummary => ({
  id: row.id,
  name: row.name,
  provider: row.provider,
  description: row.description,
  useCases: row.use_cases,
  sectors: row.sectors,
  companySizes: row.company_sizes,
  priceRange: row.price_range,
  url: row.url,
  privateOffer: row.private_offer,
});
