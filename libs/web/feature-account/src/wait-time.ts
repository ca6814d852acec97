/**
 * A wait in seconds as a person reads it: `30 secondes`, `1 minute`, `3 minutes`, `1 heure`. Waits of
 * a minute or more are rounded up to the minute, so that the person never retries too early.
 */
export function formatWait(totalSeconds: number): string {
  const seconds = Math.max(1, Math.ceil(totalSeconds));
  if (seconds < 60) return `${seconds} seconde${seconds > 1 ? 's' : ''}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes > 1 ? 's' : ''}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const hoursText = `${hours} heure${hours > 1 ? 's' : ''}`;
  return rest === 0 ? hoursText : `${hoursText} ${rest} minute${rest > 1 ? 's' : ''}`;
}
