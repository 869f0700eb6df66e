import "@/lib/zod-browser";
import { z } from "zod";
import { defaultTimeRules } from "@/lib/catalogue-schema";
import type { NewCall } from "@/lib/db/schema";
import { jsonDeeperThan, MAX_JSON_DEPTH } from "@/lib/validation/json";
import { type TextOptions, type TextProblem, textProblem } from "@/lib/validation/text";
import { resolveLocalTime } from "@/lib/write-back/local-time";
import { addRowIssue, type RowProblem, rowProblemText } from "./row-problems";

/**
 * One call as a file to import gives it, with the interface's field names (callnos):
 * subCCNo, vdnId, serviceId, uniqueId, phoneNumber, callData, callerNumber, fetchTime.
 * Messages name no values: a phone number must never reach a log or an error. Each carries
 * its code (lib/calls/row-problems.ts), for the import page to say in the user's language.
 */

/** The fields a file may give, in the interface's order, and which of them it must. */
const callImportFieldNeed = {
  subCCNo: "required",
  vdnId: "required",
  serviceId: "required",
  uniqueId: "required",
  phoneNumber: "required",
  callData: "required",
  callerNumber: "optional",
  fetchTime: "optional",
  agent: "optional",
} as const;
export type CallImportField = keyof typeof callImportFieldNeed;
export const callImportFields = Object.keys(callImportFieldNeed) as readonly CallImportField[];
export const requiredCallImportFields: readonly CallImportField[] = callImportFields.filter(
  (field) => callImportFieldNeed[field] === "required",
);

const PHONE = /^[0-9*#]{1,24}$/;
/** The number the customer sees (iSales callerNo): like a number dialled, 0-9, * and #. */
const CALLER_NUMBER = /^[0-9*#]*$/;
const MAX_ID_LENGTH = 128;
const MAX_CALL_DATA_LENGTH = 65_536;
const MAX_CALLER_NUMBER_LENGTH = 32;

/** A NUL, a control character or a broken character: the issue, or true when the text is sound. */
function soundText(value: string, ctx: z.RefinementCtx, options: TextOptions = {}): boolean {
  const problem = textProblem(value, options);
  if (problem === null) return true;
  addRowIssue(ctx, `text.${problem}`);
  return false;
}

const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === "string" && value.trim() === "");

function wholeNumber(min: number, max: number) {
  return z.unknown().transform((value, ctx): number => {
    if (isBlank(value)) {
      addRowIssue(ctx, "missingNumber", { min, max });
      return z.NEVER;
    }
    const n =
      typeof value === "number"
        ? value
        : typeof value === "string" && /^\s*-?\d+\s*$/.test(value)
          ? Number(value)
          : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
      addRowIssue(ctx, "wholeNumber", { min, max });
      return z.NEVER;
    }
    return n;
  });
}

/** Ids are text: a long number written without quotes in JSON has already lost digits. */
function identifier(missing: "serviceIdMissing" | "uniqueIdMissing") {
  return z.unknown().transform((value, ctx): string => {
    if (isBlank(value)) {
      addRowIssue(ctx, missing);
      return z.NEVER;
    }
    if (typeof value === "number") {
      addRowIssue(ctx, "idAsNumber");
      return z.NEVER;
    }
    if (typeof value !== "string") {
      addRowIssue(ctx, "notText");
      return z.NEVER;
    }
    if (!soundText(value, ctx)) return z.NEVER;
    const trimmed = value.trim();
    if (trimmed.length > MAX_ID_LENGTH) {
      addRowIssue(ctx, "tooLong", { max: MAX_ID_LENGTH });
      return z.NEVER;
    }
    return trimmed;
  });
}

const phoneNumbers = z.unknown().transform((value, ctx): string[] => {
  if (isBlank(value) || (Array.isArray(value) && value.length === 0)) {
    addRowIssue(ctx, "phoneMissing");
    return z.NEVER;
  }
  // One cell (CSV) or one string (JSON) holds the numbers separated by `;`.
  const parts: unknown[] =
    typeof value === "string" ? value.split(";") : Array.isArray(value) ? value : [value];
  const numbers: string[] = [];
  let ok = true;
  parts.forEach((part, index) => {
    if (typeof part === "string" && part.trim() === "" && typeof value === "string") return;
    const several = parts.length > 1;
    if (typeof part === "number") {
      if (several) addRowIssue(ctx, "phoneAsNumberAt", { n: index + 1 });
      else addRowIssue(ctx, "phoneAsNumber");
      ok = false;
    } else if (typeof part !== "string" || !PHONE.test(part.trim())) {
      if (several) addRowIssue(ctx, "phoneFormatAt", { n: index + 1 });
      else addRowIssue(ctx, "phoneFormat");
      ok = false;
    } else if (!numbers.includes(part.trim())) {
      numbers.push(part.trim());
    }
  });
  if (!ok) return z.NEVER;
  if (numbers.length === 0) {
    addRowIssue(ctx, "phoneMissing");
    return z.NEVER;
  }
  return numbers;
});

