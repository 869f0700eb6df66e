import "server-only";
import Papa from "papaparse";
import type { CsvLabel } from "@/lib/csv-labels";
import type { Db } from "@/lib/db";
import { formatIsalesTime } from "@/lib/isales/body";
import type { ReviewFilter } from "./filter";
import { type ReviewRow, reviewRowChunks } from "./queries";

export const csvHeader = [
  "record id",
  "task",
  "customer id",
  "phone numbers",
  "agent",
  "fetched",
  "last write-back",
  "write-back state",
  "status",
  "fail code",
  "asr result",
  "number dialled",
  "call id",
  "call started",
  "call ended",
  "version",
] as const;

/**
 * Columns whose values are identifiers or codes: digits that are not quantities. Excel
 * turns a bare 20-digit customer id into 2.17E+19 (and keeps only 15 digits of it), drops
 * the leading zeros of a phone number or of fail code 00146, and reads some ids as dates;
 * these columns are written so that it shows them as they are (see excelText).
 */
/** "last write-back" → "lastWriteBack": the column's key in messages/<locale>/review.json's csv. */
const headingKey = (column: string) => column.replace(/[ -](\w)/g, (_, c: string) => c.toUpperCase());

export const textColumns: ReadonlySet<(typeof csvHeader)[number]> = new Set([
  "task",
  "customer id",
  "phone numbers",
  "status",
  "fail code",
  "number dialled",
  "call id",
]);

// Excel's limit for one text literal in a formula.
const maxLiteral = 255;

/**
 * A value as a formula whose result is that very text: `="0012"`. This is the form Excel,
 * LibreOffice and Google Sheets all read from a CSV as text, where a leading apostrophe
 * would be shown as typed and a tab would stay in the cell. Quotes inside are doubled, and
 * a value longer than one literal may hold is joined from several (`="…"&"…"`). Nothing in
 * it can run: the whole value is a string literal, whatever it begins with.
 */
export function excelText(value: string): string {
  if (value === "") return "";
  if (value.length <= maxLiteral) return `="${value.includes('"') ? value.replaceAll('"', '""') : value}"`;
  const parts: string[] = [];
  for (let i = 0; i < value.length; i += maxLiteral) parts.push(value.slice(i, i + maxLiteral));
  return `=${parts.map((part) => `"${part.replaceAll('"', '""')}"`).join("&")}`;
}

// What a spreadsheet would read as the start of a formula (papaparse's escapeFormulae set).
const formulaStart = /^[=+\-@\t\r]/;

/**
 * The formula-injection guard for every other text cell: one that a spreadsheet would run
 * (= + - @, tab, carriage return first) is prefixed with an apostrophe, so `=HYPERLINK(…)`
 * typed into a form is shown, never run.
 */
export function guardFormula(value: string): string {
  return formulaStart.test(value) ? `'${value}` : value;
}

const QUARTER_HOUR = 15 * 60_000;
const DAY = 24 * 3_600_000;
const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * formatIsalesTime, for many times in one zone: `yyyy-MM-dd HH:mm:ss` in `timeZone`. The
 * zone's offset is worked out with formatIsalesTime itself once per UTC day (when the day
 * starts and ends on the same offset, which is every day but the two of a daylight-saving
 * change), else once per quarter hour of that day (zones change their offset on quarter
 * hours); each time is then plain arithmetic: well under a microsecond instead of 80.
 */
