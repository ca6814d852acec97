import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { XapiStatement, XapiStatementResult } from '@academie/contracts';
import { AppConfig } from '@academie/server-core';
import { LearningError } from '../learning.errors';
import type { StatementsQueryDto } from './dto/statements-query.dto';
import { type StatementScope, consistentThrough, statementById, statementPage } from './statement-rows';
import { decodeCursor, encodeCursor, parseFilters } from './xapi-query';
import { toStatement } from './xapi-statements';

export const STATEMENTS_PATH = '/api/xapi/statements';

/** Parameters allowed beside `statementId` (xAPI 2.0: anything else is a 400). */
const WITH_STATEMENT_ID = new Set(['statementId', 'voidedStatementId', 'format', 'attachments']);

/** The learning records as xAPI 2.0 statements: projections of stored events, attempts and completions. */
@Injectable()
export class XapiService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /**
   * `options.scope` restricts the statements to some enrollments and `options.path` is the route of the `more` links:
   * for another context's route over a part of the learners (docs/organisation-api.md).
   */
  /**
   * Statements stored before this instant are no longer served (RETENTION_XAPI_STATEMENTS_DAYS). Those of progress
   * events disappear earlier, with the events the retention job deletes; attempts and completions stay in the
   * database (attempt limits, certificates and KPIs rest on them) but leave the LRS at this limit.
   */
  private retentionLimit(): string {
    return new Date(Date.now() - this.config.RETENTION_XAPI_STATEMENTS_DAYS * 86_400_000).toISOString();
  }

  async statements(
    query: StatementsQueryDto,
    options: { path?: string; scope?: StatementScope } = {},
  ): Promise<{ body: XapiStatement | XapiStatementResult; consistentThrough: Date }> {
    const path = options.path ?? STATEMENTS_PATH;
    const through = await consistentThrough(this.dataSource);
    const given = Object.keys(query).filter((key) => query[key as keyof StatementsQueryDto] !== undefined);
    if (query.statementId !== undefined || query.voidedStatementId !== undefined) {
      const extra = given.filter((key) => !WITH_STATEMENT_ID.has(key));
      if (extra.length > 0 || (query.statementId !== undefined && query.voidedStatementId !== undefined)) {
        throw LearningError.InvalidXapiQuery(
          (extra.length ? extra : ['voidedStatementId']).map((field) => ({ field, reason: 'is not allowed with statementId or voidedStatementId' })),
        );
      }
      // Nothing is ever voided here.
      const row = query.statementId ? await statementById(this.dataSource, query.statementId, options.scope, this.retentionLimit()) : null;
      if (!row) throw LearningError.StatementNotFound([{ field: query.statementId ? 'statementId' : 'voidedStatementId', reason: 'no such statement' }]);
      return { body: toStatement(row, { baseUrl: this.config.PUBLIC_BASE_URL, format: query.format }), consistentThrough: through };
    }

    let filters;
    let after: { stored: string; id: string } | null = null;
    if (query.cursor !== undefined) {
      const extra = given.filter((key) => key !== 'cursor');
      if (extra.length > 0) {
        throw LearningError.InvalidXapiQuery(extra.map((field) => ({ field, reason: 'is carried by the cursor: give the `more` URL as it is' })));
      }
      const cursor = decodeCursor(query.cursor);
      filters = cursor.filters;
      after = { stored: cursor.stored, id: cursor.id };
    } else {
      filters = parseFilters(query, this.config.PUBLIC_BASE_URL);
    }

    const rows = await statementPage(this.dataSource, filters, after, options.scope, this.retentionLimit());
    const page = rows.slice(0, filters.limit);
    const last = page.at(-1);
    const more =
      rows.length > filters.limit && last
        ? `${path}?cursor=${encodeCursor({ filters, stored: last.stored_key, id: last.id })}`
        : '';
    return {
      body: { statements: page.map((row) => toStatement(row, { baseUrl: this.config.PUBLIC_BASE_URL, format: filters.format })), more },
      consistentThrough: through,
    };
  }
}