/** callData given as JSON text is held to the same depth as a JSON object: it is shown parsed. */
function jsonTextTooDeep(value: unknown): boolean {
  if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return false;
  try {
    return jsonDeeperThan(JSON.parse(value), MAX_JSON_DEPTH);
  } catch {
    return false;
  }
}

/**
 * The first text problem in any key or string of a JSON value (iteratively, so depth cannot
 * overflow the stack), or null. callData given as an object is shown parsed: a NUL inside it
 * would reach the database (jsonb refuses it) or the agent's screen as well.
 */
export function jsonTextProblem(value: unknown): TextProblem | null {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === "string") {
      const problem = textProblem(node, { multiline: true });
      if (problem) return problem;
    } else if (Array.isArray(node)) {
      stack.push(...node);
    } else if (typeof node === "object" && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        const problem = textProblem(key, { multiline: true });
        if (problem) return problem;
        stack.push(child);
      }
    }
  }
  return null;
}

/** callData given as JSON text, parsed when it is JSON, for the same checks as an object. */
function parsedJsonText(value: string): unknown {
  if (!/^\s*[[{]/.test(value)) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

const callData = z.unknown().transform((value, ctx): string => {
  if (value === undefined || value === null) {
    addRowIssue(ctx, "callDataMissing");
    return z.NEVER;
  }
  if (typeof value === "string" && !soundText(value, ctx, { multiline: true })) return z.NEVER;
  const nestedProblem = jsonTextProblem(typeof value === "string" ? parsedJsonText(value) : value);
  if (nestedProblem) {
    addRowIssue(ctx, `nestedText.${nestedProblem}`);
    return z.NEVER;
  }
  if (typeof value === "object" ? jsonDeeperThan(value, MAX_JSON_DEPTH) : jsonTextTooDeep(value)) {
    addRowIssue(ctx, "callDataTooDeep", { limit: MAX_JSON_DEPTH });
    return z.NEVER;
  }
  // iSales sends a string; a JSON file may give the object itself, which is stored as JSON text.
  const text =
    typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (text.length > MAX_CALL_DATA_LENGTH) {
    addRowIssue(ctx, "callDataTooLong", { max: MAX_CALL_DATA_LENGTH });
    return z.NEVER;
  }
  return text;
});

const callerNumber = z.unknown().transform((value, ctx): string => {
  if (isBlank(value)) return "";
  if (typeof value !== "string") {
    addRowIssue(ctx, "callerNotText");
    return z.NEVER;
  }
  if (!soundText(value, ctx)) return z.NEVER;
  if (value.trim().length > MAX_CALLER_NUMBER_LENGTH) {
    addRowIssue(ctx, "tooLong", { max: MAX_CALLER_NUMBER_LENGTH });
    return z.NEVER;
  }
  if (!CALLER_NUMBER.test(value.trim())) {
    addRowIssue(ctx, "callerFormat");
    return z.NEVER;
  }
  return value.trim();
});

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

function validParts(year: number, month: number, day: number, hour: number, minute: number, second: number) {
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The window a fetchTime must fall in: from the catalogue's earliestYear (times before it are
 * a typo such as 0099 or 1999) to one day after now (a call cannot have been fetched in the
 * future; the day allows for clocks and zones that differ).
 */
export type FetchTimeRules = {
  /** IANA zone in which a fetchTime without an offset is read (ISALES_TIME_ZONE). */
  timeZone: string;
  /** Default: the time of parsing. */
  now?: Date;
  /** Default: the catalogue default (rules.times.earliestYear). */
  earliestYear?: number;
};
export const MAX_FETCH_TIME_AHEAD_MS = 24 * 60 * 60_000;

export type FetchTimeResult = { ok: true; instant: Date } | ({ ok: false; message: string } & RowProblem);

/** A fetchTime's refusal: the English message with its code. */
const timeProblem = (code: RowProblem["code"], values?: RowProblem["values"]) =>
  ({ ok: false, message: rowProblemText(code, values), code, ...(values ? { values } : {}) }) as const;

/**
 * Read a fetchTime: ISO 8601 with an offset is an instant; `yyyy-MM-dd HH:mm[:ss]` (or
 * with a T, without an offset) is a wall-clock time in the zone, refused when the zone skips
 * it (the spring daylight-saving gap) or has it twice (the autumn repeat): nothing is
 * shifted silently. Years are taken as written.
 */
export function readFetchTime(text: string, rules: FetchTimeRules): FetchTimeResult {
  const read = readFetchInstant(text, rules.timeZone);
  if (!read.ok) return read;
  const earliestYear = rules.earliestYear ?? defaultTimeRules.earliestYear;
  if (read.year < earliestYear) return timeProblem("timeTooEarly", { year: earliestYear });
  const now = rules.now ?? new Date();
  if (read.instant.getTime() > now.getTime() + MAX_FETCH_TIME_AHEAD_MS) return timeProblem("timeFuture");
  return { ok: true, instant: read.instant };
}

/** The instant a fetchTime names and the year as written, whatever the year. */
function readFetchInstant(
  text: string,
  timeZone: string,
): { ok: true; instant: Date; year: number } | ({ ok: false; message: string } & RowProblem) {
  const value = text.trim();
  let instant: Date;
  let year: number;
  const iso = ISO_WITH_OFFSET.exec(value);
  const local = LOCAL.exec(value);
  if (iso) {
    const [, y, mo, d, h, mi, s = "00", fraction = "", offset = "Z"] = iso;
    if (!validParts(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)))
      return timeProblem("timeNotReal");
    const ms = fraction.padEnd(3, "0").slice(0, 3);
    const zone =
      offset.toUpperCase() === "Z"
        ? "Z"
        : `${offset.slice(0, 3)}:${offset.length > 3 ? offset.slice(-2) : "00"}`;
    if (zone !== "Z" && (Number(zone.slice(1, 3)) > 14 || Number(zone.slice(4, 6)) > 59))
      return timeProblem("timeBadOffset");
    const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${zone}`);
    if (Number.isNaN(date.getTime())) return timeProblem("timeFormat");
    instant = date;
    year = Number(y);
  } else if (local) {
    const [, y, mo, d, h, mi, s] = local;
    const resolved = resolveLocalTime(`${y}-${mo}-${d}T${h}:${mi}:${s ?? "00"}`, timeZone);
    if (!resolved.ok) {
      const codes = {
        format: "timeFormat",
        "not-a-date": "timeNotReal",
        "unknown-zone": "timeUnknownZone",
        gap: "timeGap",
        ambiguous: "timeAmbiguous",
      } as const satisfies Record<typeof resolved.problem, RowProblem["code"]>;
      const code = codes[resolved.problem];
      return code === "timeFormat" || code === "timeNotReal"
        ? timeProblem(code)
        : timeProblem(code, { zone: timeZone });
    }
    instant = resolved.instant;
    year = resolved.year;
  } else {
    return timeProblem("timeFormat");
  }
  return { ok: true, instant, year };
}

/** The instant a fetchTime names in a zone, whatever its year; null when unreadable. */
export function parseFetchTime(text: string, timeZone: string): Date | null {
  const read = readFetchInstant(text, timeZone);
  return read.ok ? read.instant : null;
}

function fetchTimeFor(rules: FetchTimeRules) {
  return z.unknown().transform((value, ctx): string | undefined => {
    if (isBlank(value)) return undefined;
    if (typeof value !== "string") {
      addRowIssue(ctx, "timeFormat");
      return z.NEVER;
    }
    if (!soundText(value, ctx)) return z.NEVER;
    const read = readFetchTime(value, rules);
    if (!read.ok) {
      addRowIssue(ctx, read.code, read.values);
      return z.NEVER;
    }
    return value.trim();
  });
}

/** The username of the agent the call is given to; whether that user exists is checked on import. */
const agent = z.unknown().transform((value, ctx): string | undefined => {
  if (isBlank(value)) return undefined;
  if (typeof value !== "string" || value.trim().length > 64) {
    addRowIssue(ctx, "agentFormat");
    return z.NEVER;
  }
  if (!soundText(value, ctx)) return z.NEVER;
  return value.trim();
});

/**
 * One row of an import, the API's and the files' alike. fetchTime stays text here (checked
 * against `rules`: real in the zone, in the window); toNewCall turns it into an instant.
 */
export function callImportRowSchemaFor(rules: FetchTimeRules) {
  return z.object({
    subCCNo: wholeNumber(0, 2_147_483_647),
    vdnId: wholeNumber(1, 9999),
    serviceId: identifier("serviceIdMissing"),
    uniqueId: identifier("uniqueIdMissing"),
    phoneNumber: phoneNumbers,
    callData,
    callerNumber: callerNumber.optional(),
    fetchTime: fetchTimeFor(rules).optional(),
    agent: agent.optional(),
  });
}
/** The row schema with fetchTime read in UTC, the catalogue's default earliest year, and now. */
export const callImportRowSchema = callImportRowSchemaFor({ timeZone: "UTC" });
export type CallImportRow = z.output<typeof callImportRowSchema>;

export type ToNewCallOptions = {
  /** IANA zone in which a fetchTime without an offset is read. */
  timeZone: string;
  /** The fetchTime of rows that give none. */
  now: Date;
};

export function toNewCall(row: CallImportRow, options: ToNewCallOptions): NewCall {
  const fetched = row.fetchTime === undefined ? null : parseFetchTime(row.fetchTime, options.timeZone);
  return {
    subCcNo: row.subCCNo,
    vdnId: row.vdnId,
    serviceId: row.serviceId,
    uniqueId: row.uniqueId,
    phoneNumbers: row.phoneNumber,
    callData: row.callData,
    callerNumber: row.callerNumber ?? "",
    fetchTime: fetched ?? options.now,
  };
}
