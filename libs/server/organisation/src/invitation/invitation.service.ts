import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { CreateInvitationsResponse, ImportJobView, InvitationPreview, InvitationView, MyOrganisation } from '@academie/contracts';
import { AuditService } from '@academie/server-identity';
import { MailService } from '@academie/server-mail';
import type { CreateInvitationDto } from '../dto/organisation.dto';
import { MemberService } from '../member/member.service';
import { MANAGERS, requireOrgRole } from '../organisation/organisation-access';
import { OrganisationError } from '../organisation.errors';
import { iso, rowsOf } from '../sql';
import { INVITATION_VALID_DAYS, findImport, hashSecret, importEmails, newSecret } from './import-emails';

interface InvitationRow {
  id: string;
  organisation_id: string;
  kind: 'email' | 'link';
  email: string | null;
  max_uses: number | null;
  uses: number;
  expires_at: Date;
  created_at: Date;
  revoked_at: Date | null;
  accepted_at: Date | null;
}

const view = (r: InvitationRow): InvitationView => ({
  id: r.id,
  kind: r.kind,
  email: r.email,
  maxUses: r.max_uses,
  uses: r.uses,
  expiresAt: iso(r.expires_at) as string,
  createdAt: iso(r.created_at) as string,
  revokedAt: iso(r.revoked_at),
  acceptedAt: iso(r.accepted_at),
});

/** A usable invitation: not revoked, not expired, uses left. */
const USABLE = `revoked_at IS NULL AND expires_at > now() AND (max_uses IS NULL OR uses < max_uses)`;

