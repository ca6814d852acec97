import { ORGANISATION_MIN_AGGREGATE, type OrganisationProgress, type ProgressAggregate } from '@academie/contracts';

/** One assigned course of one cohort member, with what the learning context holds about it. */
export interface ProgressFact {
  cohortId: string;
  cohortName: string;
  userId: string;
  firstName: string;
  lastName: string;
  courseId: string;
  courseTitle: string;
  shared: boolean;
  enrolled: boolean;
  percent: number;
  completedAt: string | null;
}

/**
 * An aggregate over a group of people is shown when the group has at least 10 people, or when every one of them shares
 * their individual progress (then nothing is learned that the person rows do not already say). Otherwise it is withheld.
 */
export function aggregate(facts: ProgressFact[]): ProgressAggregate {
  const byPerson = new Map<string, ProgressFact>();
  for (const f of facts) byPerson.set(f.userId, f);
  const people = [...byPerson.values()];
  const visible = people.length >= ORGANISATION_MIN_AGGREGATE || people.every((p) => p.shared);
  if (!visible) return { people: people.length, enrolled: null, completed: null, averagePercent: null, withheld: true };
  const enrolled = people.filter((p) => p.enrolled);
  return {
    people: people.length,
    enrolled: enrolled.length,
    completed: people.filter((p) => p.completedAt !== null).length,
    averagePercent: people.length ? Math.round(people.reduce((sum, p) => sum + p.percent, 0) / people.length) : 0,
    withheld: false,
  };
}

/** The dashboard's progress: per course and per cohort (aggregates), per person for consenting members only. */
export function progressOf(facts: ProgressFact[], membersNotSharing: number): OrganisationProgress {
  const group = <K>(key: (f: ProgressFact) => K) => {
    const out = new Map<K, ProgressFact[]>();
    for (const f of facts) out.set(key(f), [...(out.get(key(f)) ?? []), f]);
    return out;
  };
  const perCourse = [...group((f) => f.courseId).values()].map((fs) => ({ courseId: fs[0].courseId, courseTitle: fs[0].courseTitle, ...aggregate(fs) }));
  const perCohort = [...group((f) => `${f.cohortId}/${f.courseId}`).values()].map((fs) => ({
    cohortId: fs[0].cohortId,
    cohortName: fs[0].cohortName,
    courseId: fs[0].courseId,
    courseTitle: fs[0].courseTitle,
    ...aggregate(fs),
  }));
  const seen = new Set<string>();
  const perPerson = facts
    .filter((f) => f.shared)
    .filter((f) => !seen.has(`${f.userId}/${f.courseId}`) && seen.add(`${f.userId}/${f.courseId}`))
    .map((f) => ({ userId: f.userId, firstName: f.firstName, lastName: f.lastName, courseId: f.courseId, courseTitle: f.courseTitle, percent: f.percent, completedAt: f.completedAt }));
  return { perCourse, perCohort, perPerson, notSharing: membersNotSharing };
}

const cell = (value: string | number | null): string => {
  const text = value === null ? '' : String(value);
  // Quoted, and a leading =, +, - or @ neutralised so that a spreadsheet never runs a name as a formula.
  return `"${(/^[=+\-@]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
};

/** The CSV export of the dashboard, under the same rules (UTF-8 with BOM, `;` for French spreadsheets). */
export function progressCsv(progress: OrganisationProgress): string {
  const lines = [['niveau', 'groupe', 'cours', 'personne', 'personnes', 'inscrites', 'terminées', 'progression moyenne (%)', 'progression (%)', 'terminé le']];
  const agg = (a: ProgressAggregate) => [a.people, a.withheld ? 'masqué (moins de 10 personnes)' : a.enrolled, a.withheld ? '' : a.completed, a.withheld ? '' : a.averagePercent];
  for (const c of progress.perCourse) lines.push(['cours', '', c.courseTitle, '', ...agg(c), '', ''] as string[]);
  for (const c of progress.perCohort) lines.push(['groupe', c.cohortName, c.courseTitle, '', ...agg(c), '', ''] as string[]);
  for (const p of progress.perPerson) lines.push(['personne', '', p.courseTitle, `${p.firstName} ${p.lastName}`.trim(), '', '', '', '', p.percent, p.completedAt ?? ''] as string[]);
  return `\uFEFF${lines.map((line) => line.map(cell).join(';')).join('\r\n')}\r\n`;
}
