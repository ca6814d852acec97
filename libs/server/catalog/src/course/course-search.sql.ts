import type { Audience, CourseKind, CourseLevel, CourseSearchQuery, NafSection, UseCase } from '@academie/contracts';
import { DURATION_BUCKETS } from '@academie/contracts';

/**
 * SQL of the catalogue search, built from fixed fragments and numbered parameters only.
 * Filters are ANDed across dimensions and ORed within one; each facet counts over the courses that match
 * the text and every filter *but its own*, in a single statement (one grouped branch per dimension).
 */
export const FACET_DIMENSIONS = ['audience', 'level', 'kind', 'sector', 'useCase', 'duration'] as const;
export type FacetDimension = (typeof FACET_DIMENSIONS)[number];

export interface SearchFilters {
  audience?: Audience[];
  level?: CourseLevel[];
  kind?: CourseKind[];
  sector?: NafSection[];
  useCase?: UseCase[];
  durationMin?: number;
  durationMax?: number;
}

export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** One condition per filtered dimension, on the alias `c` of `course`. */
export function filterConditions(filters: SearchFilters, params: SqlParams): Partial<Record<FacetDimension, string>> {
  const out: Partial<Record<FacetDimension, string>> = {};
  if (filters.audience?.length) out.audience = `c.audiences && ${params.add(filters.audience)}::text[]`;
  if (filters.sector?.length) out.sector = `c.sectors && ${params.add(filters.sector)}::text[]`;
  if (filters.useCase?.length) out.useCase = `c.use_cases && ${params.add(filters.useCase)}::text[]`;
  if (filters.level?.length) out.level = `c.level = ANY (${params.add(filters.level)}::text[])`;
  if (filters.kind?.length) out.kind = `c.kind = ANY (${params.add(filters.kind)}::text[])`;
  const duration: string[] = [];
  if (filters.durationMin !== undefined) duration.push(`c.duration_minutes >= ${params.add(filters.durationMin)}::int`);
  if (filters.durationMax !== undefined) duration.push(`c.duration_minutes <= ${params.add(filters.durationMax)}::int`);
  if (duration.length) out.duration = duration.join(' AND ');
  return out;
}

const and = (conditions: (string | undefined)[]): string => {
  const kept = conditions.filter((c): c is string => Boolean(c));
  return kept.length ? kept.join(' AND ') : 'true';
};

const DURATION_CASE = `CASE ${DURATION_BUCKETS.filter((b) => b.max !== null)
  .map((b) => `WHEN c.duration_minutes <= ${b.max} THEN '${b.value}'`)
  .join(' ')} ELSE '${DURATION_BUCKETS.at(-1)!.value}' END`;

const FACET_VALUE: Record<FacetDimension, { from: string; value: string }> = {
  audience: { from: 'CROSS JOIN LATERAL unnest(c.audiences) AS v(value)', value: 'v.value' },
  sector: { from: 'CROSS JOIN LATERAL unnest(c.sectors) AS v(value)', value: 'v.value' },
  useCase: { from: 'CROSS JOIN LATERAL unnest(c.use_cases) AS v(value)', value: 'v.value' },
  level: { from: '', value: 'c.level' },
  kind: { from: '', value: 'c.kind' },
  duration: { from: '', value: DURATION_CASE },
};

/**
 * `dimension, value, count` rows for every facet, plus one `total` row. `base` is the condition shared by
 * all branches (published, and matching the text when there is one).
 */
export function facetsSql(base: string, conditions: Partial<Record<FacetDimension, string>>): string {
  const branches = FACET_DIMENSIONS.map((dimension) => {
    const { from, value } = FACET_VALUE[dimension];
    const others = FACET_DIMENSIONS.filter((d) => d !== dimension).map((d) => conditions[d]);
    return `SELECT '${dimension}' AS dimension, ${value} AS value, count(*)::int AS count
              FROM m AS c ${from} WHERE ${and(others)} GROUP BY 2`;
  });
  branches.push(
    `SELECT 'total' AS dimension, NULL AS value, count(*)::int AS count FROM m AS c WHERE ${and(FACET_DIMENSIONS.map((d) => conditions[d]))}`,
  );
  return `WITH m AS MATERIALIZED (
            SELECT c.kind, c.level, c.duration_minutes, c.audiences, c.sectors, c.use_cases FROM course c WHERE ${base}
          )
          ${branches.join('\nUNION ALL\n')}`;
}

export function queryFilters(query: CourseSearchQuery): SearchFilters {
  return {
    audience: query.audience,
    level: query.level,
    kind: query.kind,
    sector: query.sector,
    useCase: query.useCase,
    durationMin: query.durationMin,
    durationMax: query.durationMax,
  };
}
