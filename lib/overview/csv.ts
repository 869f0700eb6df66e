import "server-only";
import Papa from "papaparse";
import type { Catalogue } from "@/lib/catalogue-schema";
import { formatIsalesTime } from "@/lib/isales/body";
import { excelText, guardFormula } from "@/lib/review/csv";
import type { OverviewQuery } from "./params";
import type { Overview } from "./queries";

/**
 * The end-of-day report: the overview's figures for a range as one CSV, in the review
 * export's conventions (UTF-8 byte-order mark, CRLF, codes and names as text, every other
 * text cell guarded against formulas, times in the range's zone named in the header).
 * Sections one after another, each with its own header line, separated by an empty line.
 */
export function overviewCsv(o: Overview, query: OverviewQuery, catalogue: Catalogue): string {
  const tz = query.tz;
  const at = (d: Date | null) => (d ? formatIsalesTime(d, tz) : "");
  const seconds = (s: number | null) => (s === null ? "" : Math.round(s));
  const status = new Map(catalogue.statuses.map((s) => [s.code, s.label]));
  const failCode = new Map(catalogue.failCodes.map((f) => [f.code, f.meaning]));
  const sections: (string | number)[][][] = [
    [
      ["Preview Desk overview", "from", "to", "time zone"],
      ["", query.from, query.to, tz],
    ],
    [
      [
        "calls taken",
        "written back",
        "accepted",
        "needing attention",
        "waiting now",
        `oldest waiting (${tz})`,
      ],
      [
        o.totals.callsTaken,
        o.totals.writtenBack,
        o.totals.accepted,
        o.totals.attention,
        o.totals.waiting,
        at(o.totals.oldestWaiting),
      ],
    ],
    [
      [
        "agent",
        "calls done",
        "accepted",
        "needing attention",
        "average handle time (s)",
        "average wrap-up (s)",
        `last activity (${tz})`,
      ],
      ...o.agents.map((a) => [
        excelText(a.username),
        a.callsDone,
        a.accepted,
        a.attention,
        seconds(a.avgHandleSeconds),
        seconds(a.avgWrapUpSeconds),
        at(a.lastActivity),
      ]),
    ],
    [
      [
        "task",
        "in the pool",
        "taken in the range",
        "accepted in the range",
        "last pull error",
        `last error at (${tz})`,
      ],
      ...o.tasks.map((t) => [
        excelText(t.serviceId),
        t.pool,
        t.takenInRange,
        t.acceptedInRange,
        guardFormula(t.lastError ?? ""),
        at(t.lastErrorAt),
      ]),
    ],
    [
      ["status", "meaning", "calls"],
      ...o.statuses.map((s) => [
        excelText(s.code ?? ""),
        guardFormula(s.code === null ? "not set" : (status.get(s.code) ?? "not in the catalogue")),
        s.count,
      ]),
    ],
    [
      ["failure code", "meaning", "calls"],
      ...o.failCodes.map((f) => [
        excelText(f.code ?? ""),
        guardFormula(f.code === null ? "" : (failCode.get(f.code) ?? "not in the catalogue")),
        f.count,
      ]),
    ],
    [
      [
        `quarter-hour from (${tz})`,
        "accepted at the first try",
        "accepted after retries",
        "needing attention",
      ],
      ...o.buckets.map((b) => [at(b.start), b.accepted, b.retried, b.attention]),
    ],
  ];
  const body = sections
    .map((rows) => Papa.unparse(rows, { header: false, newline: "\r\n", escapeFormulae: false }))
    .join("\r\n\r\n");
  return `\uFEFF${body}\r\n`;
}
