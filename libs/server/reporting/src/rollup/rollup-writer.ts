import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxEventPayloads } from '@academie/contracts';
import type { OutboxBatch } from '@academie/server-outbox';
import { type CellAttributes, UNKNOWN, attributesOf, companyCategory, parisDay, parisMonth, sameAttributes } from '../dims';
import { readCourseTitle, readLearnerProfile, readMemberCompanies } from '../base-tables';
import { type CellDelta, applyCellDeltas } from './cell-deltas';

interface LearnerRow {
  user_id: string;
  audience: string;
  region: string;
  sector: string;
  company_size: string;
  first_enrollment_id: string | null;
  first_enrolled_at: Date | null;
  first_course_id: string | null;
  last_activity_day: string | null;
}

interface TrainedRow {
  certificate_id: string;
  course_id: string;
  trained_at: Date;
  audience: string;
  region: string;
  sector: string;
  company_size: string;
  company_category: string | null;
  siren: string | null;
}

interface LearnersOfBatch {
  rows: Map<string, LearnerRow>;
  moved: Set<string>;
}

const LEARNER = `user_id, audience, region, sector, company_size, first_enrollment_id, first_enrolled_at, first_course_id,
  last_activity_day::text AS last_activity_day`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function check<T>(type: string, payload: unknown, uuids: string[], dates: string[], extra: (p: Record<string, unknown>) => string[] = () => []): T {
  const p = (payload ?? {}) as Record<string, unknown>;
  const problems = [
    ...uuids.filter((f) => typeof p[f] !== 'string' || !UUID.test(p[f] as string)).map((f) => `${f} must be a UUID`),
    ...dates.filter((f) => typeof p[f] !== 'string' || Number.isNaN(Date.parse(p[f] as string))).map((f) => `${f} must be an ISO date`),
    ...extra(p),
  ];
  if (problems.length) throw new Error(`invalid ${type} payload: ${problems.join(', ')}`);
  return p as T;
}

/** `(at, id)` strictly before `(otherAt, otherId)`: the order that decides which fact is a person's first. */
const before = (at: Date, id: string, otherAt: Date, otherId: string): boolean =>
  at.getTime() < otherAt.getTime() || (at.getTime() === otherAt.getTime() && id < otherId);

/**
 * Applies one outbox event to the KPI rollups, inside the transaction that records its delivery to the `reporting`
 * subscriber: its effect commits with that record or not at all, so it counts exactly once. Each method first locks
 * the learner's `kpi_learner` row: two events of one person are applied one after the other, in any order.
 *
 * With a batch (several events delivered in one transaction), the deltas of the shared counters — `kpi_cell` (26 rows
 * per fact, the same few rows for every learner of a month and course) and `kpi_activity_day` — are added up over
 * the batch and written once at its end, one upsert per row in key order; a course's title is upserted once per
 * batch. The counters are only ever added to, never read here, so the sums are what the events one by one would give.
 * A learner's row, once locked in the batch, is kept in memory for its other events (the same lock), and its last
 * activity day is written once at the end; every other change to the row is written at once and copied to it.
 */
@Injectable()
export class RollupWriter {
  async enrollmentCreated(manager: EntityManager, payload: unknown, batch?: OutboxBatch): Promise<void> {
    const e = check<OutboxEventPayloads['enrollment.created']>('enrollment.created', payload, ['enrollmentId', 'userId', 'courseId'], ['enrolledAt']);
    const learner = await this.lockLearner(manager, e.userId, batch);
    if (!learner) return;
    const inserted = (await manager.query(
      `INSERT INTO kpi_enrollment (enrollment_id, user_id, course_id, enrolled_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT pk_kpi_enrollment DO NOTHING RETURNING enrollment_id`,
      [e.enrollmentId, e.userId, e.courseId, e.enrolledAt],
    )) as unknown[];
    if (inserted.length === 0) return; // counted already
    const attrs = attributesOf(learner);
    const enrolledAt = new Date(e.enrolledAt);
    const deltas: CellDelta[] = [{ ...attrs, month: parisMonth(enrolledAt), courseId: e.courseId, enrollments: 1 }];
    const first = learner.first_enrolled_at;
    if (!first || before(enrolledAt, e.enrollmentId, first, learner.first_enrollment_id as string)) {
      if (first) deltas.push({ ...attrs, month: parisMonth(first), courseId: learner.first_course_id as string, newLearners: -1 });
      deltas.push({ ...attrs, month: parisMonth(enrolledAt), courseId: e.courseId, newLearners: 1 });
      await manager.query(
        `UPDATE kpi_learner SET first_enrollment_id = $2, first_enrolled_at = $3, first_course_id = $4, updated_at = now() WHERE user_id = $1`,
        [e.userId, e.enrollmentId, enrolledAt, e.courseId],
      );
      Object.assign(learner, { first_enrollment_id: e.enrollmentId, first_enrolled_at: enrolledAt, first_course_id: e.courseId });
    }
    await this.rememberCourse(manager, e.courseId, batch);
    await this.touchActivity(manager, learner, enrolledAt, batch);
    await this.addCells(manager, deltas, batch);
  }

