// How the learning screens say dates, positions and counts, in French.

export { formatDate } from '@academie/web-ui';

/** A position in a video as read aloud: `45 s`, `1 min 05 s`, `1 h 02 min`. */
export function formatPosition(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** `1 leçon`, `3 leçons`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count > 1 ? pluralForm : singular}`;
}

/** A wait in seconds as a person reads it, rounded up: `12 secondes`, `2 minutes`, `1 heure 30 minutes`. */
export function formatWait(totalSeconds: number): string {
  const seconds = Math.max(1, Math.ceil(totalSeconds));
  if (seconds < 60) return plural(seconds, 'seconde');
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? plural(hours, 'heure') : `${plural(hours, 'heure')} ${plural(rest, 'minute')}`;
}