export function zoneTimeFormatter(timeZone: string): (date: Date) => string {
  const offsetAt = (ms: number) =>
    Date.parse(`${formatIsalesTime(new Date(ms), timeZone).replace(" ", "T")}Z`) - ms;
  /** day number → its offset, or null: it changes that day (see `quarters`). */
  const days = new Map<number, number | null>();
  const quarters = new Map<number, number>();
  const offsetOf = (ms: number): number => {
    const day = Math.floor(ms / DAY);
    let offset = days.get(day);
    if (offset === undefined) {
      const first = offsetAt(day * DAY);
      offset = first === offsetAt((day + 1) * DAY) ? first : null;
      if (days.size > 100_000) days.clear();
      days.set(day, offset);
    }
    if (offset !== null) return offset;
    const quarter = Math.floor(ms / QUARTER_HOUR);
    let inQuarter = quarters.get(quarter);
    if (inQuarter === undefined) {
      inQuarter = offsetAt(quarter * QUARTER_HOUR);
      if (quarters.size > 100_000) quarters.clear();
      quarters.set(quarter, inQuarter);
    }
    return inQuarter;
  };
  return (date) => {
    const ms = date.getTime();
    const w = new Date(Math.floor(ms / 1000) * 1000 + offsetOf(ms));
    const year = w.getUTCFullYear();
    const y = year >= 1000 ? String(year) : String(year).padStart(4, "0");
    return `${y}-${two(w.getUTCMonth() + 1)}-${two(w.getUTCDate())} ${two(w.getUTCHours())}:${two(w.getUTCMinutes())}:${two(w.getUTCSeconds())}`;
  };
}

/** A row as CSV fields; times as wall-clock text in `timeZone` (the header names the zone). */
export function csvFields(
  row: ReviewRow,
  timeZone: string,
  format: (date: Date) => string = (d) => formatIsalesTime(d, timeZone),
): (string | number)[] {
  // A time never starts like a formula; guarded all the same, as every other text cell.
  const at = (d: Date | null) => (d ? guardFormula(format(d)) : "");
  // In csvHeader's order; ids, numbers and codes as text (textColumns), the rest guarded.
  // Written out rather than looked up per column: this runs for every row of an export.
  return [
    row.id,
    excelText(row.serviceId),
    excelText(row.uniqueId),
    excelText(row.phoneNumbers.join(" ")),
    guardFormula(row.agent ?? ""),
    at(row.fetchTime),
    at(row.lastWriteBackAt),
    guardFormula(row.writeBackState),
    excelText(row.status ?? ""),
    excelText(row.failCode ?? ""),
    guardFormula(row.asrResult ?? ""),
    excelText(row.phoneNumber ?? ""),
    excelText(row.callId ?? ""),
    at(row.writeStartTime),
    at(row.endCallTime),
    row.version,
  ];
}

// Quoting and CRLF by papaparse; the guard is applied per column above, since the text
// columns' own formulas must not be escaped.
const unparse = (rows: (string | number)[][]) =>
  Papa.unparse(rows, { header: false, newline: "\r\n", escapeFormulae: false });

/**
 * The CSV of exactly what the filter shows, streamed a chunk of 2,000 rows at a time with
 * papaparse's unparse (quoting, CRLF). The first line is the header, whose time columns
 * name the zone. It begins with a UTF-8 byte-order mark, which spreadsheets need; ids,
 * phone numbers and codes are written as text (excelText), every other cell guarded
 * against formula injection (guardFormula).
 */
export function reviewCsvStream(
  db: Db,
  filter: ReviewFilter,
  /** The headings' language (lib/csv-labels.ts, namespace review.csv); English column names by default. */
  label?: CsvLabel,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const chunks = reviewRowChunks(db, filter);
  const format = zoneTimeFormatter(filter.tz);
  const header = csvHeader.map((h) => {
    const column = label ? label(headingKey(h)) : h;
    if (!["fetched", "last write-back", "call started", "call ended"].includes(h)) return column;
    return label ? label("inZone", { column, tz: filter.tz }) : `${column} (${filter.tz})`;
  });
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        // A byte-order mark first: without it Excel reads UTF-8 as the local code page and
        // garbles Chinese names and call data.
        controller.enqueue(encoder.encode(`\uFEFF${unparse([header])}\r\n`));
        return;
      }
      const next = await chunks.next();
      if (next.done) {
        controller.close();
        return;
      }
      controller.enqueue(
        encoder.encode(`${unparse(next.value.map((r) => csvFields(r, filter.tz, format)))}\r\n`),
      );
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