  async courseCompleted(manager: EntityManager, payload: unknown, batch?: OutboxBatch): Promise<void> {
    const e = check<OutboxEventPayloads['course.completed']>('course.completed', payload, ['enrollmentId', 'userId', 'courseId'], ['completedAt']);
    const learner = await this.lockLearner(manager, e.userId, batch);
    if (!learner) return;
    const completedAt = new Date(e.completedAt);
    const [{ completed }] = (await manager.query(
      `WITH completed AS (UPDATE kpi_enrollment SET completed_at = $2 WHERE enrollment_id = $1 AND completed_at IS NULL RETURNING 1)
       SELECT count(*)::int AS completed FROM completed`,
      [e.enrollmentId, completedAt],
    )) as { completed: number }[];
    if (completed === 0) {
      const [counted] = (await manager.query(`SELECT 1 FROM kpi_enrollment WHERE enrollment_id = $1`, [e.enrollmentId])) as unknown[];
      // Delivered before its enrollment.created (a retry, a worker down): fail, the delivery is retried once that one is counted.
      if (!counted) throw new Error(`course.completed before enrollment.created was counted (enrollment ${e.enrollmentId})`);
      return; // counted already
    }
    await this.touchActivity(manager, learner, completedAt, batch);
    await this.addCells(manager, [{ ...attributesOf(learner), month: parisMonth(completedAt), courseId: e.courseId, completions: 1 }], batch);
  }

  async certificateIssued(manager: EntityManager, payload: unknown, batch?: OutboxBatch): Promise<void> {
    const e = check<OutboxEventPayloads['certificate.issued']>(
      'certificate.issued',
      payload,
      ['certificateId', 'userId', 'courseId'],
      ['issuedAt'],
      (p) => (typeof p.countsTowardGoal === 'boolean' ? [] : ['countsTowardGoal must be a boolean']),
    );
    const learner = await this.lockLearner(manager, e.userId, batch);
    if (!learner) return;
    const inserted = (await manager.query(
      `INSERT INTO kpi_certificate (certificate_id, user_id, course_id, issued_at, counts_toward_goal) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT pk_kpi_certificate DO NOTHING RETURNING certificate_id`,
      [e.certificateId, e.userId, e.courseId, e.issuedAt, e.countsTowardGoal],
    )) as unknown[];
    if (inserted.length === 0) return; // counted already
    const issuedAt = new Date(e.issuedAt);
    const month = parisMonth(issuedAt);
    const deltas: CellDelta[] = [{ ...attributesOf(learner), month, courseId: e.courseId, certificates: 1 }];
    await this.rememberCourse(manager, e.courseId, batch);
    await this.touchActivity(manager, learner, issuedAt, batch);
    if (e.countsTowardGoal) deltas.push(...(await this.trainedBy(manager, e.userId, e.certificateId, e.courseId, issuedAt)));
    await this.addCells(manager, deltas, batch);
  }

