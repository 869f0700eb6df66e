import "server-only";
import type { Logger } from "pino";
import { Agent, request } from "undici";
import { z } from "zod";
import { log } from "@/lib/log";
import { settings } from "@/lib/settings";
import { safeText } from "@/lib/validation/text";
import type {
  CallnosRecord,
  CallnosRejected,
  NoAnswerReason,
  Task,
  WriteBackOutcome,
  WriteBackResult,
} from "./types";

/**
 * The one module that talks to iSales. The vendor's wire shapes are parsed here with zod
 * and turned into the app's types (lib/isales/types.ts); nothing else reads an answer.
 * Tokens, refresh tokens and the password never leave this module: not into logs, not
 * into errors.
 */

const basePath = "/rest/isales/v1/openapi/obs";
export const isalesPaths = {
  login: `${basePath}/auth/login`,
  refresh: `${basePath}/auth/refresh`,
  tasks: `${basePath}/business/tasks`,
  callnos: `${basePath}/business/callnos`,
  midresult: `${basePath}/business/push/midresult`,
  result: `${basePath}/business/call/result`,
} as const;

export type IsalesAuth = { kind: "token"; token: string } | { kind: "login"; user: string; password: string };

export type IsalesClientOptions = {
  baseUrl: string;
  auth: IsalesAuth;
  authHeader: "Authorization" | "Authentication";
  timeoutMs: number;
  refreshMarginS: number;
  /** Milliseconds since the epoch; injectable so tests can move time. */
  now?: () => number;
  /** Defaults to the app's logger (lib/log.ts). */
  logger?: Pick<Logger, "debug" | "info" | "warn">;
};

export type IsalesErrorKind = "http_error" | "no_answer" | "invalid_answer" | "refused" | "auth_failed";

/** A failed iSales call. Its message names the interface and what happened, never a secret. */
export class IsalesError extends Error {
  override name = "IsalesError";
  readonly kind: IsalesErrorKind;
  readonly httpStatus?: number;
  readonly reason?: NoAnswerReason;
  readonly resultCode?: string;
  readonly bodyExcerpt?: string;

  constructor(
    kind: IsalesErrorKind,
    message: string,
    details: { httpStatus?: number; reason?: NoAnswerReason; resultCode?: string; bodyExcerpt?: string } = {},
  ) {
    super(message);
    this.kind = kind;
    this.httpStatus = details.httpStatus;
    this.reason = details.reason;
    this.resultCode = details.resultCode;
    this.bodyExcerpt = details.bodyExcerpt;
  }
}

export type CallnosRequest = { subCCNo: number; vdnId: number; serviceId: string; batchCount: number };

export type IsalesClient = {
  /** Send this exact JSON text to midresult (default) or call/result; never throws. */
  postWriteBack(bodyText: string, iface?: "midresult" | "result"): Promise<WriteBackResult>;
  tasks(subCCNo: number, vdnId: number): Promise<Task[]>;
  callnos(request: CallnosRequest): Promise<{ records: CallnosRecord[]; rejected: CallnosRejected[] }>;
};

const maxKeptBytes = 4096;

/** The first 4 KiB of an answer, cut on a character boundary. */
export function cutTo4KiB(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxKeptBytes) return text;
  // Back off over UTF-8 continuation bytes so no character is cut in half.
  let end = maxKeptBytes;
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString("utf8");
}

const errorCodes = (error: unknown): string[] => {
  const codes: string[] = [];
  const visit = (e: unknown, depth: number) => {
    if (depth > 4 || typeof e !== "object" || e === null) return;
    if ("code" in e && typeof e.code === "string") codes.push(e.code);
    if ("cause" in e) visit(e.cause, depth + 1);
    if ("errors" in e && Array.isArray(e.errors)) for (const inner of e.errors) visit(inner, depth + 1);
  };
  visit(error, 0);
  return codes;
};

