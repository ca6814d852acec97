import type { DataSource } from 'typeorm';
import type { MailService } from '@academie/server-mail';
import { day, rowsOf } from '../sql';

/** `7,1` -> [7, 1]: the steps, nearest last, without repeats. */
export function reminderSteps(setting: string): number[] {
  return [...new Set(setting.split(',').map((s) => Number(s.trim())))].filter((n) => Number.isInteger(n) && n >= 0).sort((a, b) => b - a);
}

/** The step due for an assignment `daysLeft` days ahead: the nearest step not earlier than today, or none. */
export function stepFor(daysLeft: number, steps: number[]): number | null {
  const fitting = steps.filter((s) => daysLeft <= s);
  return daysLeft < 0 || fitting.length === 0 ? null : Math.min(...fitting);
}

export interface ReminderRun {
  today: string;
  assignments: number;
  sent: number;
}

interface DueAssignment {
  id: string;
  organisation_id: string;
  organisation_name: string;
  cohort_id: string;
  course_id: string;
  course_slug: string;
  course_title: string;
  due_on: string | Date;
  days_left: number;
}

const BATCH = 1000;

/**
 * Sends the due-date reminders of every assignment whose due date is within the largest step (`steps`, days before).
 * For each, the step is the nearest one reached (a member added late gets one reminder, not all the earlier ones); the
 * people reminded are the cohort's members who are still members of the organisation, have an address and have not
 * completed the course. Each batch is one transaction: the `organisation_assignment_reminder` rows (their key
 * (assignment, member, due date, step) makes a rerun, a retry or a second worker insert nothing) and, for the rows
 * actually inserted, the e-mails through the mail outbox.
 */
export async function sendDueReminders(db: DataSource, mail: MailService, options: { steps: number[]; today?: string }): Promise<ReminderRun> {
  const [{ today }] = await rowsOf<{ today: string }>(
    db,
    `SELECT coalesce($1::date, (now() AT TIME ZONE 'Europe/Paris')::date)::text AS today`,
    [options.today ?? null],
  );
  const horizon = Math.max(-1, ...options.steps);
  if (horizon < 0) return { today, assignments: 0, sent: 0 };
  const due = await rowsOf<DueAssignment>(
    db,
    `SELECT a.id, a.organisation_id, o.name AS organisation_name, a.cohort_id, a.course_id, a.course_slug, a.course_title, a.due_on,
            (a.due_on - $1::date) AS days_left
       FROM organisation_assignment a JOIN organisation o ON o.id = a.organisation_id
      WHERE a.due_on BETWEEN $1::date AND $1::date + $2::int
      ORDER BY a.due_on, a.id`,
    [today, horizon],
  );
  let sent = 0;
  for (const a of due) {
    const step = stepFor(a.days_left, options.steps);
    if (step === null) continue;
    const dueOn = day(a.due_on) as string;
    for (;;) {
      const inserted = await db.transaction(async (manager) => {
        const rows = await rowsOf<{ user_id: string; email: string; first_name: string }>(
          manager,
          `WITH candidates AS (
             SELECT cm.user_id
               FROM organisation_cohort_member cm
               JOIN organisation_member m ON m.organisation_id = cm.organisation_id AND m.user_id = cm.user_id
               JOIN app_user u ON u.id = cm.user_id AND u.email IS NOT NULL AND u.erased_at IS NULL
               LEFT JOIN enrollment e ON e.user_id = cm.user_id AND e.course_id = $3
              WHERE cm.cohort_id = $2 AND cm.organisation_id = $4 AND e.completed_at IS NULL
                AND NOT EXISTS (SELECT 1 FROM organisation_assignment_reminder r
                                 WHERE r.assignment_id = $1 AND r.user_id = cm.user_id AND r.due_on = $5 AND r.days_before = $6)
              ORDER BY cm.user_id LIMIT $7),
           sent AS (
             INSERT INTO organisation_assignment_reminder (assignment_id, user_id, organisation_id, due_on, days_before)
             SELECT $1, user_id, $4, $5, $6 FROM candidates
             ON CONFLICT ON CONSTRAINT pk_organisation_assignment_reminder DO NOTHING
             RETURNING user_id)
           SELECT s.user_id, u.email, u.first_name FROM sent s JOIN app_user u ON u.id = s.user_id ORDER BY s.user_id`,
          [a.id, a.cohort_id, a.course_id, a.organisation_id, dueOn, step, BATCH],
        );
        const ids = await mail.queueMany(
          manager,
          'assignment-reminder',
          rows.map((r) => ({
            to: r.email,
            userId: r.user_id,
            params: { firstName: r.first_name, organisationName: a.organisation_name, courseTitle: a.course_title, courseSlug: a.course_slug, dueOn, daysLeft: a.days_left },
          })),
        );
        if (rows.length) {
          await manager.query(
            `UPDATE organisation_assignment_reminder r SET mail_message_id = x.mail_id
               FROM unnest($2::uuid[], $3::uuid[]) AS x(user_id, mail_id)
              WHERE r.assignment_id = $1 AND r.user_id = x.user_id AND r.due_on = $4 AND r.days_before = $5`,
            [a.id, rows.map((r) => r.user_id), ids, dueOn, step],
          );
        }
        return rows.length;
      });
      sent += inserted;
      // Fewer than a batch: done (or another worker holds the rest, and sends it).
      if (inserted < BATCH) break;
    }
  }
  return { today, assignments: due.length, sent };
}
