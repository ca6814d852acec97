/**
 * An ISO 8601 date-time with its offset that both JavaScript and PostgreSQL read as the same instant: a real date
 * (no 30 February, which JavaScript rolls over and PostgreSQL refuses), hours 00–23, an offset within ±14:00.
 * Returns the epoch milliseconds, or null.
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,6})?)?(Z|([+-])(\d{2}):([0-5]\d))$/;

export function parseInstant(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = INSTANT.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  if (m[7] !== 'Z' && (Number(m[9]) > 14 || (Number(m[9]) === 14 && Number(m[10]) > 0))) return null;
  const time = Date.parse(value);
  return Number.isFinite(time) ? time : null;
}
