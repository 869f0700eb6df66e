import "server-only";
import { and, asc, eq, gt, inArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { importCalls } from "@/lib/calls/import";
import { callImportRowSchemaFor, toNewCall } from "@/lib/calls/import-row";
import type { Db } from "@/lib/db";
import { type apiKeys, calls, type NewCall, writeBackStates } from "@/lib/db/schema";
import { readBodyLimited } from "@/lib/http/body";
import { safeText, textProblem, textProblemMessage } from "@/lib/validation/text";
import { admitApiKey } from "./admit";
import { ALL_TASKS, keyMayTouch } from "./keys";

/**
 * /api/v1/calls for other systems, as plain functions of a Request so tests can call them
 * with real Request objects. Errors are JSON `{ error, errors? }`; a record's error names its
 * index in the list, the field and what is wrong (never the value: it may be a number).
 */

export type CallsApiOptions = {
  /** Zone of a fetchTime without an offset (ISALES_TIME_ZONE). */
  timeZone: string;
  /** Requests a minute of a key that sets no limit of its own. */
  defaultRateLimitPerMin: number;
  now?: () => Date;
  /** fetchTime before this year is refused (the catalogue's rules.times.earliestYear). */
  earliestYear?: number;
};

export const MAX_RECORDS_PER_REQUEST = 1000;
export const MAX_PAGE = 500;
/** 1,000 calls with generous call data fit well within this. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export type RecordError = { index: number; field: string; message: string };

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers });

type Gate = { ok: true; apiKey: typeof apiKeys.$inferSelect } | { ok: false; response: Response };

/** The key, its revocation and its rate limit (one statement: admit.ts): 401 or 429, or the key. */
async function gate(db: Db, request: Request, options: CallsApiOptions): Promise<Gate> {
  const check = await admitApiKey(db, request.headers, {
    defaultRateLimitPerMin: options.defaultRateLimitPerMin,
    windowMs: 60_000,
    now: (options.now ?? (() => new Date()))(),
  });
  if (!check.ok) {
    return {
      ok: false,
      response: json(401, { error: check.message }, { "WWW-Authenticate": 'Bearer realm="preview-desk"' }),
    };
  }
  if (check.limited) {
    return {
      ok: false,
      response: json(
        429,
        {
          error: `Too many requests: this key may make ${check.limit} a minute. Retry after ${check.retryAfterS} s.`,
        },
        { "Retry-After": String(check.retryAfterS) },
      ),
    };
  }
  return { ok: true, apiKey: check.apiKey };
}

/**
 * For a body that is not UTF-8: which record's field holds the bad bytes, found by reading
 * the body with U+FFFD for them (a U+FFFD sent as such is named too: a hint, not a verdict).
 */
function notUtf8Fields(bytes: Uint8Array): RecordError[] {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return [];
  }
  const out: RecordError[] = [];
  (Array.isArray(body) ? body : [body]).forEach((record: unknown, index) => {
    if (typeof record !== "object" || record === null) return;
    for (const [field, value] of Object.entries(record)) {
      if (JSON.stringify(value ?? null).includes("\uFFFD") || field.includes("\uFFFD"))
        out.push({ index, field, message: "holds bytes that are not UTF-8" });
    }
  });
  return out;
}

/** POST: one call (an object) or a list; all are written or none. */
export async function handleCallsPost(request: Request, db: Db, options: CallsApiOptions): Promise<Response> {
  const g = await gate(db, request, options);
  if (!g.ok) return g.response;
  const read = await readBodyLimited(request, MAX_BODY_BYTES, "send fewer calls per request.");
  if (!read.ok) return read.response;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(read.bytes);
  } catch {
    return json(400, {
      error: "The body is not UTF-8: send JSON in UTF-8. Nothing was stored.",
      errors: notUtf8Fields(read.bytes),
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return json(400, { error: "The body must be JSON: one call { … } or a list [ { … }, … ]." });
  }
  const list = Array.isArray(body) ? body : [body];
  if (list.length === 0) return json(422, { error: "The list is empty: send at least one call." });
  if (list.length > MAX_RECORDS_PER_REQUEST) {
    return json(413, {
      error: `At most ${MAX_RECORDS_PER_REQUEST} calls per request; send the rest in more requests.`,
    });
  }
  const now = (options.now ?? (() => new Date()))();
  const rowSchema = callImportRowSchemaFor({
    timeZone: options.timeZone,
    now,
    ...(options.earliestYear === undefined ? {} : { earliestYear: options.earliestYear }),
  });
  const errors: RecordError[] = [];
  const scopeErrors: RecordError[] = [];
  const rows: NewCall[] = [];
  const rowInfo: { line: number; agent?: string }[] = [];
  const seen = new Map<string, number>();
  list.forEach((record: unknown, index) => {
    if (typeof record !== "object" || record === null || Array.isArray(record)) {
      errors.push({ index, field: "record", message: "must be an object { … }" });
      return;
    }
    // iSales spells it seviceId; accept that spelling here too.
    const input = { ...record } as Record<string, unknown>;
    if (input.serviceId === undefined && input.seviceId !== undefined) input.serviceId = input.seviceId;
    const parsed = rowSchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        errors.push({ index, field: String(issue.path[0] ?? "record"), message: issue.message });
      }
      return;
    }
    if (!keyMayTouch(g.apiKey, parsed.data.serviceId)) {
      scopeErrors.push({ index, field: "serviceId", message: "this API key may not touch this task" });
      return;
    }
    const call = toNewCall(parsed.data, { timeZone: options.timeZone, now });
    const key = JSON.stringify([call.vdnId, call.serviceId, call.uniqueId]);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ index, field: "uniqueId", message: `the same call is already at index ${first}` });
      return;
    }
    seen.set(key, index);
    rows.push(call);
    // `line` carries the index here so agent errors come back by index.
    rowInfo.push(
      parsed.data.agent === undefined ? { line: index } : { line: index, agent: parsed.data.agent },
    );
  });
  if (errors.length > 0) {
    return json(422, {
      error: "Some calls are not right; none was stored. Correct them and send the request again.",
      errors: [...errors, ...scopeErrors].sort((a, b) => a.index - b.index),
    });
  }
  if (scopeErrors.length > 0) {
    return json(403, {
      error: "This API key may not touch some of these tasks; none was stored.",
      errors: scopeErrors,
    });
  }
  const result = await importCalls(db, { rows, rowInfo, errors: [], badRows: 0 });
  if (!result.imported) {
    return json(422, {
      error: "Some calls are not right; none was stored. Correct them and send the request again.",
      errors: result.errors.map((e) => ({ index: e.line, field: e.field, message: e.message })),
    });
  }
  return json(200, { received: list.length, inserted: result.inserted, updated: result.updated });
}

