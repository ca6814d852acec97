// The catalogue's search as it lives in the address bar (/catalogue?q=…&level=…), so that a search can
// be shared, bookmarked and walked back with the browser's history. Plain functions, tested beside.
import {
  AUDIENCE_CODES,
  COURSE_KINDS,
  COURSE_LEVELS,
  DURATION_BUCKETS,
  NAF_SECTION_CODES,
  USE_CASE_CODES,
  type Audience,
  type CourseKind,
  type CourseLevel,
  type CourseSearchQuery,
  type DurationBucket,
  type NafSection,
  type UseCase,
} from '@academie/contracts';

/** `audience=tous` in the address: every audience, the signed-in person's default set aside. */
export const ALL_AUDIENCES = 'tous';
/** Name of the duration parameter in the address (a bucket of DURATION_BUCKETS). */
export const DURATION_PARAM = 'duree';

export interface CatalogueFilters {
  q: string;
  /**
   * `undefined`: nothing chosen, the person's own audience applies (from their profile) if they have
   * one; `[]`: every audience, chosen explicitly; otherwise the audiences chosen.
   */
  audience: Audience[] | undefined;
  level: CourseLevel[];
  kind: CourseKind[];
  sector: NafSection[];
  useCase: UseCase[];
  duration: DurationBucket | undefined;
}

export type ListFilter = 'level' | 'kind' | 'sector' | 'useCase';

export const EMPTY_FILTERS: CatalogueFilters = {
  q: '',
  audience: undefined,
  level: [],
  kind: [],
  sector: [],
  useCase: [],
  duration: undefined,
};

/** The known values of a comma-separated (or repeated) parameter, each once, in the order of `codes`. */
function listOf<T extends string>(params: URLSearchParams, name: string, codes: readonly T[]): T[] {
  const given = new Set(
    params
      .getAll(name)
      .flatMap((value) => value.split(','))
      .map((value) => value.trim()),
  );
  return codes.filter((code) => given.has(code));
}

export function filtersFromParams(params: URLSearchParams): CatalogueFilters {
  const audienceGiven = params.has('audience');
  const audiences = listOf(params, 'audience', AUDIENCE_CODES);
  const durationValue = params.get(DURATION_PARAM);
  const duration = DURATION_BUCKETS.find((bucket) => bucket.value === durationValue)?.value;
  return {
    q: (params.get('q') ?? '').slice(0, 200),
    // `audience=tous`, or an audience parameter with nothing valid in it: every audience.
    audience: audienceGiven ? audiences : undefined,
    level: listOf(params, 'level', COURSE_LEVELS),
    kind: listOf(params, 'kind', COURSE_KINDS),
    sector: listOf(params, 'sector', NAF_SECTION_CODES),
    useCase: listOf(params, 'useCase', USE_CASE_CODES),
    duration,
  };
}

/** The address of a search: only what is set, lists comma-separated, in a stable order. */
export function paramsFromFilters(filters: CatalogueFilters): URLSearchParams {
  const params = new URLSearchParams();
  const q = filters.q.trim();
  if (q !== '') params.set('q', q);
  if (filters.audience !== undefined) {
    const audiences = AUDIENCE_CODES.filter((code) => filters.audience?.includes(code));
    params.set('audience', audiences.length === 0 ? ALL_AUDIENCES : audiences.join(','));
  }
  const lists: [ListFilter, readonly string[]][] = [
    ['level', COURSE_LEVELS],
    ['kind', COURSE_KINDS],
    ['sector', NAF_SECTION_CODES],
    ['useCase', USE_CASE_CODES],
  ];
  for (const [name, codes] of lists) {
    const chosen: readonly string[] = filters[name];
    const values = codes.filter((code) => chosen.includes(code));
    if (values.length > 0) params.set(name, values.join(','));
  }
  if (filters.duration !== undefined) params.set(DURATION_PARAM, filters.duration);
  return params;
}

/** The audiences the search uses: those chosen, or else the person's own. */
export function effectiveAudiences(filters: CatalogueFilters, defaultAudience: Audience | null): Audience[] {
  if (filters.audience !== undefined) return filters.audience;
  return defaultAudience === null ? [] : [defaultAudience];
}

/** Whether the results are narrowed to the person's audience because of their profile (not by a choice). */
export function usesProfileAudience(filters: CatalogueFilters, defaultAudience: Audience | null): boolean {
  return filters.audience === undefined && defaultAudience !== null;
}

/** The API query of a search (`GET /api/courses`). */
export function searchQueryOf(filters: CatalogueFilters, defaultAudience: Audience | null): CourseSearchQuery {
  const query: CourseSearchQuery = {};
  const q = filters.q.trim();
  if (q !== '') query.q = q;
  const audience = effectiveAudiences(filters, defaultAudience);
  if (audience.length > 0) query.audience = audience;
  if (filters.level.length > 0) query.level = filters.level;
  if (filters.kind.length > 0) query.kind = filters.kind;
  if (filters.sector.length > 0) query.sector = filters.sector;
  if (filters.useCase.length > 0) query.useCase = filters.useCase;
  const bucket = DURATION_BUCKETS.find((candidate) => candidate.value === filters.duration);
  if (bucket !== undefined) {
    query.durationMin = bucket.min;
    if (bucket.max !== null) query.durationMax = bucket.max;
  }
  return query;
}

/** `values` with `value` added or removed. */
export function toggled<T extends string>(values: readonly T[], value: T, on: boolean): T[] {
  const rest = values.filter((candidate) => candidate !== value);
  return on ? [...rest, value] : rest;
}

/** Whether anything narrows the results beyond the text (the profile's audience counts). */
export function hasFilters(filters: CatalogueFilters, defaultAudience: Audience | null): boolean {
  return (
    effectiveAudiences(filters, defaultAudience).length > 0 ||
    filters.level.length > 0 ||
    filters.kind.length > 0 ||
    filters.sector.length > 0 ||
    filters.useCase.length > 0 ||
    filters.duration !== undefined
  );
}

/**
 * The filters with these audiences chosen. None chosen means every audience: written `audience=tous` when
 * the person has an audience of their own (else their profile's would apply again), and not at all otherwise.
 */
export function withAudiences(filters: CatalogueFilters, audiences: Audience[], defaultAudience: Audience | null): CatalogueFilters {
  const audience = audiences.length === 0 && defaultAudience === null ? undefined : audiences;
  return { ...filters, audience };
}

/** Every filter off (the profile's audience too), the text kept. */
export function clearedFilters(filters: CatalogueFilters, defaultAudience: Audience | null): CatalogueFilters {
  return withAudiences({ ...EMPTY_FILTERS, q: filters.q }, [], defaultAudience);
}

/** « 1 formation », « 12 formations » (French: 0 and 1 are singular). */
export function countOf(count: number, singular: string, plural: string): string {
  return `${count.toLocaleString('fr-FR')} ${count > 1 ? plural : singular}`;
}
