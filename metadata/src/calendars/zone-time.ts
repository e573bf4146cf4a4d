// Wall clock ↔ instant in an IANA zone with the time zone database of the JavaScript engine
// (Intl), resolving DST gaps and overlaps exactly as PostgreSQL's `timestamp at time zone` does:
// a wall time skipped by a spring-forward reads with the offset before the transition, one repeated
// by a fall-back with the offset after it (src/backend/utils/adt/datetime.c, DetermineTimeZoneOffset).
const formatters = new Map<string, Intl.DateTimeFormat>();
const DAY_MS = 86_400_000;

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether the engine knows the zone (PostgreSQL's names are the same IANA names). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's wall clock at an instant, as milliseconds of a UTC date with that reading (whole seconds). */
function wallMsAt(timeZone: string, instantMs: number): number {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(Math.floor(instantMs / 1000) * 1000))) parts[part.type] = part.value;
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
  const wall = new Date(Date.UTC(2000, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)));
  wall.setUTCFullYear(year);
  return wall.getTime();
}

/** UTC offset in ms at an instant. */
export const offsetAt = (timeZone: string, instantMs: number): number => wallMsAt(timeZone, instantMs) - Math.floor(instantMs / 1000) * 1000;

/** The local date (YYYY-MM-DD) of an instant in the zone, as days since 1970-01-01. */
export const localDayOf = (timeZone: string, instantMs: number): number => Math.floor((instantMs + offsetAt(timeZone, instantMs)) / DAY_MS);

const conversions = new Map<string, number>();

/** The instant of a wall time: `day` (days since 1970-01-01) at `minutes` after local midnight. */
export function instantOfWall(timeZone: string, day: number, minutes: number): number {
  const key = `${timeZone} ${day} ${minutes}`;
  const cached = conversions.get(key);
  if (cached !== undefined) return cached;
  const wall = day * DAY_MS + minutes * 60_000;
  const before = offsetAt(timeZone, wall - 2 * DAY_MS);
  const after = offsetAt(timeZone, wall + 2 * DAY_MS);
  let instant = wall - before;
  if (before !== after) {
    // Overlap (both readings exist) or only the later reading exists: the later offset; a gap
    // (neither exists) or only the earlier reading: the earlier one.
    if (offsetAt(timeZone, wall - after) === after) instant = wall - after;
  }
  if (conversions.size > 200_000) conversions.clear();
  conversions.set(key, instant);
  return instant;
}
