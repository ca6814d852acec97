import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type MyOrganisation, type OrganisationView, isValidSiren, isValidSiret } from '@academie/contracts';
import { AuditService } from '@academie/server-identity';
import type { CreateOrganisationDto } from '../dto/organisation.dto';
import { OrganisationError } from '../organisation.errors';
import { iso, rowsOf } from '../sql';
import { MANAGERS, requireOrgRole } from './organisation-access';

interface OrganisationRow {
  id: string;
  kind: OrganisationView['kind'];
  name: string;
  siren: string | null;
  siret: string | null;
  staff_band: OrganisationView['staffBand'];
  region: OrganisationView['region'];
  sector: OrganisationView['sector'];
  created_at: Date;
  role: OrganisationView['myRole'];
  member_count: number;
}

@Injectable()
export class OrganisationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Creates the organisation; its creator becomes its first organisation admin, in the same transaction. */
  async create(userId: string, body: CreateOrganisationDto): Promise<OrganisationView> {
    const siret = body.siret?.replace(/\s/g, '') || null;
    let siren = body.siren?.replace(/\s/g, '') || null;
    const problems: { field: string; reason: string }[] = [];
    if (siret !== null && !isValidSiret(siret)) problems.push({ field: 'siret', reason: 'must be 14 digits with a valid Luhn checksum' });
    if (siren !== null && !isValidSiren(siren)) problems.push({ field: 'siren', reason: 'must be 9 digits with a valid Luhn checksum' });
    if (siret !== null && siren !== null && problems.length === 0 && siret.slice(0, 9) !== siren) {
      problems.push({ field: 'siret', reason: 'must begin with the SIREN' });
    }
    if (siret !== null && siren === null && isValidSiret(siret)) {
      siren = siret.slice(0, 9);
      if (!isValidSiren(siren)) problems.push({ field: 'siret', reason: 'its first 9 digits must be a valid SIREN' });
    }
    if (problems.length) throw OrganisationError.InvalidOrganisation(problems);
    const id = await this.dataSource.transaction(async (manager) => {
      const [row] = await rowsOf<{ id: string }>(
        manager,
        `INSERT INTO organisation (kind, name, siren, siret, staff_band, region, sector, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [body.kind, body.name.trim(), siren, siret, body.staffBand ?? null, body.region ?? null, body.sector ?? null, userId],
      );
      await manager.query(`INSERT INTO organisation_member (organisation_id, user_id, role) VALUES ($1, $2, 'org_admin')`, [row.id, userId]);
      await this.audit.record(manager, { actorId: userId, action: 'organisation.created', targetType: 'organisation', targetId: row.id });
      return row.id;
    });
    return this.get(id, userId);
  }

  async get(orgId: string, userId: string): Promise<OrganisationView> {
    await requireOrgRole(this.dataSource, orgId, userId, [...MANAGERS, 'member']);
    const [row] = await rowsOf<OrganisationRow>(
      this.dataSource,
      `SELECT o.*, m.role, (SELECT count(*)::int FROM organisation_member x WHERE x.organisation_id = o.id) AS member_count
         FROM organisation o JOIN organisation_member m ON m.organisation_id = o.id AND m.user_id = $2 WHERE o.id = $1`,
      [orgId, userId],
    );
    return {
      id: row.id,
      kind: row.kind,
      name: row.name,
      siren: row.siren,
      siret: row.siret,
      staffBand: row.staff_band,
      region: row.region,
      sector: row.sector,
      createdAt: iso(row.created_at) as string,
      myRole: row.role,
      memberCount: row.member_count,
    };
  }

  async mine(userId: string): Promise<MyOrganisation[]> {
    const rows = await rowsOf<{ id: string; name: string; kind: MyOrganisation['kind']; role: MyOrganisation['role']; joined_at: Date; progress_shared_at: Date | null }>(
      this.dataSource,
      `SELECT o.id, o.name, o.kind, m.role, m.joined_at, m.progress_shared_at
         FROM organisation_member m JOIN organisation o ON o.id = m.organisation_id WHERE m.user_id = $1 ORDER BY m.joined_at, o.id`,
      [userId],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      role: r.role,
      joinedAt: iso(r.joined_at) as string,
      progressShared: r.progress_shared_at !== null,
    }));
  }
}