@Injectable()
export class InvitationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly members: MemberService,
  ) {}

  async list(orgId: string, userId: string): Promise<InvitationView[]> {
    await requireOrgRole(this.dataSource, orgId, userId, MANAGERS);
    const rows = await rowsOf<InvitationRow>(
      this.dataSource,
      `SELECT * FROM organisation_invitation WHERE organisation_id = $1 ORDER BY created_at DESC, id LIMIT 500`,
      [orgId],
    );
    return rows.map(view);
  }

  async create(orgId: string, userId: string, body: CreateInvitationDto): Promise<CreateInvitationsResponse> {
    await requireOrgRole(this.dataSource, orgId, userId, MANAGERS);
    if (body.kind === 'email') {
      if (body.maxUses !== undefined) throw OrganisationError.InvalidOrganisation([{ field: 'maxUses', reason: 'an e-mail invitation is single-use' }]);
      const job = await this.runImport(orgId, userId, (body.emails ?? []).map((e) => e.replace(/[\r\n]/g, ' ')).join('\n'), body.validForDays);
      return { import: job };
    }
    if (body.emails !== undefined) throw OrganisationError.InvalidOrganisation([{ field: 'emails', reason: 'only for kind email' }]);
    const code = newSecret(9);
    const [row] = await rowsOf<InvitationRow>(
      this.dataSource,
      `INSERT INTO organisation_invitation (organisation_id, kind, secret_hash, max_uses, expires_at, created_by)
       VALUES ($1, 'link', $2, $3, now() + make_interval(days => $4), $5) RETURNING *`,
      [orgId, hashSecret(code), body.maxUses ?? null, body.validForDays ?? INVITATION_VALID_DAYS, userId],
    );
    return { invitation: view(row), code };
  }

  async revoke(orgId: string, userId: string, invitationId: string): Promise<InvitationView> {
    await requireOrgRole(this.dataSource, orgId, userId, MANAGERS);
    const [row] = await rowsOf<InvitationRow>(
      this.dataSource,
      `UPDATE organisation_invitation SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 AND organisation_id = $2 RETURNING *`,
      [invitationId, orgId],
    );
    if (!row) throw OrganisationError.InvitationNotFound([{ field: 'invitationId', reason: 'no invitation of this organisation has this id' }]);
    return view(row);
  }

  async importCsv(orgId: string, userId: string, csv: string): Promise<ImportJobView> {
    await requireOrgRole(this.dataSource, orgId, userId, MANAGERS);
    return this.runImport(orgId, userId, csv);
  }

  async getImport(orgId: string, userId: string, importId: string): Promise<ImportJobView> {
    await requireOrgRole(this.dataSource, orgId, userId, MANAGERS);
    const job = await findImport(this.dataSource, orgId, importId);
    if (!job) throw OrganisationError.ImportNotFound([{ field: 'importId', reason: 'no import of this organisation has this id' }]);
    return job;
  }

  private async runImport(orgId: string, userId: string, csv: string, validForDays?: number): Promise<ImportJobView> {
    const [org] = await rowsOf<{ name: string }>(this.dataSource, `SELECT name FROM organisation WHERE id = $1`, [orgId]);
    return importEmails(this.dataSource, this.mail, { orgId, actorId: userId, organisationName: org.name, csv, validForDays });
  }

  /** What the person is invited to, before they accept. */
  async preview(token: string): Promise<InvitationPreview> {
    const [row] = await rowsOf<InvitationRow & { name: string; org_kind: InvitationPreview['organisationKind'] }>(
      this.dataSource,
      `SELECT i.*, o.name, o.kind AS org_kind FROM organisation_invitation i JOIN organisation o ON o.id = i.organisation_id
        WHERE i.secret_hash = $1 AND ${USABLE.replace(/(revoked_at|expires_at|max_uses|uses)/g, 'i.$1')}`,
      [hashSecret(token)],
    );
    if (!row) throw OrganisationError.InvitationNotFound([{ field: 'token', reason: 'unknown, expired, revoked or used' }]);
    return { organisationName: row.name, organisationKind: row.org_kind, kind: row.kind, email: row.email, expiresAt: iso(row.expires_at) as string };
  }

  /**
   * The signed-in person accepts: they become a member (once: the membership's primary key), with their choice about
   * sharing their individual progress. An e-mail invitation is for its address only, and single-use.
   */
  async accept(userId: string, token: string, shareProgress: boolean): Promise<MyOrganisation> {
    const orgId = await this.dataSource.transaction(async (manager: EntityManager) => {
      const [row] = await rowsOf<InvitationRow>(
        manager,
        `SELECT * FROM organisation_invitation WHERE secret_hash = $1 AND ${USABLE} FOR UPDATE`,
        [hashSecret(token)],
      );
      if (!row) throw OrganisationError.InvitationNotFound([{ field: 'token', reason: 'unknown, expired, revoked or used' }]);
      if (row.kind === 'email') {
        const [me] = await rowsOf<{ email: string | null }>(manager, `SELECT email FROM app_user WHERE id = $1`, [userId]);
        if (me?.email !== row.email) throw OrganisationError.InvitationForAnotherAddress([{ field: 'token', reason: 'sign in with the address this invitation was sent to' }]);
      }
      const joined = await rowsOf<{ user_id: string }>(
        manager,
        `INSERT INTO organisation_member (organisation_id, user_id, role, progress_shared_at) VALUES ($1, $2, 'member', CASE WHEN $3 THEN now() END)
         ON CONFLICT ON CONSTRAINT pk_organisation_member DO NOTHING RETURNING user_id`,
        [row.organisation_id, userId, shareProgress],
      );
      if (joined[0]) {
        await manager.query(
          `UPDATE organisation_invitation SET uses = uses + 1, accepted_at = CASE WHEN kind = 'email' THEN now() ELSE accepted_at END WHERE id = $1`,
          [row.id],
        );
        await this.audit.record(manager, { actorId: userId, action: 'organisation.joined', targetType: 'organisation', targetId: row.organisation_id, details: { invitationId: row.id } });
      }
      return row.organisation_id;
    });
    return this.members.setConsent(orgId, userId, shareProgress);
  }
}
