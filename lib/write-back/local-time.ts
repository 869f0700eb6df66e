import { tzOffset } from "@date-fns/tz";

/**
 * Wall-clock text from <input type="datetime-local"> (`yyyy-MM-ddTHH:mm[:ss]`) plus the IANA
 * zone it was read in, turned into the one instant it names. Nothing is shifted silently:
 * a time that does not exist in the zone (the spring daylight-saving gap) or that happens
 * twice (the autumn repeat) is refused, and so is a date that does not exist (2025-02-30).
 * Years are taken as written: `0099` is the year 99, never 1999.
 */

export const localDateTimePattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export type LocalTimeProblem = "format" | "not-a-date" | "unknown-zone" | "gap" | "ambiguous";

export type LocalTimeResult =
  | { ok: true; instant: Date; year: number }
  | { ok: false; problem: LocalTimeProblem; year?: number };

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Milliseconds of a wall-clock time read as if it were UTC; every year as written. */
function wallMs(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, s));
  date.setUTCFullYear(y, mo - 1, d);
  return date.getTime();
}

/** The wall-clock milliseconds an instant shows in a zone (minute-precise zone offsets). */
const wallOf = (instant: number, timeZone: string) =>
  instant + tzOffset(timeZone, new Date(instant)) * MINUTE;

/** Year, month, day, hour, minute, second of the wall-clock text; null when it is not one. */
function wallParts(local: string): [number, number, number, number, number, number] | null {
  const m = localDateTimePattern.exec(local);
  if (!m) return null;
  return m.slice(1).map((part) => Number(part ?? "0")) as [number, number, number, number, number, number];
}

export function resolveLocalTime(local: string, timeZone: string): LocalTimeResult {
  const parts = wallParts(local);
  if (!parts) return { ok: false, problem: "format" };
  const [y, mo, d, h, mi, s] = parts;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59)
    return { ok: false, problem: "not-a-date", year: y };
  const wall = wallMs(y, mo, d, h, mi, s);
  // A day past the month's end rolls over (2025-02-30 becomes March): a typo, not a date.
  if (new Date(wall).getUTCDate() !== d) return { ok: false, problem: "not-a-date", year: y };
  if (Number.isNaN(tzOffset(timeZone, new Date(wall))))
    return { ok: false, problem: "unknown-zone", year: y };
  // Every offset the zone has around that day; a wall time is real for each offset whose
  // instant shows that same wall time. None: the gap. Two: the repeated hour.
  const offsets = new Set([wall - DAY, wall, wall + DAY].map((at) => tzOffset(timeZone, new Date(at))));
  const instants = [...new Set([...offsets].map((o) => wall - o * MINUTE))].filter(
    (at) => wallOf(at, timeZone) === wall,
  );
  if (instants.length === 0) return { ok: false, problem: "gap", year: y };
  if (instants.length > 1) return { ok: false, problem: "ambiguous", year: y };
  return { ok: true, instant: new Date(instants[0] as number), year: y };
}

/**
 * For day bounds of filters only (midnight in a zone): the instant, or, where midnight falls
 * in a gap or a repeat, the first instant of that day. null for text that is no date.
 */
export function localToInstant(local: string, timeZone: string): Date | null {
  const result = resolveLocalTime(local, timeZone);
  if (result.ok) return result.instant;
  if (result.problem !== "gap" && result.problem !== "ambiguous") return null;
  const parts = wallParts(local);
  if (!parts) return null;
  const [y, mo, d, h, mi, s] = parts;
  const wall = wallMs(y, mo, d, h, mi, s);
  // The earliest instant that shows this wall time or later: the offset before the change.
  return new Date(wall - tzOffset(timeZone, new Date(wall - DAY)) * MINUTE);
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The `yyyy-MM-ddTHH:mm:ss` an instant shows in a zone (the inverse of resolveLocalTime). */
export function instantToLocal(instant: Date, timeZone: string): string {
  const w = new Date(wallOf(instant.getTime(), timeZone));
  return (
    `${pad(w.getUTCFullYear(), 4)}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}` +
    `T${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}:${pad(w.getUTCSeconds())}`
  );
}
