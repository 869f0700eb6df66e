import { TZDate } from "@date-fns/tz";
import { startOfDay } from "date-fns";

/**
 * The instant today began in `timeZone` (midnight, or the first instant of the day where a
 * daylight-saving change skips midnight): "done today" and the header's tally count from
 * it. date-fns does the calendar arithmetic in the zone.
 */
export function startOfTodayIn(timeZone: string, now: Date = new Date()): Date {
  return new Date(startOfDay(new TZDate(now.getTime(), timeZone)).getTime());
}
