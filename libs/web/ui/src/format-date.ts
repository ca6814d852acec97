/**
 * A date written the French way, the first of the month as « 1er »: `1er octobre 2026`, `23 novembre 2026`.
 * In the browser's time zone.
 */
export function formatDate(iso: string | Date): string {
  const date = typeof iso === 'string' ? new Date(iso) : iso;
  const text = date.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
  return date.getDate() === 1 ? text.replace(/^1(?=\s)/, '1er') : text;
}
