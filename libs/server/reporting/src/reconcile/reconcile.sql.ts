// The reconciliation's SQL: every KPI recomputed from the base tables of identity (app_user), learning (enrollment,
// course_completion), certification (certificate), catalogue (course_version) and organisations (organisation_member,
// organisation), into temporary tables of one REPEATABLE READ snapshot, then compared with the rollups.
// Documented in docs/kpi.md (« Réconciliation »).
import { KPI_DIMENSIONS } from '@academie/contracts';
import { ABSENT, ABSENT_COURSE, CELL_MASKS, DIM_BIT, DIM_COLUMN, companyCategorySql, daySql, monthSql } from '../dims';

/** Events carry instants to the millisecond (JavaScript dates): the base tables' are compared at that precision. */
const ms = (column: string): string => `date_trunc('milliseconds', ${column})`;

export const KPI_EVENT_TYPES = ['enrollment.created', 'course.completed', 'certificate.issued', 'profile.changed', 'user.erased'];

/** Events still on their way to the `reporting` subscriber: their facts are left out of the comparison. */
export const PENDING = `
  CREATE TEMP TABLE rc_pending ON COMMIT DROP AS
  SELECT e.type, e.payload->>'enrollmentId' AS enrollment_id, e.payload->>'certificateId' AS certificate_id,
         (e.payload->>'userId')::uuid AS user_id
    FROM outbox_event e
   WHERE e.processed_at IS NULL AND e.type = ANY($1::text[])
     AND NOT EXISTS (SELECT 1 FROM outbox_delivery d WHERE d.event_id = e.id AND d.subscriber = 'reporting' AND d.processed_at IS NOT NULL)`;

export const ENROLLMENTS = `
  CREATE TEMP TABLE rc_enrollment ON COMMIT DROP AS
  SELECT e.id AS enrollment_id, e.user_id, e.course_id, ${ms('e.enrolled_at')} AS enrolled_at,
         CASE WHEN NOT EXISTS (SELECT 1 FROM rc_pending p WHERE p.type = 'course.completed' AND p.enrollment_id = e.id::text)
              THEN ${ms('c.completed_at')} END AS completed_at
    FROM enrollment e
    LEFT JOIN course_completion c ON c.enrollment_id = e.id
   WHERE NOT EXISTS (SELECT 1 FROM rc_pending p WHERE p.type = 'enrollment.created' AND p.enrollment_id = e.id::text)`;

export const CERTIFICATES = `
  CREATE TEMP TABLE rc_certificate ON COMMIT DROP AS
  SELECT c.id AS certificate_id, c.user_id, c.course_id, ${ms('c.issued_at')} AS issued_at, v.counts_toward_goal
    FROM certificate c
    JOIN course_version v ON v.id = c.version_id
   WHERE NOT EXISTS (SELECT 1 FROM rc_pending p WHERE p.type = 'certificate.issued' AND p.certificate_id = c.id::text)`;

/**
 * Every learner with a fact: their current profile (or, while a profile change is on its way, the attributes the
 * rollups hold), first enrollment and last day of activity.
 */
export const LEARNERS = `
  CREATE TEMP TABLE rc_learner ON COMMIT DROP AS
  WITH users AS (SELECT user_id FROM rc_enrollment UNION SELECT user_id FROM rc_certificate),
       first AS (SELECT DISTINCT ON (user_id) user_id, enrollment_id, enrolled_at, course_id
                   FROM rc_enrollment ORDER BY user_id, enrolled_at, enrollment_id),
       activity AS (SELECT user_id, max(day) AS day FROM (
                      SELECT user_id, ${daySql('enrolled_at')} AS day FROM rc_enrollment
                      UNION ALL SELECT user_id, ${daySql('completed_at')} FROM rc_enrollment WHERE completed_at IS NOT NULL
                      UNION ALL SELECT user_id, ${daySql('issued_at')} FROM rc_certificate) a GROUP BY user_id),
       pending AS (SELECT DISTINCT user_id FROM rc_pending WHERE type = 'profile.changed')
  SELECT u.user_id,
         CASE WHEN p.user_id IS NOT NULL AND k.user_id IS NOT NULL THEN k.audience ELSE coalesce(au.audience, '?') END AS audience,
         CASE WHEN p.user_id IS NOT NULL AND k.user_id IS NOT NULL THEN k.region ELSE coalesce(au.region, '?') END AS region,
         CASE WHEN p.user_id IS NOT NULL AND k.user_id IS NOT NULL THEN k.sector ELSE coalesce(au.sector, '?') END AS sector,
         CASE WHEN p.user_id IS NOT NULL AND k.user_id IS NOT NULL THEN k.company_size ELSE coalesce(au.staff_band, '?') END AS company_size,
         f.enrollment_id AS first_enrollment_id, f.enrolled_at AS first_enrolled_at, f.course_id AS first_course_id,
         a.day AS last_activity_day
    FROM users u
    JOIN app_user au ON au.id = u.user_id
    LEFT JOIN kpi_learner k ON k.user_id = u.user_id
    LEFT JOIN pending p ON p.user_id = u.user_id
    LEFT JOIN first f ON f.user_id = u.user_id
    LEFT JOIN activity a ON a.user_id = u.user_id`;

