import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { SearchSynonymGroup } from '@academie/contracts';
import { CatalogError, violatedConstraint } from '../catalog.errors';
import { AuditTrail, type Actor } from '../publishing/audit-trail';
import { CatalogCache, announceCatalogChange } from './catalog-cache';
import { normalizeSynonymTerms } from './search-query';

/** Administrators manage the synonym groups; a change applies to the next search in every API process. */
@Injectable()
export class SearchSynonymService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly cache: CatalogCache,
  ) {}

  async list(): Promise<SearchSynonymGroup[]> {
    return this.dataSource.query(`SELECT id, terms FROM search_synonym ORDER BY terms`);
  }

  async create(actor: Actor, terms: string[]): Promise<SearchSynonymGroup> {
    const normalized = this.normalize(terms);
    return this.write(async (manager) => {
      const [row] = await manager.query(`INSERT INTO search_synonym (terms) VALUES ($1) RETURNING id, terms`, [normalized]);
      await this.audit.record(manager, actor, 'search_synonym.created', 'search_synonym', row.id, { terms: normalized });
      return row;
    });
  }

  async update(actor: Actor, id: string, terms: string[]): Promise<SearchSynonymGroup> {
    const normalized = this.normalize(terms);
    return this.write(async (manager) => {
      const [rows] = await manager.query(`UPDATE search_synonym SET terms = $2, updated_at = now() WHERE id = $1 RETURNING id, terms`, [
        id,
        normalized,
      ]);
      if (!rows[0]) throw CatalogError.SynonymNotFound([{ field: 'id', reason: 'no synonym group has this id' }]);
      await this.audit.record(manager, actor, 'search_synonym.updated', 'search_synonym', id, { terms: normalized });
      return rows[0];
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.write(async (manager) => {
      const [rows] = await manager.query(`DELETE FROM search_synonym WHERE id = $1 RETURNING terms`, [id]);
      if (!rows[0]) throw CatalogError.SynonymNotFound([{ field: 'id', reason: 'no synonym group has this id' }]);
      await this.audit.record(manager, actor, 'search_synonym.deleted', 'search_synonym', id, { terms: rows[0].terms });
    });
  }

  private normalize(terms: string[]): string[] {
    const normalized = normalizeSynonymTerms(terms);
    if (normalized.length < 2) {
      throw CatalogError.InvalidSynonyms([
        { field: 'terms', reason: 'must hold at least 2 different expressions (case and accents are ignored)' },
      ]);
    }
    return normalized;
  }

  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      const result = await this.dataSource.transaction(async (manager) => {
        const done = await work(manager);
        await announceCatalogChange(manager);
        return done;
      });
      this.cache.invalidate();
      return result;
    } catch (error) {
      if (violatedConstraint(error) === 'uq_search_synonym_terms') {
        throw CatalogError.SynonymExists([{ field: 'terms', reason: 'this group already exists' }]);
      }
      throw error;
    }
  }
}
