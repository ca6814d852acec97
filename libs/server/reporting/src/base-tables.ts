// The reporting context's reads of other contexts' tables, all in this file and in reconcile/reconcile.sql.ts.
// Writers (the outbox subscriber) read a person's current profile when it first counts them; the reconciliation
// recomputes every figure from the base tables. KPI reads (the ministry's routes) never come here.
import type { EntityManager } from 'typeorm';

export interface LearnerProfile {
  audience: string | null;
  region: string | null;
  sector: string | null;
  staff_band: string | null;
  siren: string | null;
}

/**
 * The coarse profile of an account (kept after an erasure, SIREN excepted), in the caller's transaction; null when no
 * account has this id. Identity documents these columns as stored for the KPIs (`app_user.audience`).
 */
export async function readLearnerProfile(manager: Pick<EntityManager, 'query'>, userId: string): Promise<LearnerProfile | null> {
  const [row] = (await manager.query(`SELECT audience, region, sector, staff_band, siren FROM app_user WHERE id = $1`, [userId])) as LearnerProfile[];
  return row ?? null;
}

/** A course's title as its latest published version gives it (the labels of the breakdown by course). */
export async function readCourseTitle(manager: Pick<EntityManager, 'query'>, courseId: string): Promise<string | null> {
  const [row] = (await manager.query(
    `SELECT v.title FROM course c JOIN course_version v ON v.id = c.current_version_id WHERE c.id = $1`,
    [courseId],
  )) as { title: string }[];
  return row?.title ?? null;
}

/**
 * The companies a person belongs to through organisations (organisation context): the SIREN of each organisation of kind
 * `entreprise` they are a member of (Luhn-checked when the organisation was created), with its size band.
 */
export async function readMemberCompanies(manager: Pick<EntityManager, 'query'>, userId: string): Promise<{ siren: string; staff_band: string | null }[]> {
  return (await manager.query(
    `SELECT DISTINCT ON (o.siren) o.siren, o.staff_band
       FROM organisation_member m JOIN organisation o ON o.id = m.organisation_id
      WHERE m.user_id = $1 AND o.kind = 'entreprise' AND o.siren IS NOT NULL
      ORDER BY o.siren, o.created_at, o.id`,
    [userId],
  )) as { siren: string; staff_band: string | null }[];
}