/** Each person's first certificate on a course that counts toward the goal, with the attributes frozen then (or now). */
export const TRAINED = `
  CREATE TEMP TABLE rc_trained ON COMMIT DROP AS
  SELECT t.user_id, t.certificate_id, t.course_id, t.issued_at,
         coalesce(k.audience, au.audience, '?') AS audience, coalesce(k.region, au.region, '?') AS region,
         coalesce(k.sector, au.sector, '?') AS sector, coalesce(k.company_size, au.staff_band, '?') AS company_size,
         CASE WHEN k.user_id IS NOT NULL THEN k.company_category
              WHEN au.siren IS NOT NULL THEN ${companyCategorySql('au.staff_band', 'au.audience')} END AS company_category,
         CASE WHEN k.user_id IS NOT NULL THEN k.siren ELSE au.siren END AS siren,
         CASE WHEN k.user_id IS NOT NULL THEN k.had_siren ELSE au.siren IS NOT NULL END AS had_siren,
         k.user_id IS NOT NULL AS frozen
    FROM (SELECT DISTINCT ON (user_id) user_id, certificate_id, course_id, issued_at
            FROM rc_certificate WHERE counts_toward_goal ORDER BY user_id, issued_at, certificate_id) t
    JOIN app_user au ON au.id = t.user_id
    LEFT JOIN kpi_trained_person k ON k.user_id = t.user_id`;

const measures = (trained: number, certificates: number, enrollments: number, completions: number, newLearners: number) =>
  `${trained} AS trained, ${certificates} AS certificates, ${enrollments} AS enrollments, ${completions} AS completions, ${newLearners} AS new_learners`;

/** The counters, grouped by the same 26 subsets of dimensions as `kpi_cell`. */
export const CELLS = `
  CREATE TEMP TABLE rc_cell ON COMMIT DROP AS
  WITH fact AS (
    SELECT ${monthSql('e.enrolled_at')} AS month, l.audience, l.region, l.sector, l.company_size, e.course_id, ${measures(0, 0, 1, 0, 0)}
      FROM rc_enrollment e JOIN rc_learner l USING (user_id)
    UNION ALL
    SELECT ${monthSql('e.completed_at')}, l.audience, l.region, l.sector, l.company_size, e.course_id, ${measures(0, 0, 0, 1, 0)}
      FROM rc_enrollment e JOIN rc_learner l USING (user_id) WHERE e.completed_at IS NOT NULL
    UNION ALL
    SELECT ${monthSql('c.issued_at')}, l.audience, l.region, l.sector, l.company_size, c.course_id, ${measures(0, 1, 0, 0, 0)}
      FROM rc_certificate c JOIN rc_learner l USING (user_id)
    UNION ALL
    SELECT ${monthSql('l.first_enrolled_at')}, l.audience, l.region, l.sector, l.company_size, l.first_course_id, ${measures(0, 0, 0, 0, 1)}
      FROM rc_learner l WHERE l.first_enrolled_at IS NOT NULL
    UNION ALL
    SELECT ${monthSql('t.issued_at')}, t.audience, t.region, t.sector, t.company_size, t.course_id, ${measures(1, 0, 0, 0, 0)}
      FROM rc_trained t
  )
  SELECT (${KPI_DIMENSIONS.map((d) => `(1 - GROUPING(${DIM_COLUMN[d]})) * ${DIM_BIT[d]}`).join(' + ')})::smallint AS dims,
         month,
         ${KPI_DIMENSIONS.map(
           (d) => `CASE WHEN GROUPING(${DIM_COLUMN[d]}) = 0 THEN ${DIM_COLUMN[d]} ELSE ${d === 'course' ? `'${ABSENT_COURSE}'::uuid` : `'${ABSENT}'`} END AS ${DIM_COLUMN[d]}`,
         ).join(',\n         ')},
         sum(trained)::bigint AS trained, sum(certificates)::bigint AS certificates, sum(enrollments)::bigint AS enrollments,
         sum(completions)::bigint AS completions, sum(new_learners)::bigint AS new_learners
    FROM fact
   GROUP BY GROUPING SETS (${CELL_MASKS.map(
     (mask) => `(month${KPI_DIMENSIONS.filter((d) => mask & DIM_BIT[d]).map((d) => `, ${DIM_COLUMN[d]}`).join('')})`,
   ).join(', ')})`;

