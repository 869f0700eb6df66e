import { TZDate } from "@date-fns/tz";
import { localDateTimePattern } from "./form-schema";

/**
 * Wall-clock text from <input type="datetime-local"> plus the IANA zone it was read in,
 * turned into the instant it names. Returns null for text that is not a real local time
 * (e.g. 2025-02-30), which the pattern alone cannot catch.
 */
export function localToInstant(local: string, timeZone: string): Date | null {
  if (!localDateTimePattern.test(local)) return null;
  const [datePart = "", timePart = ""] = local.split("T");
  const [y, mo, d] = datePart.split("-").map(Number);
  const [h, mi, s = 0] = timePart.split(":").map(Number);
  if (y === undefined || mo === undefined || d === undefined || h === undefined || mi === undefined)
    return null;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const date = new TZDate(y, mo - 1, d, h, mi, s, timeZone);
  // TZDate rolls 2025-02-30 over to March: a rolled-over day is a typo, not a date.
  if (date.getDate() !== d || date.getMonth() !== mo - 1) return null;
  return new Date(date.getTime());
}