  /**
   * A profile change moves the learner's counted enrollments, completions, certificates and first enrollment to their
   * current attributes (the trained person stays frozen). The profile is re-read, so the events of several changes
   * converge on the latest profile in any order.
   */
  async profileChanged(manager: EntityManager, payload: unknown, batch?: OutboxBatch): Promise<void> {
    const e = check<OutboxEventPayloads['profile.changed']>('profile.changed', payload, ['userId'], ['changedAt']);
    const [learner] = (await manager.query(`SELECT ${LEARNER} FROM kpi_learner WHERE user_id = $1 FOR UPDATE`, [e.userId])) as LearnerRow[];
    if (!learner) return; // nothing counted yet: the first fact will read the profile
    const profile = await readLearnerProfile(manager, e.userId);
    if (!profile) return;
    const before = attributesOf(learner);
    const after = attributesOf(profile);
    if (sameAttributes(before, after)) return;
    const enrollments = (await manager.query(`SELECT course_id, enrolled_at, completed_at FROM kpi_enrollment WHERE user_id = $1`, [
      e.userId,
    ])) as { course_id: string; enrolled_at: Date; completed_at: Date | null }[];
    const certificates = (await manager.query(`SELECT course_id, issued_at FROM kpi_certificate WHERE user_id = $1`, [e.userId])) as {
      course_id: string;
      issued_at: Date;
    }[];
    const deltas: CellDelta[] = [];
    const move = (attrs: CellAttributes, sign: number) => {
      for (const en of enrollments) {
        deltas.push({ ...attrs, month: parisMonth(en.enrolled_at), courseId: en.course_id, enrollments: sign });
        if (en.completed_at) deltas.push({ ...attrs, month: parisMonth(en.completed_at), courseId: en.course_id, completions: sign });
      }
      for (const c of certificates) deltas.push({ ...attrs, month: parisMonth(c.issued_at), courseId: c.course_id, certificates: sign });
      if (learner.first_enrolled_at) {
        deltas.push({ ...attrs, month: parisMonth(learner.first_enrolled_at), courseId: learner.first_course_id as string, newLearners: sign });
      }
    };
    move(before, -1);
    move(after, 1);
    await manager.query(
      `UPDATE kpi_learner SET audience = $2, region = $3, sector = $4, company_size = $5, updated_at = now() WHERE user_id = $1`,
      [e.userId, after.audience, after.region, after.sector, after.companySize],
    );
    const kept = this.learners(manager, batch)?.rows.get(e.userId);
    if (kept) Object.assign(kept, { audience: after.audience, region: after.region, sector: after.sector, company_size: after.companySize });
    await this.addCells(manager, deltas, batch);
  }

  /** An erasure unlinks the SIRENs (profile and organisations) from the trained person; every count stays as it was. */
  async userErased(manager: EntityManager, payload: unknown): Promise<void> {
    const e = check<OutboxEventPayloads['user.erased']>('user.erased', payload, ['userId'], ['erasedAt']);
    await manager.query(`UPDATE kpi_trained_person SET siren = NULL WHERE user_id = $1 AND siren IS NOT NULL`, [e.userId]);
    await manager.query(`UPDATE kpi_trained_company SET user_id = NULL WHERE user_id = $1`, [e.userId]);
  }

  /** A batch's learner rows, locked by it, and those whose last activity day it moved (written at its end). */
  private learners(manager: EntityManager, batch?: OutboxBatch): LearnersOfBatch | undefined {
    return batch?.shared('reporting:kpi_learner', () => ({ rows: new Map<string, LearnerRow>(), moved: new Set<string>() }), (kept) =>
      writeLastActivityDays(manager, kept),
    );
  }

  /**
   * The learner's row, created from their current profile with their first fact, locked until the commit; in a batch,
   * the row read by an earlier event of the batch (locked by the same transaction).
   */
  private async lockLearner(manager: EntityManager, userId: string, batch?: OutboxBatch): Promise<LearnerRow | null> {
    const kept = this.learners(manager, batch);
    const known = kept?.rows.get(userId);
    if (known) return known;
    const row = await this.readAndLockLearner(manager, userId);
    if (row) kept?.rows.set(userId, row);
    return row;
  }

  private async readAndLockLearner(manager: EntityManager, userId: string): Promise<LearnerRow | null> {
    let [row] = (await manager.query(`SELECT ${LEARNER} FROM kpi_learner WHERE user_id = $1 FOR UPDATE`, [userId])) as LearnerRow[];
    if (row) return row;
    // No such account: nothing a KPI could count (the base tables' foreign keys make it an event written by hand).
    const profile = await readLearnerProfile(manager, userId);
    if (!profile) return null;
    const attrs = attributesOf(profile);
    await manager.query(
      `INSERT INTO kpi_learner (user_id, audience, region, sector, company_size) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT pk_kpi_learner DO NOTHING`,
      [userId, attrs.audience, attrs.region, attrs.sector, attrs.companySize],
    );
    [row] = (await manager.query(`SELECT ${LEARNER} FROM kpi_learner WHERE user_id = $1 FOR UPDATE`, [userId])) as LearnerRow[];
    return row ?? null;
  }

