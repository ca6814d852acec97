import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { SolutionInput, SolutionListQuery, SolutionListResponse, SolutionSummary } from '@academie/contracts';
import { CatalogError, violatedConstraint } from '../catalog.errors';
import { AuditTrail, type Actor } from '../publishing/audit-trail';
import { SOLUTION_COLUMNS, type SolutionRow, toSolution } from './solution-row';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(value: string): { name: string; id: string } {
  try {
    const [name, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (typeof name === 'string' && typeof id === 'string' && UUID.test(id)) return { name, id };
  } catch {
    // fall through
  }
  throw CatalogError.InvalidCursor([{ field: 'cursor', reason: 'must be a nextCursor returned by this route' }]);
}

/** Turnkey AI solutions: the public list, and the administrators' management (audited). */
@Injectable()
export class SolutionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
  ) {}

  /** By name then id (keyset), filtered by use case and company size (GIN indexes on both arrays). */
  async list(query: SolutionListQuery): Promise<SolutionListResponse> {
    const limit = query.limit ?? 20;
    const params: unknown[] = [];
    const where: string[] = [];
    if (query.useCase) {
      params.push([query.useCase]);
      where.push(`s.use_cases && $${params.length}::text[]`);
    }
    if (query.companySize) {
      params.push([query.companySize]);
      where.push(`s.company_sizes && $${params.length}::text[]`);
    }
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      params.push(cursor.name, cursor.id);
      where.push(`(s.name, s.id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const rows: SolutionRow[] = await this.dataSource.query(
      `SELECT ${SOLUTION_COLUMNS} FROM solution s ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY s.name, s.id LIMIT $${params.length}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toSolution),
      nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify([last.name, last.id])).toString('base64url') : null,
    };
  }

  async get(id: string): Promise<SolutionSummary> {
    const rows: SolutionRow[] = await this.dataSource.query(`SELECT ${SOLUTION_COLUMNS} FROM solution s WHERE s.id = $1`, [id]);
    if (!rows[0]) throw CatalogError.SolutionNotFound([{ field: 'id', reason: 'no solution has this id' }]);
    return toSolution(rows[0]);
  }

  async create(actor: Actor, input: SolutionInput): Promise<SolutionSummary> {
    return this.write(async (manager) => {
      const rows: SolutionRow[] = await manager.query(
        `INSERT INTO solution AS s (name, provider, description, use_cases, sectors, company_sizes, price_range, url, private_offer)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${SOLUTION_COLUMNS}`,
        [input.name, input.provider, input.description, input.useCases, input.sectors, input.companySizes, input.priceRange,
          input.url, input.privateOffer],
      );
      await this.audit.record(manager, actor, 'solution.created', 'solution', rows[0].id, { name: input.name, provider: input.provider });
      return toSolution(rows[0]);
    });
  }

  async update(actor: Actor, id: string, input: Partial<SolutionInput>): Promise<SolutionSummary> {
    return this.write(async (manager) => {
      const current = await manager.query(`SELECT ${SOLUTION_COLUMNS} FROM solution s WHERE s.id = $1 FOR UPDATE`, [id]);
      if (!current[0]) throw CatalogError.SolutionNotFound([{ field: 'id', reason: 'no solution has this id' }]);
      const next = { ...toSolution(current[0]), ...input };
      // UPDATE and DELETE through TypeORM answer [rows, rowCount].
      const [rows]: [SolutionRow[], number] = await manager.query(
        `UPDATE solution AS s SET name = $2, provider = $3, description = $4, use_cases = $5, sectors = $6, company_sizes = $7,
                price_range = $8, url = $9, private_offer = $10, updated_at = now()
          WHERE s.id = $1 RETURNING ${SOLUTION_COLUMNS}`,
        [id, next.name, next.provider, next.description, next.useCases, next.sectors, next.companySizes, next.priceRange, next.url,
          next.privateOffer],
      );
      await this.audit.record(manager, actor, 'solution.updated', 'solution', id, { fields: Object.keys(input).sort() });
      return toSolution(rows[0]);
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.write(async (manager) => {
      const [rows] = await manager.query(`DELETE FROM solution WHERE id = $1 RETURNING id, name, provider`, [id]);
      if (!rows[0]) throw CatalogError.SolutionNotFound([{ field: 'id', reason: 'no solution has this id' }]);
      await this.audit.record(manager, actor, 'solution.deleted', 'solution', id, { name: rows[0].name, provider: rows[0].provider });
    });
  }

  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      if (violatedConstraint(error) === 'uq_solution_provider_name') {
        throw CatalogError.SolutionExists([{ field: 'name', reason: 'this provider already lists a solution with this name' }]);
      }
      throw error;
    }
  }
}