/** Why a fetch got no answer, from undici's error and its cause chain. */
export function classifyNetworkError(error: unknown): NoAnswerReason {
  const name = error instanceof Error ? error.name : "";
  if (name === "TimeoutError" || name === "AbortError") return "timeout";
  const codes = errorCodes(error);
  const has = (...wanted: string[]) => codes.some((c) => wanted.includes(c));
  if (has("ECONNREFUSED")) return "refused";
  if (has("ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL")) return "dns";
  if (
    has(
      "ETIMEDOUT",
      "UND_ERR_CONNECT_TIMEOUT",
      "UND_ERR_HEADERS_TIMEOUT",
      "UND_ERR_BODY_TIMEOUT",
      "ABORT_ERR",
    )
  ) {
    return "timeout";
  }
  if (has("ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED", "ECONNABORTED")) return "reset";
  return "other";
}

// ---- wire shapes ----------------------------------------------------------------------

const resultCode = z.union([z.number(), z.string()]).transform((v) => String(v));
const isSuccess = (code: string) => code === "0";

const lifetimeS = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^\d+(\.\d+)?$/),
  ])
  .transform(Number)
  .pipe(z.number().nonnegative());

const authAnswer = z.object({
  result: resultCode.optional(),
  resultData: z.object({
    token: z.string().min(1),
    tokenExpirationTime: lifetimeS,
    refreshToken: z.string().min(1),
    refreshExpirationTime: lifetimeS,
  }),
});

const writeBackAnswer = z.object({ result: resultCode });

const businessAnswer = z.object({ result: resultCode, resultData: z.unknown().optional() });

const tasksData = z.object({ taskData: z.array(z.object({ serviceId: z.union([z.string(), z.number()]) })) });

const callnosRecord = z
  .object({
    // Text is checked as at every boundary: a NUL would make the database refuse the batch.
    seviceId: z.union([safeText(), z.number()]).optional(),
    serviceId: z.union([safeText(), z.number()]).optional(),
    // A string only: a 20-digit id sent as a JSON number has already lost digits.
    uniqueId: safeText().min(1),
    phoneNumber: z.union([z.array(safeText()), safeText()]),
    callData: safeText(undefined, { multiline: true }).nullish(),
    callerNumber: safeText().nullish(),
    ieData: safeText(undefined, { multiline: true }).nullish(),
  })
  .transform((r, ctx): CallnosRecord => {
    const serviceId = r.seviceId ?? r.serviceId;
    const phoneNumbers = (Array.isArray(r.phoneNumber) ? r.phoneNumber : [r.phoneNumber])
      .map((p) => p.trim())
      .filter((p) => p !== "");
    if (serviceId === undefined || String(serviceId) === "") {
      ctx.addIssue({ code: "custom", message: "no task id (seviceId)", path: ["seviceId"] });
    }
    if (phoneNumbers.length === 0) {
      ctx.addIssue({ code: "custom", message: "no phone number", path: ["phoneNumber"] });
    }
    return {
      serviceId: String(serviceId ?? ""),
      uniqueId: r.uniqueId,
      phoneNumbers,
      callData: r.callData ?? "",
      callerNumber: r.callerNumber ?? "",
      ieData: r.ieData ?? "",
    };
  });

const issueSummary = (error: z.ZodError) =>
  // Paths and zod's own words only: zod's messages do not repeat the input's values.
  error.issues.map((i) => `${i.path.join(".") || "record"}: ${i.message}`).join("; ");

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * callnos documents `resultData` as one record; with batchCount above 1 it carries several.
 * Accept one record, an array, or an object holding the list in one of its fields.
 */
export function callnosItems(resultData: unknown): unknown[] {
  if (resultData === undefined || resultData === null) return [];
  if (Array.isArray(resultData)) return resultData;
  if (!isPlainObject(resultData)) return [resultData];
  const looksLikeRecord = "uniqueId" in resultData || "phoneNumber" in resultData;
  if (looksLikeRecord) return [resultData];
  const lists = Object.values(resultData).filter(Array.isArray);
  if (lists.length === 1 && lists[0]) return lists[0];
  return [resultData];
}

