import { localToInstant } from "@/lib/write-back/local-time";

/** The day after a yyyy-MM-dd date, as yyyy-MM-dd (calendar arithmetic, no zone involved). */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Whole days in a zone as instants: from the start of `from` to the start of the day after
 * `to` (exclusive), so a day with a daylight-saving change is still that whole day. Null
 * when a date is not a real one.
 */
export function daysInZone(from: string, to: string, timeZone: string): { from: Date; to: Date } | null {
  const start = localToInstant(`${from}T00:00`, timeZone);
  const end = localToInstant(`${nextDay(to)}T00:00`, timeZone);
  if (!start || !end || end <= start) return null;
  return { from: start, to: end };
}
