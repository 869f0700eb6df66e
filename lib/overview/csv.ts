import "server-only";
import Papa from "papaparse";
import { createTranslator } from "use-intl/core";
import type { Locale } from "@/i18n/config";
import type { Catalogue } from "@/lib/catalogue-schema";
import { textIn } from "@/lib/catalogue-text";
import type { CsvLabel } from "@/lib/csv-labels";
import { formatIsalesTime } from "@/lib/isales/body";
import { excelText, guardFormula } from "@/lib/review/csv";
import enOverview from "@/messages/en/overview.json";
import type { OverviewQuery } from "./params";
import type { Overview } from "./queries";

/**
 * The end-of-day report: the overview's figures for a range as one CSV, in the review
 * export's conventions (UTF-8 byte-order mark, CRLF, codes and names as text, every other
 * text cell guarded against formulas, times in the range's zone named in the header).
 * Sections one after another, each with its own header line, separated by an empty line.
 */
const englishT = createTranslator({
  locale: "en",
  messages: { overview: enOverview },
  namespace: "overview.csv",
});
const english: CsvLabel = (key, values) => (englishT as unknown as CsvLabel)(key, values);

export function overviewCsv(
  o: Overview,
  query: OverviewQuery,
  catalogue: Catalogue,
  /** The headings' language (lib/csv-labels.ts, namespace overview.csv); English by default. */
  l: CsvLabel = english,
  locale: Locale = "en",
): string {
  const tz = query.tz;
  const at = (d: Date | null) => (d ? formatIsalesTime(d, tz) : "");
  const seconds = (s: number | null) => (s === null ? "" : Math.round(s));
  const status = new Map(catalogue.statuses.map((s) => [s.code, textIn(s, s.label, locale)]));
  const failCode = new Map(catalogue.failCodes.map((f) => [f.code, textIn(f, f.meaning, locale)]));
  const sections: (string | number)[][][] = [
    [
      [l("title"), l("from"), l("to"), l("timeZone")],
      ["", query.from, query.to, tz],
    ],
    [
      [
        l("callsTaken"),
        l("writtenBack"),
        l("accepted"),
        l("attention"),
        l("waitingNow"),
        l("oldestWaiting", { tz }),
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
        l("agent"),
        l("callsDone"),
        l("accepted"),
        l("attention"),
        l("avgHandle"),
        l("avgWrapUp"),
        l("lastActivity", { tz }),
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
        l("task"),
        l("pool"),
        l("takenInRange"),
        l("acceptedInRange"),
        l("lastPullError"),
        l("lastErrorAt", { tz }),
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
      [l("status"), l("meaning"), l("calls")],
      ...o.statuses.map((s) => [
        excelText(s.code ?? ""),
        guardFormula(s.code === null ? l("notSet") : (status.get(s.code) ?? l("notInCatalogue"))),
        s.count,
      ]),
    ],
    [
      [l("failCode"), l("meaning"), l("calls")],
      ...o.failCodes.map((f) => [
        excelText(f.code ?? ""),
        guardFormula(f.code === null ? "" : (failCode.get(f.code) ?? l("notInCatalogue"))),
        f.count,
      ]),
    ],
    [
      [l("quarterHour", { tz }), l("acceptedFirstTry"), l("acceptedAfterRetries"), l("attention")],
      ...o.buckets.map((b) => [at(b.start), b.accepted, b.retried, b.attention]),
    ],
  ];
  const body = sections
    .map((rows) => Papa.unparse(rows, { header: false, newline: "\r\n", escapeFormulae: false }))
    .join("\r\n\r\n");
  return `\uFEFF${body}\r\n`;
}
