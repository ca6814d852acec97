import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type AdminCertificate,
  type AdminCertificateList,
  CERTIFICATE_ISSUER_NAME,
  type CertificateVerification,
  ERASED_NAME_TEXT,
  type MyCertificate,
  type MyCertificateList,
  formatCertificateCode,
  normalizeCertificateCode,
  verificationPath,
} from '@academie/contracts';
import { AppConfig } from '@academie/server-core';
import { type AuthenticatedUser, AuditService, RateLimiter, findUserIdByEmail } from '@academie/server-identity';
import { CertificationError } from '../certification.errors';
import { PublicCredentialService } from '../credential/public-credential.service';
import { renderCertificatePdf } from '../pdf/certificate-pdf';

interface CertificateRow {
  id: string;
  code: string;
  user_id: string;
  course_id: string;
  version_id: string;
  course_title: string;
  version_number: number;
  duration_minutes: number;
  printed_name: string | null;
  completed_at: Date;
  issued_at: Date;
  revoked_at: Date | null;
  has_credential: boolean;
}

const COLUMNS = `id, code, user_id, course_id, version_id, course_title, version_number, duration_minutes, printed_name,
  completed_at, issued_at, revoked_at, credential_jwt IS NOT NULL AS has_credential`;

export interface PdfFile {
  filename: string;
  body: Buffer;
}

