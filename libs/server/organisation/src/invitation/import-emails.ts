import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import copyStreams from 'pg-copy-streams';
import type { DataSource, EntityManager } from 'typeorm';
import type { ImportJobView, ImportLineError } from '@academie/contracts';
import type { MailService } from '@academie/server-mail';
import { iso, rowsOf } from '../sql';
import { parseEmailCsv } from './email-csv';

export const INVITATION_VALID_DAYS = 14;
export const IMPORT_BATCH = 1000;
/** At most this many bad lines are kept with their reason (the count is always exact). */
export const MAX_REPORTED_ERRORS = 10_000;

export const newSecret = (bytes: number): string => randomBytes(bytes).toString('base64url');
export const hashSecret = (secret: string): Buffer => createHash('sha256').update(secret).digest();

export interface ImportInput {
  orgId: string;
  actorId: string;
  organisationName: string;
  csv: string;
  validForDays?: number;
  batchSize?: number;
  /**
   * How a batch's addresses reach PostgreSQL: `unnest` (the default: two array parameters of one INSERT ... SELECT) or
   * `copy` (COPY into a temporary staging table, then INSERT ... SELECT from it). Measured side by side by
   * `npm run bench:org-import` (docs/benchmarks.md).
   */
  loader?: 'unnest' | 'copy';
}

/** A value in COPY's text format: backslash, tab, newline and carriage return escaped. */
const copyText = (value: string): string => value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] as string);

/** The batch into `organisation_import_stage`, a temporary table of the connection emptied at each commit. */
async function stage(manager: EntityManager, emails: string[], hashes: Buffer[]): Promise<void> {
  await manager.query(
    `CREATE TEMP TABLE IF NOT EXISTS organisation_import_stage (ord integer NOT NULL, email text NOT NULL, secret_hash bytea NOT NULL) ON COMMIT DELETE ROWS`,
  );
  const client = (manager.queryRunner as unknown as { databaseConnection: { query(stream: unknown): NodeJS.WritableStream } }).databaseConnection;
  const lines = emails.map((email, i) => `${i + 1}\t${copyText(email)}\t\\\\x${hashes[i].toString('hex')}\n`).join('');
  await pipeline(Readable.from([lines]), client.query(copyStreams.from(`COPY organisation_import_stage (ord, email, secret_hash) FROM STDIN`)) as NodeJS.WritableStream);
}

interface ImportRow {
  id: string;
  status: 'running' | 'done';
  total_lines: number;
  processed_lines: number;
  invited: number;
  already_invited: number;
  rejected: number;
  errors: ImportLineError[];
  created_at: Date;
  finished_at: Date | null;
}

export const importView = (r: ImportRow): ImportJobView => ({
  id: r.id,
  status: r.status,
  totalLines: r.total_lines,
  processedLines: r.processed_lines,
  invited: r.invited,
  alreadyInvited: r.already_invited,
  rejected: r.rejected,
  errors: r.errors,
  createdAt: iso(r.created_at) as string,
  finishedAt: iso(r.finished_at),
});

export async function findImport(db: DataSource, orgId: string, importId: string): Promise<ImportJobView | null> {
  const [row] = await rowsOf<ImportRow>(db, `SELECT * FROM organisation_import WHERE id = $1 AND organisation_id = $2`, [importId, orgId]);
  return row ? importView(row) : null;
}

/**
 * Imports e-mail addresses as invitations: the job row first (its counts are the progress, readable by
 * `GET .../imports/:importId` while it runs), then batches of `IMPORT_BATCH` addresses, each in its own transaction:
 * the invitations (unique per organisation and address: a re-import writes nothing twice, and an address that is
 * already a member's is skipped), their e-mails through the mail outbox, and the counts.
 */
export async function importEmails(db: DataSource, mail: MailService, input: ImportInput): Promise<ImportJobView> {
  const parsed = parseEmailCsv(input.csv);
  const validForDays = input.validForDays ?? INVITATION_VALID_DAYS;
  const batchSize = input.batchSize ?? IMPORT_BATCH;
  const [job] = await rowsOf<{ id: string }>(
    db,
    `INSERT INTO organisation_import (organisation_id, created_by, total_lines, rejected, errors, processed_lines)
     VALUES ($1, $2, $3, $4, $5, $4) RETURNING id`,
    [input.orgId, input.actorId, parsed.totalLines, parsed.errors.length, JSON.stringify(parsed.errors.slice(0, MAX_REPORTED_ERRORS))],
  );
  for (let start = 0; start < parsed.valid.length; start += batchSize) {
    const batch = parsed.valid.slice(start, start + batchSize);
    await db.transaction(async (manager) => {
      const tokens = batch.map(() => newSecret(24));
      const hashes = tokens.map(hashSecret);
      const copy = input.loader === 'copy';
      if (copy) await stage(manager, batch.map((b) => b.email), hashes);
      // With COPY, the array parameters stay in the statement as NULLs, so that both forms number their parameters alike.
      const source = copy
        ? 'SELECT ord, email, secret_hash FROM organisation_import_stage WHERE $2::text[] IS NULL AND $3::bytea[] IS NULL'
        : 'SELECT * FROM unnest($2::text[], $3::bytea[]) WITH ORDINALITY AS i(email, secret_hash, ord)';
      const inserted = await rowsOf<{ email: string; ord: number }>(
        manager,
        `WITH input AS (${source})
         INSERT INTO organisation_invitation (organisation_id, kind, email, secret_hash, max_uses, expires_at, import_id, created_by)
         SELECT $1, 'email', i.email, i.secret_hash, 1, now() + make_interval(days => $4), $5, $6
           FROM input i
          WHERE NOT EXISTS (SELECT 1 FROM organisation_member m JOIN app_user u ON u.id = m.user_id
                             WHERE m.organisation_id = $1 AND u.email = i.email)
          ORDER BY i.ord
         ON CONFLICT ON CONSTRAINT uq_organisation_invitation_email DO NOTHING
         RETURNING email`,
        copy
          ? [input.orgId, null, null, validForDays, job.id, input.actorId]
          : [input.orgId, batch.map((b) => b.email), hashes, validForDays, job.id, input.actorId],
      );
      const tokenOf = new Map(batch.map((b, i) => [b.email, tokens[i]]));
      await mail.queueMany(
        manager,
        'organisation-invitation',
        inserted.map((row) => ({
          to: row.email,
          params: { firstName: '', organisationName: input.organisationName, token: tokenOf.get(row.email) as string, validForDays },
        })),
      );
      await manager.query(
        `UPDATE organisation_import SET processed_lines = processed_lines + $2, invited = invited + $3, already_invited = already_invited + $4 WHERE id = $1`,
        [job.id, batch.length, inserted.length, batch.length - inserted.length],
      );
    });
  }
  const [done] = await rowsOf<ImportRow>(db, `UPDATE organisation_import SET status = 'done', finished_at = now() WHERE id = $1 RETURNING *`, [job.id]);
  return importView(done);
}
