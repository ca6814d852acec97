import {
  AUDIENCES,
  type KpiCompanyCategory,
  type KpiDimension,
  KPI_DIMENSIONS,
  NAF_SECTIONS,
  REGIONS,
  STAFF_BANDS,
} from '@academie/contracts';

/** Stored for an attribute the profile does not give (« non renseigné »). */
export const UNKNOWN = '?';
/** Stored in a `kpi_cell` column outside the row's dimensions. */
export const ABSENT = '';
export const ABSENT_COURSE = '00000000-0000-0000-0000-000000000000';

/** Bit of each dimension in `kpi_cell.dims`. */
export const DIM_BIT: Record<KpiDimension, number> = { audience: 1, region: 2, sector: 4, companySize: 8, course: 16 };

/** Column of each dimension in `kpi_cell` and `kpi_learner`. */
export const DIM_COLUMN: Record<KpiDimension, string> = {
  audience: 'audience',
  region: 'region',
  sector: 'sector',
  companySize: 'company_size',
  course: 'course_id',
};

/** Every subset of at most three dimensions: a fact adds to one row of each (26 rows). */
export const CELL_MASKS: number[] = Array.from({ length: 32 }, (_, mask) => mask).filter((mask) => popcount(mask) <= 3);

export function popcount(mask: number): number {
  let n = 0;
  for (let m = mask; m; m >>= 1) n += m & 1;
  return n;
}

export const maskOf = (dims: readonly KpiDimension[]): number => dims.reduce((mask, dim) => mask | DIM_BIT[dim], 0);

/** The attributes a fact is counted under. */
export interface CellAttributes {
  audience: string;
  region: string;
  sector: string;
  companySize: string;
}

export interface CellCoordinates extends CellAttributes {
  /** First day of the month (`YYYY-MM-01`), Europe/Paris. */
  month: string;
  courseId: string;
}

/** Value of a dimension in a row of the given mask. */
export function coordinate(coords: CellCoordinates, dim: KpiDimension, mask: number): string {
  if (!(mask & DIM_BIT[dim])) return dim === 'course' ? ABSENT_COURSE : ABSENT;
  return dim === 'course' ? coords.courseId : coords[dim];
}

export const attributesOf = (row: {
  audience: string | null;
  region: string | null;
  sector: string | null;
  staff_band?: string | null;
  company_size?: string | null;
}): CellAttributes => ({
  audience: row.audience ?? UNKNOWN,
  region: row.region ?? UNKNOWN,
  sector: row.sector ?? UNKNOWN,
  companySize: row.staff_band ?? row.company_size ?? UNKNOWN,
});

export const sameAttributes = (a: CellAttributes, b: CellAttributes): boolean =>
  a.audience === b.audience && a.region === b.region && a.sector === b.sector && a.companySize === b.companySize;

const PARIS = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day of an instant in Europe/Paris, `YYYY-MM-DD`. */
export function parisDay(at: Date | string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) throw new Error(`not a date: ${String(at)}`);
  return PARIS.format(date);
}

/** The first day of the month of an instant in Europe/Paris, `YYYY-MM-01`. */
export const parisMonth = (at: Date | string): string => `${parisDay(at).slice(0, 7)}-01`;

/** SQL twin of parisMonth, for the reconciliation. */
export const monthSql = (column: string): string => `date_trunc('month', ${column} AT TIME ZONE 'Europe/Paris')::date`;
export const daySql = (column: string): string => `(${column} AT TIME ZONE 'Europe/Paris')::date`;

const BAND_CATEGORY: Record<string, KpiCompanyCategory> = {
  NN: 'TPE', '00': 'TPE', '01': 'TPE', '02': 'TPE', '03': 'TPE',
  '11': 'PME', '12': 'PME', '21': 'PME', '22': 'PME', '31': 'PME',
  '32': 'ETI', '41': 'ETI', '42': 'ETI', '51': 'ETI',
  '52': 'GE', '53': 'GE',
};
const AUDIENCE_CATEGORY: Record<string, KpiCompanyCategory> = { tpe: 'TPE', pme: 'PME', eti: 'ETI', grand_groupe: 'GE' };

/**
 * The LME category of the person's company when they were trained: from the INSEE staff band they gave (the
 * headcount proxy of décret 2008-1354), else from their audience; `?` when neither says.
 */
export function companyCategory(staffBand: string | null, audience: string | null): KpiCompanyCategory | '?' {
  return (staffBand && BAND_CATEGORY[staffBand]) || (audience && AUDIENCE_CATEGORY[audience]) || '?';
}

/** The same rule in SQL, for the reconciliation. */
export function companyCategorySql(staffBand: string, audience: string): string {
  const band = Object.entries(BAND_CATEGORY)
    .map(([code, category]) => `WHEN '${code}' THEN '${category}'`)
    .join(' ');
  const aud = Object.entries(AUDIENCE_CATEGORY)
    .map(([code, category]) => `WHEN '${code}' THEN '${category}'`)
    .join(' ');
  return `coalesce(CASE ${staffBand} ${band} END, CASE ${audience} ${aud} END, '?')`;
}

/** Label of a code of a dimension (courses are labelled from `kpi_course`). */
export function labelOf(dim: Exclude<KpiDimension, 'course'>, code: string): string {
  if (code === UNKNOWN) return 'Non renseigné';
  const table: Record<string, string> =
    dim === 'audience' ? AUDIENCES : dim === 'region' ? REGIONS : dim === 'sector' ? NAF_SECTIONS : STAFF_BANDS;
  return table[code] ?? code;
}

export const isDimension = (value: string): value is KpiDimension => (KPI_DIMENSIONS as readonly string[]).includes(value);
