import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Role } from '@academie/contracts';
import { AuditService, type AuthenticatedUser } from '@academie/server-identity';

/** Who acts on the catalogue: the authenticated person. */
export interface Actor {
  userId: string;
  roles: readonly Role[];
}

export const actorOf = (user: AuthenticatedUser): Actor => ({ userId: user.id, roles: user.roles });

/** The audit log entry of a catalogue change, recorded in the change's transaction (identity's AuditService). */
@Injectable()
export class AuditTrail {
  constructor(private readonly audit: AuditService) {}

  async record(
    manager: EntityManager,
    actor: Actor | null,
    action: string,
    targetType: string,
    targetId: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await this.audit.record(manager, { actorId: actor?.userId ?? null, action, targetType, targetId, details });
  }
}