/** Reading, verifying and revoking certificates; the public routes count against the per-IP certificate limit. */
@Injectable()
export class CertificateService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly rateLimiter: RateLimiter,
    private readonly audit: AuditService,
    private readonly publicCredentials: PublicCredentialService,
  ) {}

  private get baseUrl(): string {
    return this.config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  }

  /** `GET /api/certificates/:code`: valid or revoked; 404 when no certificate has the code. */
  async verify(rawCode: string, ip: string): Promise<CertificateVerification> {
    const row = await this.publicLookup(rawCode, ip);
    return this.present(row);
  }

  /** `GET /api/certificates/:code/pdf`: rendered from the stored facts, the same bytes every time. */
  async pdf(rawCode: string, ip: string): Promise<PdfFile> {
    const row = await this.publicLookup(rawCode, ip);
    if (row.revoked_at) throw CertificationError.CertificateRevoked();
    const body = await renderCertificatePdf({
      code: row.code,
      learnerName: row.printed_name,
      courseTitle: row.course_title,
      versionNumber: row.version_number,
      durationMinutes: row.duration_minutes,
      completedAt: row.completed_at,
      verificationUrl: `${this.baseUrl}${verificationPath(row.code)}`,
    });
    return { filename: `certificat-${formatCertificateCode(row.code)}.pdf`, body };
  }

  /** `GET /api/certificates/:code/credential`: the VC-JWT as issued (a revoked one too: its status list says so). */
  async credential(rawCode: string, ip: string): Promise<string> {
    const code = await this.publicCode(rawCode, ip);
    const [row] = (await this.dataSource.query(`SELECT credential_jwt FROM certificate WHERE code = $1`, [code])) as {
      credential_jwt: string | null;
    }[];
    if (!row) throw CertificationError.CertificateNotFound([{ field: 'code', reason: 'unknown' }]);
    if (!row.credential_jwt) throw CertificationError.CredentialErased();
    return row.credential_jwt;
  }

  /** `GET /api/me/certificates`: the caller's own, newest first. */
  async mine(userId: string): Promise<MyCertificateList> {
    const rows: CertificateRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM certificate WHERE user_id = $1 ORDER BY completed_at DESC, id`,
      [userId],
    );
    return { items: rows.map((row): MyCertificate => ({ id: row.id, ...this.present(row) })) };
  }

  /** `POST /api/admin/certificates/:code/revoke`: the status list shows it at its next signature; audited with the reason. */
  async revoke(actor: AuthenticatedUser, rawCode: string, reason: string): Promise<CertificateVerification> {
    const code = normalizeCertificateCode(rawCode);
    if (!code) throw CertificationError.InvalidCode([{ field: 'code', reason: 'must be 16 characters of Crockford base32' }]);
    const revoked = await this.dataSource.transaction(async (manager) => {
      const rows: CertificateRow[] = await manager.query(
        `WITH revoked AS (
           UPDATE certificate SET revoked_at = now(), revoked_by = $2, revocation_reason = $3
            WHERE code = $1 AND revoked_at IS NULL RETURNING ${COLUMNS})
         SELECT * FROM revoked`,
        [code, actor.id, reason],
      );
      if (rows.length === 0) {
        const [existing] = await manager.query(`SELECT 1 FROM certificate WHERE code = $1`, [code]);
        if (existing) throw CertificationError.AlreadyRevoked();
        throw CertificationError.CertificateNotFound([{ field: 'code', reason: 'unknown' }]);
      }
      await this.audit.record(manager, {
        actorId: actor.id,
        action: 'certificate.revoked',
        targetType: 'certificate',
        targetId: rows[0].id,
        details: { code, reason },
      });
      return this.present(rows[0]);
    });
    this.publicCredentials.forgetStatusLists();
    return revoked;
  }

  /**
   * `GET /api/admin/certificates?q=`: the certificate of a verification code, or every certificate of the account
   * with this exact e-mail address (newest first, at most 50): how an administrator finds the one to revoke. Both
   * lookups use a unique index; nothing else is searched (no scan of a table that grows with completions).
   */
  async findForAdmin(rawQuery: string): Promise<AdminCertificateList> {
    const query = rawQuery.trim();
    let rows: (CertificateRow & { revocation_reason: string | null })[];
    const columns = `${COLUMNS}, revocation_reason`;
    if (query.includes('@')) {
      const userId = await findUserIdByEmail(this.dataSource.manager, query);
      rows = userId
        ? await this.dataSource.query(`SELECT ${columns} FROM certificate WHERE user_id = $1 ORDER BY issued_at DESC, id LIMIT 50`, [userId])
        : [];
    } else {
      const code = normalizeCertificateCode(query);
      if (!code) {
        throw CertificationError.InvalidAdminQuery([{ field: 'q', reason: 'must be a verification code or an e-mail address' }]);
      }
      rows = await this.dataSource.query(`SELECT ${columns} FROM certificate WHERE code = $1`, [code]);
    }
    return {
      items: rows.map(
        (row): AdminCertificate => ({ id: row.id, userId: row.user_id, revocationReason: row.revocation_reason, ...this.present(row) }),
      ),
    };
  }

  /** What the personal-data export shows: the certificates as printed. */
  async exportFor(userId: string, manager: EntityManager): Promise<CertificateVerification[]> {
    const rows: CertificateRow[] = await manager.query(`SELECT ${COLUMNS} FROM certificate WHERE user_id = $1 ORDER BY completed_at, id`, [
      userId,
    ]);
    return rows.map((row) => this.present(row));
  }

  /**
   * Erasure: the certificates stay valid (the completion happened) but lose the printed name, which the page and
   * the PDF replace by ERASED_NAME_TEXT, and the credential, whose salted e-mail hash could still be matched.
   */
  async eraseFor(userId: string, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE certificate SET printed_name = NULL, name_erased_at = coalesce(name_erased_at, now()), credential_jwt = NULL
        WHERE user_id = $1`,
      [userId],
    );
  }

  private async publicCode(rawCode: string, ip: string): Promise<string> {
    // Counted before anything else, bad codes included: guessing codes costs the same as checking one.
    await this.rateLimiter.consume([
      {
        rule: 'certificate-ip',
        subject: ip,
        max: this.config.RATE_LIMIT_CERTIFICATE_PER_IP,
        windowSeconds: this.config.RATE_LIMIT_CERTIFICATE_WINDOW_SECONDS,
      },
    ]);
    const code = normalizeCertificateCode(rawCode);
    if (!code) throw CertificationError.InvalidCode([{ field: 'code', reason: 'must be 16 characters of Crockford base32' }]);
    return code;
  }

  private async publicLookup(rawCode: string, ip: string): Promise<CertificateRow> {
    const code = await this.publicCode(rawCode, ip);
    const [row] = (await this.dataSource.query(`SELECT ${COLUMNS} FROM certificate WHERE code = $1`, [code])) as CertificateRow[];
    if (!row) throw CertificationError.CertificateNotFound([{ field: 'code', reason: 'unknown' }]);
    return row;
  }

  private present(row: CertificateRow): CertificateVerification {
    const code = formatCertificateCode(row.code);
    return {
      code,
      status: row.revoked_at ? 'revoked' : 'valid',
      learnerName: row.printed_name,
      displayedName: row.printed_name ?? ERASED_NAME_TEXT,
      nameErased: row.printed_name === null,
      course: {
        id: row.course_id,
        title: row.course_title,
        versionId: row.version_id,
        versionNumber: row.version_number,
        durationMinutes: row.duration_minutes,
      },
      completedAt: row.completed_at.toISOString(),
      issuedAt: row.issued_at.toISOString(),
      revokedAt: row.revoked_at?.toISOString() ?? null,
      issuer: { name: CERTIFICATE_ISSUER_NAME, url: this.baseUrl },
      verificationUrl: `${this.baseUrl}${verificationPath(row.code)}`,
      pdfUrl: `${this.baseUrl}/api/certificates/${code}/pdf`,
      credentialUrl: row.has_credential ? `${this.baseUrl}/api/certificates/${code}/credential` : null,
    };
  }
}