export const ACTIVITY = `
  CREATE TEMP TABLE rc_activity ON COMMIT DROP AS
  SELECT last_activity_day AS day, count(*)::bigint AS learners FROM rc_learner WHERE last_activity_day IS NOT NULL GROUP BY 1`;

/** Comparisons: each returns the differing rows as (key, expected, actual), the count of rows compared apart. */
export interface Check {
  name: string;
  compared: string;
  differences: string;
}

/** Links of trained persons to companies: their profile's SIREN (kept counted after an erasure) and their organisations'. */
const LINKED_PERSONS = `((SELECT count(*) FROM kpi_trained_person WHERE had_siren) + (SELECT count(*) FROM kpi_trained_company))`;

const CELL_KEY = `dims, month, audience, region, sector, company_size, course_id`;
const CELL_MEASURES = ['trained', 'certificates', 'enrollments', 'completions', 'new_learners'];

export const CHECKS: Check[] = [
  {
    name: 'enrollment',
    compared: `SELECT count(*) FROM rc_enrollment`,
    differences: `
      SELECT coalesce(e.enrollment_id, k.enrollment_id)::text AS key,
             CASE WHEN e.enrollment_id IS NULL THEN NULL ELSE jsonb_build_object('userId', e.user_id, 'courseId', e.course_id, 'enrolledAt', e.enrolled_at, 'completedAt', e.completed_at) END AS expected,
             CASE WHEN k.enrollment_id IS NULL THEN NULL ELSE jsonb_build_object('userId', k.user_id, 'courseId', k.course_id, 'enrolledAt', k.enrolled_at, 'completedAt', k.completed_at) END AS actual
        FROM rc_enrollment e FULL JOIN kpi_enrollment k ON k.enrollment_id = e.enrollment_id
       WHERE e.enrollment_id IS NULL OR k.enrollment_id IS NULL OR e.user_id <> k.user_id OR e.course_id <> k.course_id
          OR e.enrolled_at <> k.enrolled_at OR e.completed_at IS DISTINCT FROM k.completed_at`,
  },
  {
    name: 'certificate',
    compared: `SELECT count(*) FROM rc_certificate`,
    differences: `
      SELECT coalesce(e.certificate_id, k.certificate_id)::text AS key,
             CASE WHEN e.certificate_id IS NULL THEN NULL ELSE jsonb_build_object('userId', e.user_id, 'courseId', e.course_id, 'issuedAt', e.issued_at, 'countsTowardGoal', e.counts_toward_goal) END,
             CASE WHEN k.certificate_id IS NULL THEN NULL ELSE jsonb_build_object('userId', k.user_id, 'courseId', k.course_id, 'issuedAt', k.issued_at, 'countsTowardGoal', k.counts_toward_goal) END
        FROM rc_certificate e FULL JOIN kpi_certificate k ON k.certificate_id = e.certificate_id
       WHERE e.certificate_id IS NULL OR k.certificate_id IS NULL OR e.user_id <> k.user_id OR e.course_id <> k.course_id
          OR e.issued_at <> k.issued_at OR e.counts_toward_goal <> k.counts_toward_goal`,
  },
  {
    name: 'learner',
    compared: `SELECT count(*) FROM rc_learner`,
    differences: `
      SELECT coalesce(e.user_id, k.user_id)::text AS key,
             CASE WHEN e.user_id IS NULL THEN NULL ELSE jsonb_build_object('audience', e.audience, 'region', e.region, 'sector', e.sector, 'companySize', e.company_size, 'firstEnrollmentId', e.first_enrollment_id, 'lastActivityDay', e.last_activity_day) END,
             CASE WHEN k.user_id IS NULL THEN NULL ELSE jsonb_build_object('audience', k.audience, 'region', k.region, 'sector', k.sector, 'companySize', k.company_size, 'firstEnrollmentId', k.first_enrollment_id, 'lastActivityDay', k.last_activity_day) END
        FROM rc_learner e FULL JOIN kpi_learner k ON k.user_id = e.user_id
       WHERE e.user_id IS NULL OR k.user_id IS NULL OR (e.audience, e.region, e.sector, e.company_size) <> (k.audience, k.region, k.sector, k.company_size)
          OR e.first_enrollment_id IS DISTINCT FROM k.first_enrollment_id OR e.first_enrolled_at IS DISTINCT FROM k.first_enrolled_at
          OR e.first_course_id IS DISTINCT FROM k.first_course_id OR e.last_activity_day IS DISTINCT FROM k.last_activity_day`,
  },
  {
    // The person and the certificate that made them trained; the frozen attributes where the profile has not changed since.
    name: 'trained_person',
    compared: `SELECT count(*) FROM rc_trained`,
    differences: `
      SELECT coalesce(e.user_id, k.user_id)::text AS key,
             CASE WHEN e.user_id IS NULL THEN NULL ELSE jsonb_build_object('certificateId', e.certificate_id, 'courseId', e.course_id, 'trainedAt', e.issued_at,
               'profile', CASE WHEN au.erased_at IS NULL AND au.updated_at <= e.issued_at THEN jsonb_build_object('audience', coalesce(au.audience, '?'), 'region', coalesce(au.region, '?'), 'sector', coalesce(au.sector, '?'), 'companySize', coalesce(au.staff_band, '?'), 'siren', au.siren) END) END,
             CASE WHEN k.user_id IS NULL THEN NULL ELSE jsonb_build_object('certificateId', k.certificate_id, 'courseId', k.course_id, 'trainedAt', k.trained_at,
               'profile', jsonb_build_object('audience', k.audience, 'region', k.region, 'sector', k.sector, 'companySize', k.company_size, 'siren', k.siren)) END
        FROM rc_trained e
        FULL JOIN kpi_trained_person k ON k.user_id = e.user_id
        LEFT JOIN app_user au ON au.id = e.user_id
       WHERE e.user_id IS NULL OR k.user_id IS NULL OR e.certificate_id <> k.certificate_id OR e.course_id <> k.course_id OR e.issued_at <> k.trained_at
          OR (au.erased_at IS NULL AND au.updated_at <= e.issued_at
              AND (coalesce(au.audience, '?'), coalesce(au.region, '?'), coalesce(au.sector, '?'), coalesce(au.staff_band, '?'), coalesce(au.siren, ''))
                  <> (k.audience, k.region, k.sector, k.company_size, coalesce(k.siren, '')))
          OR (au.erased_at IS NOT NULL AND k.siren IS NOT NULL)`,
  },
  {
    // The companies of a trained person's organisations (kind entreprise, with a SIREN) are frozen in kpi_trained_company
    // when the person is counted. Checked against the base tables where they still say it: a membership that began
    // before the person was trained and still holds must be there (unless the profile's SIREN names the same company);
    // a link belongs to a trained person.
    name: 'trained_company',
    compared: `SELECT count(*) FROM kpi_trained_company`,
    differences: `
      SELECT m.user_id || ' ' || o.siren AS key, to_jsonb('linked'::text) AS expected, to_jsonb('missing'::text) AS actual
        FROM kpi_trained_person p
        JOIN organisation_member m ON m.user_id = p.user_id AND m.joined_at <= p.trained_at
        JOIN organisation o ON o.id = m.organisation_id AND o.kind = 'entreprise' AND o.siren IS NOT NULL
       WHERE o.siren IS DISTINCT FROM p.siren
         AND NOT EXISTS (SELECT 1 FROM kpi_trained_company c WHERE c.user_id = p.user_id AND c.siren = o.siren)
      UNION ALL
      SELECT c.user_id || ' ' || c.siren, to_jsonb('a trained person, not their profile''s SIREN'::text), to_jsonb('not so'::text)
        FROM kpi_trained_company c LEFT JOIN kpi_trained_person p ON p.user_id = c.user_id
       WHERE c.user_id IS NOT NULL AND (p.user_id IS NULL OR p.siren = c.siren OR p.trained_at <> c.trained_at)`,
  },
  {
    // Every SIREN of a trained person (profile or organisation) is a company reached, with at least as many persons;
    // persons add up.
    name: 'company',
    compared: `SELECT count(*) FROM kpi_company`,
    differences: `
      SELECT t.siren AS key, jsonb_build_object('personsAtLeast', t.n) AS expected,
             CASE WHEN c.siren IS NULL THEN NULL ELSE jsonb_build_object('persons', c.persons) END AS actual
        FROM (SELECT siren, count(*) AS n FROM (SELECT siren FROM kpi_trained_person WHERE siren IS NOT NULL
                                                 UNION ALL SELECT siren FROM kpi_trained_company) s GROUP BY siren) t
        LEFT JOIN kpi_company c ON c.siren = t.siren
       WHERE c.siren IS NULL OR c.persons < t.n
      UNION ALL
      SELECT 'persons', to_jsonb(${LINKED_PERSONS}), to_jsonb((SELECT coalesce(sum(persons), 0) FROM kpi_company))
       WHERE ${LINKED_PERSONS} <> (SELECT coalesce(sum(persons), 0) FROM kpi_company)`,
  },
  {
    name: 'company_month',
    compared: `SELECT count(*) FROM kpi_company_month`,
    differences: `
      SELECT coalesce(e.category, k.category) || ' ' || coalesce(e.month, k.month)::text AS key, to_jsonb(coalesce(e.n, 0)), to_jsonb(coalesce(k.companies, 0))
        FROM (SELECT category, first_month AS month, count(*) AS n FROM kpi_company GROUP BY 1, 2) e
        FULL JOIN kpi_company_month k ON k.category = e.category AND k.month = e.month
       WHERE coalesce(e.n, 0) <> coalesce(k.companies, 0)`,
  },
  {
    name: 'activity',
    compared: `SELECT count(*) FROM rc_activity`,
    differences: `
      SELECT coalesce(e.day, k.day)::text AS key, to_jsonb(coalesce(e.learners, 0)), to_jsonb(coalesce(k.learners, 0))
        FROM rc_activity e FULL JOIN kpi_activity_day k ON k.day = e.day
       WHERE coalesce(e.learners, 0) <> coalesce(k.learners, 0)`,
  },
  {
    name: 'cell',
    compared: `SELECT count(*) FROM rc_cell`,
    differences: `
      SELECT concat_ws('|', coalesce(e.dims, k.dims), coalesce(e.month, k.month), coalesce(e.audience, k.audience), coalesce(e.region, k.region),
                       coalesce(e.sector, k.sector), coalesce(e.company_size, k.company_size), coalesce(e.course_id, k.course_id)) AS key,
             jsonb_build_object(${CELL_MEASURES.map((m) => `'${m}', coalesce(e.${m}, 0)`).join(', ')}),
             jsonb_build_object(${CELL_MEASURES.map((m) => `'${m}', coalesce(k.${m}, 0)`).join(', ')})
        FROM rc_cell e FULL JOIN kpi_cell k USING (${CELL_KEY})
       WHERE ${CELL_MEASURES.map((m) => `coalesce(e.${m}, 0) <> coalesce(k.${m}, 0)`).join(' OR ')}`,
  },
];

