import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
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
      const inserted = await rowsOf<{ email: string; ord: number }>(
        manager,
        `WITH input AS (SELECT * FROM unnest($2::text[], $3::bytea[]) WITH ORDINALITY AS i(email, secret_hash, ord))
         INSERT INTO organisation_invitation (organisation_id, kind, email, secret_hash, max_uses, expires_at, import_id, created_by)
         SELECT $1, 'email', i.email, i.secret_hash, 1, now() + make_interval(days => $4), $5, $6
           FROM input i
          WHERE NOT EXISTS (SELECT 1 FROM organisation_member m JOIN app_user u ON u.id = m.user_id
                             WHERE m.organisation_id = $1 AND u.email = i.email)
          ORDER BY i.ord
         ON CONFLICT ON CONSTRAINT uq_organisation_invitation_email DO NOTHING
         RETURNING email`,
        [input.orgId, batch.map((b) => b.email), tokens.map(hashSecret), validForDays, job.id, input.actorId],
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
