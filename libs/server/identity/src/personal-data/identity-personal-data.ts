import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MailService } from '@academie/server-mail';
import { AuditService } from '../audit/audit.service';
import { SessionService } from '../session/session.service';
import { findUserView, toMe } from '../user/user-view';
import { PersonalDataRegistry } from './personal-data.registry';

/**
 * Declares what the identity context holds about a person (account, profile, roles, SSO links, sessions,
 * audit entries) and the e-mails queued for them by the mail context, which cannot depend on identity.
 */
@Injectable()
export class IdentityPersonalData implements OnModuleInit {
  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      context: 'identity',
      describe:
        'Votre compte (adresse e-mail, nom, prénom), votre profil (statut, taille et secteur de votre employeur, région, SIREN), vos rôles, vos connexions par fournisseur d’identité, vos sessions et le journal des actions qui vous concernent.',
      export: (userId, manager) => this.exportIdentity(userId, manager),
      erase: (userId, manager) => this.eraseIdentity(userId, manager),
    });
    this.registry.register({
      context: 'mail',
      describe: 'Les e-mails que la plateforme vous a envoyés (modèle, adresse, dates), sans leur contenu ni leurs liens.',
      export: (userId, manager) => this.mail.exportFor(userId, manager),
      erase: async (userId, manager) => {
        await this.mail.eraseFor(userId, manager);
      },
    });
  }

  private async exportIdentity(userId: string, manager: EntityManager): Promise<unknown> {
    const view = await findUserView(manager, userId);
    const sso = (await manager.query(
      `SELECT provider, subject, created_at FROM sso_identity WHERE user_id = $1 ORDER BY id`,
      [userId],
    )) as { provider: string; subject: string; created_at: Date }[];
    const sessions = (await manager.query(
      `SELECT created_at, last_used_at, revoked_at, revoked_reason FROM session_family WHERE user_id = $1 ORDER BY created_at`,
      [userId],
    )) as { created_at: Date; last_used_at: Date; revoked_at: Date | null; revoked_reason: string | null }[];
    return {
      account: view ? toMe(view) : null,
      ssoLinks: sso.map((s) => ({ provider: s.provider, subject: s.subject, linkedAt: s.created_at.toISOString() })),
      sessions: sessions.map((s) => ({
        openedAt: s.created_at.toISOString(),
        lastUsedAt: s.last_used_at.toISOString(),
        endedAt: s.revoked_at?.toISOString() ?? null,
        endReason: s.revoked_reason,
      })),
      auditTrail: await this.audit.forPerson(userId, manager),
    };
  }

  /**
   * Name, e-mail, password, SIREN, roles, SSO links and e-mailed tokens go; sessions end. The row stays with its
   * id and its coarse profile (status, staff band, region, sector, audience: no longer linked to anyone), so
   * that anonymous counts stay exact. The audit log keeps the id only.
   */
  private async eraseIdentity(userId: string, manager: EntityManager): Promise<void> {
    await this.sessions.revokeAll(manager, userId, 'erased');
    await manager.query(`DELETE FROM refresh_token WHERE family_id IN (SELECT id FROM session_family WHERE user_id = $1)`, [userId]);
    await manager.query(`DELETE FROM sso_identity WHERE user_id = $1`, [userId]);
    await manager.query(`DELETE FROM user_token WHERE user_id = $1`, [userId]);
    await manager.query(`DELETE FROM user_role WHERE user_id = $1`, [userId]);
    await manager.query(
      `UPDATE app_user SET email = NULL, password_hash = NULL, first_name = '', last_name = '', siren = NULL,
              email_verified_at = NULL, erased_at = now(), updated_at = now()
        WHERE id = $1`,
      [userId],
    );
    await this.audit.record(manager, { actorId: userId, action: 'user.erased', targetType: 'user', targetId: userId });
  }
}
