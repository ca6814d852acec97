import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type KpiDimension, type KpiMeasure, KPI_DIMENSIONS } from '@academie/contracts';
import { DIM_COLUMN, maskOf } from '../dims';
import { KpiCache } from './kpi-cache';

export type Measures = Record<KpiMeasure, number>;
export const ZERO: Measures = { trained: 0, certificates: 0, enrollments: 0, completions: 0, newLearners: 0 };

export interface SummedRow {
  /** The codes of the grouped dimensions (and `month` when grouped by month). */
  codes: Partial<Record<KpiDimension | 'month', string>>;
  measures: Measures;
}

/**
 * Reads `kpi_cell` only: sums over a month range of the rows of one subset of dimensions, some of them fixed. The
 * rows read are those of the subset within the range: at most groups × months, whatever the number of learners.
 */
@Injectable()
export class CellReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: KpiCache,
  ) {}

  /** Sums of one subset of dimensions, kept like the answers (KpiCache): breakdowns that share a table share its read. */
  sum(
    dims: KpiDimension[],
    from: string,
    to: string,
    fixed: Partial<Record<KpiDimension, string>>,
    groupBy: (KpiDimension | 'month')[],
  ): Promise<SummedRow[]> {
    return this.cache.get(`sum ${JSON.stringify([dims, from, to, fixed, groupBy])}`, () => this.read(dims, from, to, fixed, groupBy));
  }

  private async read(
    dims: KpiDimension[],
    from: string,
    to: string,
    fixed: Partial<Record<KpiDimension, string>>,
    groupBy: (KpiDimension | 'month')[],
  ): Promise<SummedRow[]> {
    const params: unknown[] = [maskOf(dims), from, to];
    const where = Object.entries(fixed).map(([dim, value]) => {
      params.push(value);
      return `AND ${DIM_COLUMN[dim as KpiDimension]} = $${params.length}`;
    });
    const columns = groupBy.map((g) => (g === 'month' ? `to_char(month, 'YYYY-MM') AS month` : `${DIM_COLUMN[g]}::text AS "${g}"`));
    const rows = (await this.dataSource.query(
      `SELECT ${[...columns, ''].join(', ')}
              sum(trained)::float8 AS trained, sum(certificates)::float8 AS certificates, sum(enrollments)::float8 AS enrollments,
              sum(completions)::float8 AS completions, sum(new_learners)::float8 AS new_learners
         FROM kpi_cell
        WHERE dims = $1 AND month BETWEEN $2::date AND $3::date ${where.join(' ')}
        ${groupBy.length ? `GROUP BY ${groupBy.map((_, i) => i + 1).join(', ')}` : ''}`,
      params,
    )) as Record<string, string | number | null>[];
    return rows
      .filter((r) => r.trained !== null)
      .map((r) => ({
        codes: Object.fromEntries(groupBy.map((g) => [g, String(r[g])])),
        measures: {
          trained: Number(r.trained),
          certificates: Number(r.certificates),
          enrollments: Number(r.enrollments),
          completions: Number(r.completions),
          newLearners: Number(r.new_learners),
        },
      }));
  }

  /** First month with any count, `YYYY-MM`, or null on an empty platform. */
  async firstMonth(): Promise<string | null> {
    const [row] = (await this.dataSource.query(`SELECT to_char(min(month), 'YYYY-MM') AS month FROM kpi_cell WHERE dims = 0`)) as {
      month: string | null;
    }[];
    return row?.month ?? null;
  }

  /** Every course's title as last seen by the rollups (one row per course with a fact: as many as the catalogue). */
  async courseTitles(): Promise<Map<string, string>> {
    const rows = (await this.dataSource.query(`SELECT course_id::text AS id, title FROM kpi_course`)) as { id: string; title: string }[];
    return new Map(rows.map((r) => [r.id, r.title]));
  }

  async activeLearners(days: number): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT coalesce(sum(learners), 0)::float8 AS n FROM kpi_activity_day
        WHERE day > (now() AT TIME ZONE 'Europe/Paris')::date - $1::int`,
      [days],
    )) as { n: number }[];
    return Number(row.n);
  }

  async companiesByCategory(): Promise<Map<string, number>> {
    const rows = (await this.dataSource.query(
      `SELECT category, sum(companies)::float8 AS n FROM kpi_company_month GROUP BY category`,
    )) as { category: string; n: number }[];
    return new Map(rows.map((r) => [r.category, Number(r.n)]));
  }
}

export const dimensionOrder = (dims: KpiDimension[]): KpiDimension[] => KPI_DIMENSIONS.filter((d) => dims.includes(d));
