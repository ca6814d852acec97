import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type MeResponse, type OutboxEventPayloads, type Profile, type ProfileUpdate, deriveAudience } from '@academie/contracts';
import { OutboxService } from '@academie/server-outbox';
import { IdentityError } from '../identity.errors';
import { type UserViewRow, findUserView, toMe } from '../user/user-view';

const COLUMNS: Record<keyof Profile, string> = {
  status: 'status',
  staffBand: 'staff_band',
  region: 'region',
  sector: 'sector',
  siren: 'siren',
};

/** The person's own account and learner profile. Values were validated against the reference lists by the DTO. */
@Injectable()
export class ProfileService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async me(userId: string): Promise<MeResponse> {
    const view = await findUserView(this.dataSource, userId);
    if (!view) throw IdentityError.InvalidAccessToken();
    return toMe(view);
  }

  /**
   * Applies the fields present (`null` clears one) and stores the audience derived from the result, in one statement;
   * when something changed, `profile.changed` (the names of the fields, never their values) in the same transaction.
   */
  async update(userId: string, update: ProfileUpdate): Promise<MeResponse> {
    return this.dataSource.transaction(async (manager) => {
      const current = await findUserView(manager, userId);
      if (!current) throw IdentityError.InvalidAccessToken();
      const next: Profile = {
        status: current.status,
        staffBand: current.staff_band,
        region: current.region,
        sector: current.sector,
        siren: current.siren,
      };
      for (const key of Object.keys(COLUMNS) as (keyof Profile)[]) {
        if (update[key] !== undefined) (next as unknown as Record<string, unknown>)[key] = update[key];
      }
      const audience = deriveAudience(next);
      await manager.query(
        `UPDATE app_user SET status = $2, staff_band = $3, region = $4, sector = $5, siren = $6, audience = $7, updated_at = now()
          WHERE id = $1`,
        [userId, next.status, next.staffBand, next.region, next.sector, next.siren, audience],
      );
      const changed = (Object.keys(COLUMNS) as (keyof Profile)[]).filter((key) => next[key] !== current[COLUMNS[key] as keyof UserViewRow]);
      if (audience !== current.audience) changed.push('audience' as keyof Profile);
      if (changed.length > 0) {
        await this.outbox.record(manager, 'profile.changed', {
          userId,
          changed: changed as OutboxEventPayloads['profile.changed']['changed'],
          changedAt: new Date().toISOString(),
        });
      }
      const view = (await findUserView(manager, userId)) as UserViewRow;
      return toMe(view);
    });
  }
}
