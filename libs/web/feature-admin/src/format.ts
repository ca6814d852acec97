// Pure helpers of the console (no React): durations, dates of the audit filters, synonym terms.

/** A date and time in French, Paris time: « 25 nov. 2026, 14:05:09 ». */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString('fr-FR', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/Paris' });
}

/** A duration in seconds, the French way: « 45 s », « 3 min 20 s », « 2 h 05 min », « 3 j 4 h ». */
export function formatAge(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} j ${hours % 24} h`;
}

/** A calendar day typed in a date field (`2026-11-25`), as the instant it starts in the browser's time zone. */
export function startOfDay(day: string): string {
  return new Date(`${day}T00:00:00`).toISOString();
}

/** The instant the next day starts: the exclusive end of a range whose last day is `day` (« au 25 » inclus). */
export function startOfNextDay(day: string): string {
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + 1);
  return date.toISOString();
}

/** « IA, intelligence artificielle » or one expression a line → the expressions, trimmed, without blanks. */
export function parseTerms(text: string): string[] {
  return text
    .split(/[\n,;]/)
    .map((term) => term.trim())
    .filter((term) => term !== '');
}
