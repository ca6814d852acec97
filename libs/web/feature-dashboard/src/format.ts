import { KPI_SUPPRESSION_THRESHOLD, type KpiCount, type KpiMeasure } from '@academie/contracts';

const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/** What a hidden count shows: « < 10 » (the statistical secret). */
export const SUPPRESSED_TEXT = `< ${KPI_SUPPRESSION_THRESHOLD}`;

export function formatNumber(value: number): string {
  return integer.format(value);
}

/** A published count: its value, « < 10 » when hidden. */
export function formatCount(count: KpiCount | null | undefined): string {
  if (count === null || count === undefined) return '—';
  if (count.suppressed || count.value === null) return SUPPRESSED_TEXT;
  return integer.format(count.value);
}

/**
 * A share from 0 to 1 as a French percentage; small shares keep two significant digits so that a start
 * (0,0021 %) does not read as nothing.
 */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  const percent = share * 100;
  if (percent === 0) return '0 %';
  const options: Intl.NumberFormatOptions =
    percent >= 10 ? { maximumFractionDigits: 0 } : percent >= 1 ? { maximumFractionDigits: 1 } : { maximumSignificantDigits: 2 };
  return `${new Intl.NumberFormat('fr-FR', options).format(percent)} %`;
}

/** `2026-03` → « mars 2026 ». */
export function formatMonth(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number);
  if (year === undefined || monthNumber === undefined) return month;
  return new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, monthNumber - 1, 1)),
  );
}

/** `2046-05-02` → « 2 mai 2046 ». */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** Large numbers in words for chart axes: 15 000 000 → « 15 M », 250 000 → « 250 k ». */
export function formatAxis(value: number): string {
  if (value >= 1_000_000) return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(value / 1_000_000)} M`;
  if (value >= 10_000) return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format(value / 1_000)} k`;
  return integer.format(value);
}

export const MEASURE_LABELS: Record<KpiMeasure, string> = {
  trained: 'Personnes formées',
  certificates: 'Certificats',
  enrollments: 'Inscriptions',
  completions: 'Achèvements',
  newLearners: 'Nouveaux apprenants',
};

/** One sentence per measure, shown beside each figure (the full text is in docs/kpi.md). */
export const MEASURE_DEFINITIONS: Record<KpiMeasure, string> = {
  trained:
    'Personne distincte comptée une fois, au mois de son premier certificat sur un cours qui compte pour l’objectif, avec le profil qu’elle avait alors.',
  certificates: 'Certificats délivrés, au mois de leur délivrance.',
  enrollments: 'Inscriptions créées (une par personne et par cours), au mois de l’inscription ; une désinscription ne les retire pas.',
  completions: 'Cours achevés, une fois par inscription, au mois de l’achèvement.',
  newLearners: 'Personnes comptées au mois de leur toute première inscription.',
};
