import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CatalogCache } from './catalog-cache';

/** The synonym groups, read through the catalogue cache: a change through the API empties it everywhere. */
@Injectable()
export class SynonymStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: CatalogCache,
  ) {}

  groups(): Promise<string[][]> {
    return this.cache.get('synonyms', async () => {
      const rows: { terms: string[] }[] = await this.dataSource.query(`SELECT terms FROM search_synonym ORDER BY id`);
      return rows.map((r) => r.terms);
    });
  }
}
