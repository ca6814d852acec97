const NBSP = '\u00a0';

/**
 * A duration in minutes written the French way: `45 min`, `1 h`, `1 h 30`, `2 h 05`. The spaces are
 * non-breaking so that a duration never wraps across two lines.
 */
export function formatDuration(totalMinutes: number): string {
  const minutes = Math.max(0, Math.round(totalMinutes));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest}${NBSP}min`;
  if (rest === 0) return `${hours}${NBSP}h`;
  return `${hours}${NBSP}h${NBSP}${String(rest).padStart(2, '0')}`;
}

/** The same duration spelled out for assistive technologies: `1 heure 30 minutes`. */
export function formatDurationLong(totalMinutes: number): string {
  const minutes = Math.max(0, Math.round(totalMinutes));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} ${hours > 1 ? 'heures' : 'heure'}`);
  if (rest > 0 || hours === 0) parts.push(`${rest} ${rest > 1 ? 'minutes' : 'minute'}`);
  return parts.join(' ');
}
