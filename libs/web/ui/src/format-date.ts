/**
 * A date written the French way, the first of the month as « 1er »: `1er octobre 2026`, `23 novembre 2026`.
 * A date-time in the browser's time zone; a calendar date (`2026-03-03`, a due date) as written, in every time
 * zone (read as local noon: midnight UTC would be the day before in Guadeloupe). Not a date: returned as is.
 */
export function formatDate(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00` : iso) : iso;
  if (Number.isNaN(date.getTime())) return typeof iso === 'string' ? iso : '';
  const text = date.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
  return date.getDate() === 1 ? text.replace(/^1(?=\s)/, '1er') : text;
}