export function parseCallnosData(resultData: unknown): {
  records: CallnosRecord[];
  rejected: CallnosRejected[];
} {
  const records: CallnosRecord[] = [];
  const rejected: CallnosRejected[] = [];
  for (const raw of callnosItems(resultData)) {
    const parsed = callnosRecord.safeParse(raw);
    if (parsed.success) records.push(parsed.data);
    else rejected.push({ raw, reason: issueSummary(parsed.error) });
  }
  return { records, rejected };
}

/** callnos types serviceId as Integer: send a number when the id is one, else the text. */
const serviceIdForCallnos = (serviceId: string): number | string =>
  /^[1-9]\d{0,14}$/.test(serviceId) && Number.isSafeInteger(Number(serviceId))
    ? Number(serviceId)
    : serviceId;

// ---- the client -----------------------------------------------------------------------

/**
 * One connection pool to iSales for the process, kept alive between write-backs: an agent
 * sends one every minute or so, and Node's default (idle sockets closed after 4 s) made
 * nearly every write-back open a new connection (a TLS handshake against the real iSales).
 * An idle socket is kept 20 s unless the server's Keep-Alive hint says less, below the
 * usual 60 s of load balancers, so a POST seldom meets a socket the server has closed (if
 * it does, that is a reset: the delivery retries it). undici's own fetch and Agent (the
 * library behind Node's fetch), so the dispatcher option is typed and honoured.
 */
const keepAlive = new Agent({ keepAliveTimeout: 20_000, keepAliveMaxTimeout: 60_000, connections: 64 });

type Session = { token: string; useUntil: number; refreshToken: string; refreshUntil: number };

type RawAnswer =
  | { kind: "answer"; status: number; text: string }
  | { kind: "no_answer"; reason: NoAnswerReason };

