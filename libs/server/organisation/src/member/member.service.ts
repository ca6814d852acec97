import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { MyOrganisation, OrganisationMemberView, OrganisationRole } from '@academie/contracts';
import { AuditService } from '@academie/server-identity';
import { ADMINS, MANAGERS, requireOrgRole } from '../organisation/organisation-access';
import { OrganisationError } from '../organisation.errors';
import { iso, rowsOf } from '../sql';

@Injectable()
export class MemberService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(orgId: string, userId: string): Promise<OrganisationMemberView[]> {
    await requireOrgRole(this.dataSource, orgId, userId, MANAGERS);
    const rows = await rowsOf<{ user_id: string; first_name: string | null; last_name: string | null; email: string | null; role: OrganisationRole; joined_at: Date; progress_shared_at: Date | null }>(
      this.dataSource,
      `SELECT m.user_id, u.first_name, u.last_name, u.email, m.role, m.joined_at, m.progress_shared_at
         FROM organisation_member m JOIN app_user u ON u.id = m.user_id
        WHERE m.organisation_id = $1 ORDER BY m.joined_at, m.user_id`,
      [orgId],
    );
    return rows.map((r) => ({
      userId: r.user_id,
      firstName: r.first_name ?? '',
      lastName: r.last_name ?? '',
      email: r.email ?? '',
      role: r.role,
      joinedAt: iso(r.joined_at) as string,
      progressShared: r.progress_shared_at !== null,
    }));
  }

  /** An organisation admin changes a member's role; the organisation keeps at least one admin. */
  async changeRole(orgId: string, actorId: string, memberId: string, role: OrganisationRole): Promise<OrganisationMemberView> {
    await this.dataSource.transaction(async (manager) => {
      await requireOrgRole(manager, orgId, actorId, ADMINS);
      await this.lockMembers(manager, orgId);
      const [row] = await rowsOf<{ role: OrganisationRole }>(manager, `SELECT role FROM organisation_member WHERE organisation_id = $1 AND user_id = $2`, [orgId, memberId]);
      if (!row) throw OrganisationError.MemberNotFound([{ field: 'userId', reason: 'is not a member of this organisation' }]);
      if (row.role === 'org_admin' && role !== 'org_admin') await this.keepOneAdmin(manager, orgId, memberId);
      await manager.query(`UPDATE organisation_member SET role = $3 WHERE organisation_id = $1 AND user_id = $2`, [orgId, memberId, role]);
      await this.audit.record(manager, { actorId, action: 'organisation.role_changed', targetType: 'user', targetId: memberId, details: { organisationId: orgId, role } });
    });
    const members = await this.list(orgId, actorId);
    return members.find((m) => m.userId === memberId) as OrganisationMemberView;
  }

  /** An organisation admin removes a member (their cohort places go with the membership). */
  async remove(orgId: string, actorId: string, memberId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await requireOrgRole(manager, orgId, actorId, ADMINS);
      await this.lockMembers(manager, orgId);
      const [row] = await rowsOf<{ role: OrganisationRole }>(manager, `SELECT role FROM organisation_member WHERE organisation_id = $1 AND user_id = $2`, [orgId, memberId]);
      if (!row) throw OrganisationError.MemberNotFound([{ field: 'userId', reason: 'is not a member of this organisation' }]);
      if (row.role === 'org_admin') await this.keepOneAdmin(manager, orgId, memberId);
      await manager.query(`DELETE FROM organisation_member WHERE organisation_id = $1 AND user_id = $2`, [orgId, memberId]);
      await this.audit.record(manager, { actorId, action: 'organisation.member_removed', targetType: 'user', targetId: memberId, details: { organisationId: orgId } });
    });
  }

  /** The person leaves: always possible, even for the last admin (the organisation then has none). */
  async leave(orgId: string, userId: string): Promise<void> {
    const rows = await rowsOf<{ user_id: string }>(
      this.dataSource,
      `DELETE FROM organisation_member WHERE organisation_id = $1 AND user_id = $2 RETURNING user_id`,
      [orgId, userId],
    );
    if (!rows[0]) throw OrganisationError.OrganisationNotFound([{ field: 'orgId', reason: 'you are not a member of an organisation with this id' }]);
  }

  /** The person agrees (or no longer agrees) that the organisation sees their individual progress. */
  async setConsent(orgId: string, userId: string, share: boolean): Promise<MyOrganisation> {
    const rows = await rowsOf<{ user_id: string }>(
      this.dataSource,
      `UPDATE organisation_member SET progress_shared_at = CASE WHEN $3 THEN coalesce(progress_shared_at, now()) END
        WHERE organisation_id = $1 AND user_id = $2 RETURNING user_id`,
      [orgId, userId, share],
    );
    if (!rows[0]) throw OrganisationError.OrganisationNotFound([{ field: 'orgId', reason: 'you are not a member of an organisation with this id' }]);
    const [row] = await rowsOf<{ id: string; name: string; kind: MyOrganisation['kind']; role: OrganisationRole; joined_at: Date; progress_shared_at: Date | null }>(
      this.dataSource,
      `SELECT o.id, o.name, o.kind, m.role, m.joined_at, m.progress_shared_at FROM organisation_member m JOIN organisation o ON o.id = m.organisation_id
        WHERE m.organisation_id = $1 AND m.user_id = $2`,
      [orgId, userId],
    );
    return { id: row.id, name: row.name, kind: row.kind, role: row.role, joinedAt: iso(row.joined_at) as string, progressShared: row.progress_shared_at !== null };
  }

  private async lockMembers(manager: { query(sql: string, p?: unknown[]): Promise<unknown> }, orgId: string): Promise<void> {
    await manager.query(`SELECT id FROM organisation WHERE id = $1 FOR UPDATE`, [orgId]);
  }

  private async keepOneAdmin(manager: { query(sql: string, p?: unknown[]): Promise<unknown> }, orgId: string, leaving: string): Promise<void> {
    const [row] = await rowsOf<{ n: number }>(manager, `SELECT count(*)::int AS n FROM organisation_member WHERE organisation_id = $1 AND role = 'org_admin' AND user_id <> $2`, [orgId, leaving]);
    if (row.n === 0) throw OrganisationError.LastAdmin([{ field: 'userId', reason: 'is the last organisation admin' }]);
  }
}