const listQuerySchema = z.object({
  serviceId: safeText().trim().min(1).max(128).optional(),
  state: z.enum(writeBackStates).optional(),
  uniqueId: safeText().trim().min(1).max(128).optional(),
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(100),
});

type QueryRead = { ok: true; params: Record<string, string> } | { ok: false; field: string; message: string };

/**
 * The query's parameters, percent-decoded strictly: URLSearchParams turns bytes that are
 * not UTF-8 (and encoded surrogates) into U+FFFD without a word, so such a value would be
 * searched for as something else. Refused instead, naming the parameter, as are U+FFFD (the
 * mark such a replacement leaves), NUL and control characters. The first value of a repeated parameter counts, as before.
 */
function readQuery(url: string): QueryRead {
  const at = url.indexOf("?");
  const raw = at === -1 ? "" : (url.slice(at + 1).split("#")[0] ?? "");
  const params: Record<string, string> = {};
  for (const pair of raw.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const decode = (part: string) => {
      try {
        return decodeURIComponent(part.replace(/\+/g, " "));
      } catch {
        return null;
      }
    };
    const name = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = decode(eq === -1 ? "" : pair.slice(eq + 1));
    const field = name ?? "query";
    // U+FFFD: bytes that were not UTF-8, replaced on the way (the server may decode the
    // address before the handler sees it); never meant in a task or customer id.
    if (name === null || value === null || value.includes("\uFFFD"))
      return { ok: false, field, message: "is not UTF-8 text (bad percent-encoding)" };
    const problem = textProblem(name) ?? textProblem(value);
    if (problem)
      return { ok: false, field: textProblem(name) ? "query" : name, message: textProblemMessage(problem) };
    if (!(name in params)) params[name] = value;
  }
  return { ok: true, params };
}

/** GET: the key's calls in id order, `after` the last id of the page before. */
export async function handleCallsGet(request: Request, db: Db, options: CallsApiOptions): Promise<Response> {
  const g = await gate(db, request, options);
  if (!g.ok) return g.response;
  const query = readQuery(request.url);
  if (!query.ok) {
    return json(400, {
      error: `The query is not right: ${query.field} ${query.message}.`,
      errors: [{ field: query.field, message: query.message }],
    });
  }
  const parsed = listQuerySchema.safeParse(query.params);
  if (!parsed.success) {
    return json(422, {
      error: "The query is not right.",
      errors: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? "query"), message: i.message })),
    });
  }
  const q = parsed.data;
  if (q.serviceId !== undefined && !keyMayTouch(g.apiKey, q.serviceId)) {
    return json(403, { error: "This API key may not read this task." });
  }
  const conditions: SQL[] = [gt(calls.id, q.after)];
  if (q.serviceId !== undefined) conditions.push(eq(calls.serviceId, q.serviceId));
  else if (!g.apiKey.serviceIds.includes(ALL_TASKS))
    conditions.push(inArray(calls.serviceId, g.apiKey.serviceIds));
  if (q.state !== undefined) conditions.push(eq(calls.writeBackState, q.state));
  if (q.uniqueId !== undefined) conditions.push(eq(calls.uniqueId, q.uniqueId));
  const rows = await db
    .select({
      id: calls.id,
      subCCNo: calls.subCcNo,
      vdnId: calls.vdnId,
      serviceId: calls.serviceId,
      uniqueId: calls.uniqueId,
      phoneNumber: calls.phoneNumbers,
      callData: calls.callData,
      callerNumber: calls.callerNumber,
      fetchTime: calls.fetchTime,
      writeBackState: calls.writeBackState,
      status: calls.status,
      failCode: calls.failCode,
      assigned: sql<boolean>`${calls.assignedTo} IS NOT NULL`,
      updatedAt: calls.updatedAt,
    })
    .from(calls)
    .where(and(...conditions))
    .orderBy(asc(calls.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return json(200, { data: page, nextAfter: rows.length > q.limit && last ? last.id : null });
}