export function createIsalesClient(options: IsalesClientOptions): IsalesClient {
  const now = options.now ?? Date.now;
  const logger = () => options.logger ?? log();
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  let session: Session | null = null;
  let inflight: Promise<string> | null = null;

  /** One HTTP exchange. Never throws for network trouble: that is an outcome. */
  async function exchange(path: string, bodyText: string, token: string | null): Promise<RawAnswer> {
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (token !== null) headers[options.authHeader] = `Bearer ${token}`;
    const started = performance.now();
    try {
      // undici's request(), not fetch(): the same pool and errors without the WHATWG
      // Request/Response/stream layers, which were most of the CPU a write-back spent on its
      // send. A redirect is answered as it is (request() follows none).
      const response = await request(`${baseUrl}${path}`, {
        dispatcher: keepAlive,
        method: "POST",
        headers,
        body: bodyText,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      // The timeout covers the body too: the signal aborts a stalled read.
      const text = await response.body.text();
      logger().debug(
        { path, status: response.statusCode, durationMs: Math.round(performance.now() - started) },
        "isales answer",
      );
      return { kind: "answer", status: response.statusCode, text };
    } catch (error) {
      const reason = classifyNetworkError(error);
      logger().debug(
        { path, noAnswer: reason, durationMs: Math.round(performance.now() - started) },
        "isales no answer",
      );
      return { kind: "no_answer", reason };
    }
  }

  const parseJson = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  };

  /** Turn a failed exchange into an error that carries no secret. */
  function failure(what: string, answer: RawAnswer): IsalesError {
    if (answer.kind === "no_answer") {
      return new IsalesError("no_answer", `iSales ${what}: no answer (${answer.reason})`, {
        reason: answer.reason,
      });
    }
    return new IsalesError("http_error", `iSales ${what}: HTTP ${answer.status}`, {
      httpStatus: answer.status,
    });
  }

  async function authenticate(kind: "login" | "refresh", current: Session | null): Promise<Session> {
    const startedAt = now();
    const body =
      kind === "login" && options.auth.kind === "login"
        ? JSON.stringify({ user: options.auth.user, passwd: options.auth.password })
        : JSON.stringify({ refreshToken: current?.refreshToken ?? "" });
    const answer = await exchange(
      isalesPaths[kind],
      body,
      kind === "refresh" ? (current?.token ?? null) : null,
    );
    if (answer.kind === "no_answer") throw failure(kind === "login" ? "log-in" : "token refresh", answer);
    if (answer.status !== 200) {
      const authKind = answer.status === 401 || answer.status === 403 ? "auth_failed" : "http_error";
      throw new IsalesError(
        authKind,
        `iSales ${kind === "login" ? "log-in" : "token refresh"}: HTTP ${answer.status}`,
        {
          httpStatus: answer.status,
        },
      );
    }
    const json = parseJson(answer.text);
    const result = isPlainObject(json) ? resultCode.safeParse(json.result) : null;
    if (result?.success && !isSuccess(result.data)) {
      throw new IsalesError(
        "auth_failed",
        `iSales ${kind === "login" ? "log-in" : "token refresh"}: result ${result.data}`,
        {
          httpStatus: 200,
          resultCode: result.data,
        },
      );
    }
    const parsed = authAnswer.safeParse(json);
    if (!parsed.success) {
      // No excerpt here: an answer that half-parsed may still hold a token.
      throw new IsalesError(
        "invalid_answer",
        `iSales ${kind}: answer not understood (${issueSummary(parsed.error)})`,
        {
          httpStatus: 200,
        },
      );
    }
    const d = parsed.data.resultData;
    // Renew ahead of expiry by the margin, but never sooner than half the lifetime, so a
    // short-lived token is not refreshed on every call.
    const renewAfterMs = (lifetime: number) =>
      Math.max(lifetime - options.refreshMarginS, lifetime / 2) * 1000;
    logger().info(
      { kind, tokenLifetimeS: d.tokenExpirationTime, refreshLifetimeS: d.refreshExpirationTime },
      "isales session",
    );
    return {
      token: d.token,
      useUntil: startedAt + renewAfterMs(d.tokenExpirationTime),
      refreshToken: d.refreshToken,
      refreshUntil: startedAt + renewAfterMs(d.refreshExpirationTime),
    };
  }

  async function renew(): Promise<string> {
    const current = session;
    if (current && now() < current.refreshUntil) {
      try {
        session = await authenticate("refresh", current);
        return session.token;
      } catch (error) {
        const kind = error instanceof IsalesError ? error.kind : "other";
        logger().warn({ failure: kind }, "isales token refresh failed: logging in again");
      }
    }
    session = null;
    session = await authenticate("login", null);
    return session.token;
  }

  /** The token to send; concurrent callers share one log-in or refresh. */
  async function currentToken(): Promise<string> {
    if (options.auth.kind === "token") return options.auth.token;
    if (session && now() < session.useUntil) return session.token;
    inflight ??= renew().finally(() => {
      inflight = null;
    });
    return inflight;
  }

  /** After a 401/403: forget this token so the next caller logs in afresh (once for all). */
  function discard(token: string) {
    if (session?.token === token) session = null;
  }

  /**
   * A business call with the token, retried once with a fresh log-in when iSales says
   * 401 or 403 (a token it no longer takes). Throws IsalesError only when no token could be had.
   */
  async function authorised(path: string, bodyText: string): Promise<RawAnswer> {
    let token = await currentToken();
    const first = await exchange(path, bodyText, token);
    if (options.auth.kind !== "login" || first.kind !== "answer") return first;
    if (first.status !== 401 && first.status !== 403) return first;
    logger().warn(
      { path, httpStatus: first.status },
      "isales refused the token: logging in again and retrying once",
    );
    discard(token);
    token = await currentToken();
    return exchange(path, bodyText, token);
  }

  function outcomeOf(answer: RawAnswer): WriteBackOutcome {
    if (answer.kind === "no_answer") return { kind: "no_answer", reason: answer.reason };
    if (answer.status !== 200) return { kind: "http_error", httpStatus: answer.status };
    const parsed = writeBackAnswer.safeParse(parseJson(answer.text));
    if (!parsed.success) {
      return { kind: "invalid_answer", httpStatus: 200, bodyExcerpt: answer.text.slice(0, 200) };
    }
    const code = parsed.data.result;
    return isSuccess(code)
      ? { kind: "accepted", httpStatus: 200, resultCode: code }
      : { kind: "refused", httpStatus: 200, resultCode: code };
  }

  function outcomeOfError(error: unknown): WriteBackOutcome {
    if (error instanceof IsalesError) {
      if (error.kind === "no_answer") return { kind: "no_answer", reason: error.reason ?? "other" };
      if (error.kind === "invalid_answer")
        return { kind: "invalid_answer", httpStatus: 200, bodyExcerpt: "" };
      // A log-in iSales refused: the write-back was not accepted because we could not authenticate.
      return { kind: "http_error", httpStatus: error.httpStatus ?? 403 };
    }
    return { kind: "no_answer", reason: "other" };
  }

  async function business(what: string, path: string, body: unknown): Promise<unknown> {
    let answer: RawAnswer;
    try {
      answer = await authorised(path, JSON.stringify(body));
    } catch (error) {
      if (error instanceof IsalesError) throw error;
      throw new IsalesError("no_answer", `iSales ${what}: no answer (other)`, { reason: "other" });
    }
    if (answer.kind === "no_answer" || answer.status !== 200) throw failure(what, answer);
    const parsed = businessAnswer.safeParse(parseJson(answer.text));
    if (!parsed.success) {
      throw new IsalesError("invalid_answer", `iSales ${what}: answer not understood`, {
        httpStatus: 200,
        bodyExcerpt: answer.text.slice(0, 200),
      });
    }
    if (!isSuccess(parsed.data.result)) {
      throw new IsalesError("refused", `iSales ${what}: result ${parsed.data.result}`, {
        httpStatus: 200,
        resultCode: parsed.data.result,
      });
    }
    return parsed.data.resultData;
  }

  return {
    async postWriteBack(bodyText, iface = "midresult") {
      const startedAt = new Date(now());
      const started = performance.now();
      let answer: RawAnswer | null = null;
      let outcome: WriteBackOutcome;
      try {
        answer = await authorised(isalesPaths[iface], bodyText);
        outcome = outcomeOf(answer);
      } catch (error) {
        outcome = outcomeOfError(error);
      }
      const durationMs = Math.round(performance.now() - started);
      logger().debug({ path: isalesPaths[iface], outcome: outcome.kind, durationMs }, "isales write-back");
      return {
        outcome,
        requestBody: bodyText,
        responseBody: answer?.kind === "answer" ? cutTo4KiB(answer.text) : null,
        durationMs,
        startedAt,
      };
    },

    async tasks(subCCNo, vdnId) {
      const data = await business("tasks", isalesPaths.tasks, { subCCNo, vdnId });
      const parsed = tasksData.safeParse(data);
      if (!parsed.success) {
        throw new IsalesError(
          "invalid_answer",
          `iSales tasks: answer not understood (${issueSummary(parsed.error)})`,
          {
            httpStatus: 200,
          },
        );
      }
      return parsed.data.taskData.map((t) => ({ serviceId: String(t.serviceId) }));
    },

    async callnos({ subCCNo, vdnId, serviceId, batchCount }) {
      const data = await business("callnos", isalesPaths.callnos, {
        subCCNo,
        vdnId,
        serviceId: serviceIdForCallnos(serviceId),
        batchCount,
      });
      return parseCallnosData(data);
    },
  };
}

// ---- the process's client -------------------------------------------------------------

const globalForIsales = globalThis as unknown as { __previewDeskIsales?: IsalesClient };

/** The process-wide client built from settings(), kept on globalThis (one session). */
export function getIsalesClient(): IsalesClient {
  if (!globalForIsales.__previewDeskIsales) {
    const s = settings();
    const auth: IsalesAuth =
      s.ISALES_TOKEN !== undefined
        ? { kind: "token", token: s.ISALES_TOKEN }
        : { kind: "login", user: s.ISALES_USER ?? "", password: s.ISALES_PASSWORD ?? "" };
    globalForIsales.__previewDeskIsales = createIsalesClient({
      baseUrl: s.ISALES_BASE_URL,
      auth,
      authHeader: s.ISALES_AUTH_HEADER,
      timeoutMs: s.ISALES_TIMEOUT_MS,
      refreshMarginS: s.ISALES_REFRESH_MARGIN_S,
    });
  }
  return globalForIsales.__previewDeskIsales;
}