  /** Moves the learner to the day of this activity when it is their latest (`kpi_activity_day` counts learners by last day). */
  private async touchActivity(manager: EntityManager, learner: LearnerRow, at: Date, batch?: OutboxBatch): Promise<void> {
    const day = parisDay(at);
    const last = learner.last_activity_day;
    if (last && last >= day) return;
    const kept = this.learners(manager, batch);
    if (kept?.rows.get(learner.user_id) === learner) kept.moved.add(learner.user_id);
    else await manager.query(`UPDATE kpi_learner SET last_activity_day = $2 WHERE user_id = $1`, [learner.user_id, day]);
    learner.last_activity_day = day;
    const moves = new Map<string, number>(last ? [[last, -1], [day, 1]] : [[day, 1]]);
    if (!batch) return addActivityDays(manager, moves);
    const days = batch.shared('reporting:kpi_activity_day', () => new Map<string, number>(), (all) => addActivityDays(manager, all));
    for (const [d, amount] of moves) days.set(d, (days.get(d) ?? 0) + amount);
  }

  /** Adds the deltas to `kpi_cell` now, or, in a batch, to the batch's sums written at its end. */
  private async addCells(manager: EntityManager, deltas: CellDelta[], batch?: OutboxBatch): Promise<void> {
    if (!batch) {
      await applyCellDeltas(manager, deltas);
      return;
    }
    const all = batch.shared('reporting:kpi_cell', () => [] as CellDelta[], async (sums) => void (await applyCellDeltas(manager, sums)));
    all.push(...deltas);
  }

