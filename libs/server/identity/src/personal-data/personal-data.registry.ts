import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * What one context holds about a person, declared once by that context: `export` returns it (as plain JSON),
 * `erase` removes or anonymises it. Both run inside the transaction given (`manager`): an erasure is one
 * transaction across every context, all or nothing.
 */
export interface PersonalDataSource {
  /** Context name, the key of its part in the export: `identity`, `learning`. */
  context: string;
  /** What it holds, in plain French, shown in the export. */
  describe: string;
  export(userId: string, manager: EntityManager): Promise<unknown>;
  erase(userId: string, manager: EntityManager): Promise<void>;
}

/**
 * The registry of personal data: each context registers its source at start (`onModuleInit`), and the
 * export (`GET /api/me/export`) and erasure (`DELETE /api/me`) routes go through all of them.
 */
@Injectable()
export class PersonalDataRegistry {
  private readonly sources = new Map<string, PersonalDataSource>();

  register(source: PersonalDataSource): void {
    if (this.sources.has(source.context)) throw new Error(`personal data of context ${source.context} registered twice`);
    this.sources.set(source.context, source);
  }

  /** In registration order. */
  list(): PersonalDataSource[] {
    return [...this.sources.values()];
  }
}