/**
 * `--rebuild`: the rollups replaced by what the base tables give (first deployment on existing data, a benchmark, a
 * repair after differences). Frozen trained persons and companies reached are kept; missing ones are added with the
 * current profile. Run with the worker stopped (the tables are locked meanwhile).
 */
export const REBUILD: string[] = [
  `LOCK TABLE kpi_learner, kpi_enrollment, kpi_certificate, kpi_trained_person, kpi_trained_company, kpi_company, kpi_company_month, kpi_activity_day, kpi_cell IN EXCLUSIVE MODE`,
  `TRUNCATE kpi_enrollment, kpi_certificate, kpi_cell, kpi_activity_day, kpi_company_month`,
  `INSERT INTO kpi_enrollment (enrollment_id, user_id, course_id, enrolled_at, completed_at)
   SELECT enrollment_id, user_id, course_id, enrolled_at, completed_at FROM rc_enrollment`,
  `INSERT INTO kpi_certificate (certificate_id, user_id, course_id, issued_at, counts_toward_goal)
   SELECT certificate_id, user_id, course_id, issued_at, counts_toward_goal FROM rc_certificate`,
  `DELETE FROM kpi_learner`,
  `INSERT INTO kpi_learner (user_id, audience, region, sector, company_size, first_enrollment_id, first_enrolled_at, first_course_id, last_activity_day)
   SELECT user_id, audience, region, sector, company_size, first_enrollment_id, first_enrolled_at, first_course_id, last_activity_day FROM rc_learner`,
  `DELETE FROM kpi_trained_person k WHERE NOT EXISTS (SELECT 1 FROM rc_trained t WHERE t.user_id = k.user_id)`,
  `INSERT INTO kpi_trained_person (user_id, certificate_id, course_id, trained_at, audience, region, sector, company_size, company_category, siren, had_siren)
   SELECT user_id, certificate_id, course_id, issued_at, audience, region, sector, company_size, company_category, siren, had_siren FROM rc_trained
   ON CONFLICT ON CONSTRAINT pk_kpi_trained_person DO UPDATE SET certificate_id = EXCLUDED.certificate_id, course_id = EXCLUDED.course_id,
     trained_at = EXCLUDED.trained_at`,
  `DELETE FROM kpi_trained_company c WHERE c.user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rc_trained t WHERE t.user_id = c.user_id)`,
  `UPDATE kpi_trained_company c SET trained_at = t.issued_at FROM rc_trained t WHERE t.user_id = c.user_id AND c.trained_at <> t.issued_at`,
  // The companies of the organisations of persons not frozen yet, and those of frozen persons that the base tables
  // still show (a membership from before the training that still holds) if missing.
  `INSERT INTO kpi_trained_company (user_id, siren, category, trained_at)
   SELECT DISTINCT ON (t.user_id, o.siren) t.user_id, o.siren, ${companyCategorySql('o.staff_band', 'NULL::text')}, t.issued_at
     FROM rc_trained t
     JOIN organisation_member m ON m.user_id = t.user_id
     JOIN organisation o ON o.id = m.organisation_id AND o.kind = 'entreprise' AND o.siren IS NOT NULL
    WHERE (NOT t.frozen OR m.joined_at <= t.issued_at) AND o.siren IS DISTINCT FROM t.siren
    ORDER BY t.user_id, o.siren, o.created_at, o.id
   ON CONFLICT ON CONSTRAINT uq_kpi_trained_company DO NOTHING`,
  `INSERT INTO kpi_company (siren, category, first_month, persons)
   SELECT DISTINCT ON (siren) siren, category, min(${monthSql('trained_at')}) OVER (PARTITION BY siren), count(*) OVER (PARTITION BY siren)
     FROM (SELECT siren, coalesce(company_category, '?') AS category, trained_at, user_id FROM kpi_trained_person WHERE siren IS NOT NULL
           UNION ALL SELECT siren, category, trained_at, user_id FROM kpi_trained_company) x
    ORDER BY siren, trained_at, user_id NULLS LAST
   ON CONFLICT ON CONSTRAINT pk_kpi_company DO UPDATE SET persons = greatest(kpi_company.persons, EXCLUDED.persons),
     first_month = least(kpi_company.first_month, EXCLUDED.first_month)`,
  `INSERT INTO kpi_company_month (category, month, companies) SELECT category, first_month, count(*) FROM kpi_company GROUP BY 1, 2`,
  `INSERT INTO kpi_activity_day (day, learners) SELECT day, learners FROM rc_activity`,
  `INSERT INTO kpi_cell (${CELL_KEY}, ${CELL_MEASURES.join(', ')}) SELECT ${CELL_KEY}, ${CELL_MEASURES.join(', ')} FROM rc_cell`,
  `INSERT INTO kpi_course (course_id, title)
   SELECT c.id, v.title FROM course c JOIN course_version v ON v.id = c.current_version_id
    WHERE c.id IN (SELECT course_id FROM rc_enrollment UNION SELECT course_id FROM rc_certificate)
   ON CONFLICT ON CONSTRAINT pk_kpi_course DO UPDATE SET title = EXCLUDED.title`,
];