  /**
   * The trained fact: created, frozen, at the person's first certificate on a course that counts toward the goal;
   * moved (month and course only) when an earlier such certificate is applied after a later one.
   */
  private async trainedBy(manager: EntityManager, userId: string, certificateId: string, courseId: string, issuedAt: Date): Promise<CellDelta[]> {
    const [current] = (await manager.query(`SELECT * FROM kpi_trained_person WHERE user_id = $1 FOR UPDATE`, [userId])) as TrainedRow[];
    const month = parisMonth(issuedAt);
    if (!current) {
      const profile = await readLearnerProfile(manager, userId);
      if (!profile) throw new Error(`certificate.issued for an unknown account ${userId}`);
      const attrs = attributesOf(profile);
      const siren = profile.siren;
      const category = siren ? companyCategory(profile.staff_band, profile.audience) : null;
      await manager.query(
        `INSERT INTO kpi_trained_person (user_id, certificate_id, course_id, trained_at, audience, region, sector, company_size,
                                         company_category, siren, had_siren)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [userId, certificateId, courseId, issuedAt, attrs.audience, attrs.region, attrs.sector, attrs.companySize, category, siren, siren !== null],
      );
      if (siren) await this.reachCompany(manager, siren, category ?? UNKNOWN, month);
      // The companies of the person's organisations (kind `entreprise` with a SIREN), frozen now like the profile's
      // SIREN; one the profile already names is that same company, counted once.
      for (const company of await readMemberCompanies(manager, userId)) {
        if (company.siren === siren) continue;
        const orgCategory = companyCategory(company.staff_band, null);
        await manager.query(`INSERT INTO kpi_trained_company (user_id, siren, category, trained_at) VALUES ($1, $2, $3, $4)`, [
          userId,
          company.siren,
          orgCategory,
          issuedAt,
        ]);
        await this.reachCompany(manager, company.siren, orgCategory, month);
      }
      return [{ ...attrs, month, courseId, trained: 1 }];
    }
    if (!before(issuedAt, certificateId, current.trained_at, current.certificate_id)) return [];
    await manager.query(`UPDATE kpi_trained_person SET certificate_id = $2, course_id = $3, trained_at = $4 WHERE user_id = $1`, [
      userId,
      certificateId,
      courseId,
      issuedAt,
    ]);
    if (current.siren) await this.reachCompany(manager, current.siren, current.company_category ?? UNKNOWN, month, false);
    const linked = (await manager.query(`SELECT siren, category FROM kpi_trained_company WHERE user_id = $1 ORDER BY siren FOR UPDATE`, [userId])) as {
      siren: string;
      category: string;
    }[];
    await manager.query(`UPDATE kpi_trained_company SET trained_at = $2 WHERE user_id = $1`, [userId, issuedAt]);
    for (const company of linked) await this.reachCompany(manager, company.siren, company.category, month, false);
    const frozen = attributesOf(current);
    return [
      { ...frozen, month: parisMonth(current.trained_at), courseId: current.course_id, trained: -1 },
      { ...frozen, month, courseId, trained: 1 },
    ];
  }

  /** Counts the company once, in the month of its first trained person. `newPerson` false: only an earlier month moves it. */
  private async reachCompany(manager: EntityManager, siren: string, category: string, month: string, newPerson = true): Promise<void> {
    const [existing] = (await manager.query(`SELECT category, first_month::text AS first_month FROM kpi_company WHERE siren = $1 FOR UPDATE`, [
      siren,
    ])) as { category: string; first_month: string }[];
    const counts: [string, string, number][] = [];
    if (!existing) {
      await manager.query(`INSERT INTO kpi_company (siren, category, first_month, persons) VALUES ($1, $2, $3, 1)`, [siren, category, month]);
      counts.push([category, month, 1]);
    } else {
      if (newPerson) await manager.query(`UPDATE kpi_company SET persons = persons + 1 WHERE siren = $1`, [siren]);
      if (month < existing.first_month) {
        await manager.query(`UPDATE kpi_company SET first_month = $2 WHERE siren = $1`, [siren, month]);
        counts.push([existing.category, existing.first_month, -1], [existing.category, month, 1]);
      }
    }
    if (counts.length === 0) return;
    counts.sort((a, b) => (a[1] < b[1] ? -1 : 1));
    await manager.query(
      `INSERT INTO kpi_company_month AS m (category, month, companies)
       SELECT * FROM unnest($1::varchar[], $2::date[], $3::bigint[])
       ON CONFLICT ON CONSTRAINT pk_kpi_company_month DO UPDATE SET companies = m.companies + EXCLUDED.companies`,
      [counts.map((c) => c[0]), counts.map((c) => c[1]), counts.map((c) => c[2])],
    );
  }

  /**
   * The course's title as the catalogue publishes it, for the labels of the breakdown by course: in a batch, once per
   * course at its end. Written only when it differs: an upsert takes the row's lock even when it changes nothing, and
   * every fact of a course would then wait for the transaction of the one before.
   */
  private async rememberCourse(manager: EntityManager, courseId: string, batch?: OutboxBatch): Promise<void> {
    if (!batch) return writeCourseTitles(manager, [courseId]);
    batch.shared('reporting:kpi_course', () => new Set<string>(), (ids) => writeCourseTitles(manager, [...ids].sort())).add(courseId);
  }
}

async function writeCourseTitles(manager: EntityManager, courseIds: string[]): Promise<void> {
  for (const courseId of courseIds) {
    const title = ((await readCourseTitle(manager, courseId)) ?? courseId).slice(0, 200);
    await manager.query(
      `INSERT INTO kpi_course (course_id, title) SELECT $1::uuid, $2::varchar
        WHERE NOT EXISTS (SELECT 1 FROM kpi_course WHERE course_id = $1::uuid AND title = $2::varchar)
       ON CONFLICT ON CONSTRAINT pk_kpi_course DO UPDATE SET title = EXCLUDED.title, updated_at = now()
       WHERE kpi_course.title IS DISTINCT FROM EXCLUDED.title`,
      [courseId, title],
    );
  }
}

/** The last activity day of the batch's learners that moved, one statement (their rows are locked by the batch already). */
async function writeLastActivityDays(manager: EntityManager, { rows, moved }: LearnersOfBatch): Promise<void> {
  const ids = [...moved].sort();
  if (ids.length === 0) return;
  await manager.query(
    `UPDATE kpi_learner AS l SET last_activity_day = v.day FROM unnest($1::uuid[], $2::date[]) AS v(user_id, day) WHERE l.user_id = v.user_id`,
    [ids, ids.map((id) => rows.get(id)!.last_activity_day)],
  );
}

/** Adds learners to (or takes them from) days of `kpi_activity_day`, in day order, one statement. */
async function addActivityDays(manager: EntityManager, moves: Map<string, number>): Promise<void> {
  const rows = [...moves].filter(([, amount]) => amount !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO kpi_activity_day AS a (day, learners) SELECT * FROM unnest($1::date[], $2::bigint[])
     ON CONFLICT ON CONSTRAINT pk_kpi_activity_day DO UPDATE SET learners = a.learners + EXCLUDED.learners`,
    [rows.map(([day]) => day), rows.map(([, amount]) => amount)],
  );
}
