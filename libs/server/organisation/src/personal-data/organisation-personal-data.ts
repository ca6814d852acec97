import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PersonalDataRegistry } from '@academie/server-identity';
import { day, iso, rowsOf } from '../sql';

/**
 * What the organisation context holds about a person: their memberships (organisation, role, date joined), their
 * consent to share individual progress with each, their cohort places, invitations sent to their address, the due-date
 * reminders sent to them, and the organisations, invitations and imports they created as an organisation's admin.
 * Erasure removes memberships (with consents and cohort places), the invitations to their address and the reminders
 * (their e-mails are the mail context's), and unlinks them from what they created (the organisation's own records stay).
 */
@Injectable()
export class OrganisationPersonalData implements OnModuleInit {
  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register({
      context: 'organisation',
      describe:
        'Les organisations dont vous êtes membre, votre rôle et la date à laquelle vous les avez rejointes, votre accord (ou non) pour que chacune voie votre progression individuelle et sa date, les groupes dont vous faites partie, les invitations envoyées à votre adresse, les rappels d’échéance qui vous ont été envoyés, et ce que vous avez créé pour une organisation (l’organisation elle-même, des invitations, des imports). À l’effacement, tout cela est supprimé, ou détaché de vous quand il appartient à l’organisation.',
      export: (userId, manager) => this.export(userId, manager),
      erase: (userId, manager) => this.erase(userId, manager),
    });
  }

  private async export(userId: string, manager: EntityManager): Promise<unknown> {
    const memberships = await rowsOf<{ organisation_id: string; name: string; role: string; joined_at: Date; progress_shared_at: Date | null }>(
      manager,
      `SELECT m.organisation_id, o.name, m.role, m.joined_at, m.progress_shared_at
         FROM organisation_member m JOIN organisation o ON o.id = m.organisation_id WHERE m.user_id = $1 ORDER BY m.joined_at`,
      [userId],
    );
    const cohorts = await rowsOf<{ cohort_id: string; name: string; organisation_id: string; added_at: Date }>(
      manager,
      `SELECT cm.cohort_id, c.name, cm.organisation_id, cm.added_at FROM organisation_cohort_member cm JOIN organisation_cohort c ON c.id = cm.cohort_id
        WHERE cm.user_id = $1 ORDER BY cm.added_at`,
      [userId],
    );
    const invitations = await rowsOf<{ organisation_id: string; created_at: Date; accepted_at: Date | null }>(
      manager,
      `SELECT i.organisation_id, i.created_at, i.accepted_at FROM organisation_invitation i JOIN app_user u ON u.email = i.email
        WHERE u.id = $1 ORDER BY i.created_at`,
      [userId],
    );
    const reminders = await rowsOf<{ organisation_id: string; course_title: string; due_on: string | Date; days_before: number; sent_at: Date }>(
      manager,
      `SELECT r.organisation_id, a.course_title, r.due_on, r.days_before, r.sent_at
         FROM organisation_assignment_reminder r JOIN organisation_assignment a ON a.id = r.assignment_id
        WHERE r.user_id = $1 ORDER BY r.sent_at, r.assignment_id`,
      [userId],
    );
    const [created] = await rowsOf<{ organisations: string[]; invitations: number; imports: number }>(
      manager,
      `SELECT ARRAY(SELECT id::text FROM organisation WHERE created_by = $1 ORDER BY created_at, id) AS organisations,
              (SELECT count(*)::int FROM organisation_invitation WHERE created_by = $1) AS invitations,
              (SELECT count(*)::int FROM organisation_import WHERE created_by = $1) AS imports`,
      [userId],
    );
    return {
      memberships: memberships.map((m) => ({
        organisationId: m.organisation_id,
        organisationName: m.name,
        role: m.role,
        joinedAt: iso(m.joined_at),
        progressSharedSince: iso(m.progress_shared_at),
      })),
      cohorts: cohorts.map((c) => ({ cohortId: c.cohort_id, name: c.name, organisationId: c.organisation_id, addedAt: iso(c.added_at) })),
      invitations: invitations.map((i) => ({ organisationId: i.organisation_id, createdAt: iso(i.created_at), acceptedAt: iso(i.accepted_at) })),
      reminders: reminders.map((r) => ({
        organisationId: r.organisation_id,
        courseTitle: r.course_title,
        dueOn: day(r.due_on),
        daysBefore: r.days_before,
        sentAt: iso(r.sent_at),
      })),
      created: { organisationIds: created.organisations, invitations: created.invitations, imports: created.imports },
    };
  }

  private async erase(userId: string, manager: EntityManager): Promise<void> {
    // Before the identity context clears the address: invitations are found by it.
    await manager.query(`DELETE FROM organisation_invitation i USING app_user u WHERE u.id = $1 AND i.email = u.email`, [userId]);
    await manager.query(`DELETE FROM organisation_member WHERE user_id = $1`, [userId]);
    await manager.query(`DELETE FROM organisation_assignment_reminder WHERE user_id = $1`, [userId]);
    // What they created belongs to the organisation: kept, no longer tied to them.
    await manager.query(`UPDATE organisation SET created_by = NULL WHERE created_by = $1`, [userId]);
    await manager.query(`UPDATE organisation_invitation SET created_by = NULL WHERE created_by = $1`, [userId]);
    await manager.query(`UPDATE organisation_import SET created_by = NULL WHERE created_by = $1`, [userId]);
  }
}
