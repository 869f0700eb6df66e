import "server-only";
import Papa from "papaparse";
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

/** A row as CSV fields; times as wall-clock text in `timeZone` (the header names the zone). */
export function csvFields(row: ReviewRow, timeZone: string): (string | number)[] {
  const at = (d: Date | null) => (d ? formatIsalesTime(d, timeZone) : "");
  return [
    row.id,
    row.serviceId,
    row.uniqueId,
    row.phoneNumbers.join(" "),
    row.agent ?? "",
    at(row.fetchTime),
    at(row.lastWriteBackAt),
    row.writeBackState,
    row.status ?? "",
    row.failCode ?? "",
    row.asrResult ?? "",
    row.phoneNumber ?? "",
    row.callId ?? "",
    at(row.writeStartTime),
    at(row.endCallTime),
    row.version,
  ];
}

// escapeFormulae: a cell starting with = + - @ is prefixed so a spreadsheet does not run it.
const unparse = (rows: (string | number)[][]) =>
  Papa.unparse(rows, { header: false, newline: "\r\n", escapeFormulae: true });

/**
 * The CSV of exactly what the filter shows, streamed a chunk of 1,000 rows at a time with
 * papaparse's unparse (quoting, CRLF). The first line is the header, whose time columns
 * name the zone. It begins with a UTF-8 byte-order mark, which spreadsheets need.
 */
export function reviewCsvStream(db: Db, filter: ReviewFilter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const chunks = reviewRowChunks(db, filter);
  const header = csvHeader.map((h) =>
    ["fetched", "last write-back", "call started", "call ended"].includes(h) ? `${h} (${filter.tz})` : h,
  );
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
      controller.enqueue(encoder.encode(`${unparse(next.value.map((r) => csvFields(r, filter.tz)))}\r\n`));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
