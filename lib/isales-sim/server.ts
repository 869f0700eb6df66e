import "server-only";
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { generateTasks, type SimCallRecord, type SimTask, seededRandom } from "./data";
import { renderReceivedPage } from "./page";
import { isObject, readId, resultCodes, validateWriteBack } from "./validate";

/**
 * A stand-in for iSales's OBS interfaces over a real socket, for the demo and the tests.
 *
 * What it does where the documentation leaves a choice (see also validate.ts):
 * - Every answer to a business interface is `{"result": ..., "resultData"?: ...}`,
 *   result 0 (a JSON number, as in the vendor's examples) on success.
 * - Log-in with a wrong user or password, a missing/unknown/expired token and an
 *   unknown/expired refresh token are all HTTP 403 ("authentication failed").
 * - The token may come in `Authorization` or `Authentication` (both by default, see
 *   `authHeaders`), with or without the `Bearer ` prefix.
 * - Refresh gives a new token and hands back the same refresh token with what is left of
 *   its lifetime, so a session has to log in again once the refresh token runs out. Older
 *   tokens stay valid until their own expiry.
 * - Content-Type may be absent; if present it must be application/json, else HTTP 400.
 *   A body that is not JSON is HTTP 400.
 * - callnos hands out the next records of the task that no earlier callnos handed out;
 *   an unknown task is result 0200033; a worked-out task gives an empty list.
 *   `resultData` is one record when exactly one is handed out and an array otherwise
 *   (`callnosShape: "auto"`), or always an array, or `{ "callList": [...] }` ("nested").
 * - The write-back interfaces do not check that the record was handed out: the vendor's
 *   own example record must be accepted.
 * - Non-POST on a known path and any unknown path: HTTP 404.
 * - Faults are rolled per request, only on the interfaces in `faultPaths`, in this order:
 *   latency, hang, drop, error, non-JSON. Rolls use an injectable random (seeded by default).
 * - What it received is kept (newest last, at most 5000) without the auth header's value
 *   and with passwords and tokens in log-in/refresh bodies and answers redacted.
 */

export const simInterfaces = ["login", "refresh", "tasks", "callnos", "midresult", "result"] as const;
export type SimInterface = (typeof simInterfaces)[number];

export const simPaths: Record<SimInterface, string> = {
  login: "/rest/isales/v1/openapi/obs/auth/login",
  refresh: "/rest/isales/v1/openapi/obs/auth/refresh",
  tasks: "/rest/isales/v1/openapi/obs/business/tasks",
  callnos: "/rest/isales/v1/openapi/obs/business/callnos",
  midresult: "/rest/isales/v1/openapi/obs/business/push/midresult",
  result: "/rest/isales/v1/openapi/obs/business/call/result",
};
const interfaceByPath = new Map<string, SimInterface>(
  Object.entries(simPaths).map(([k, v]) => [v, k as SimInterface]),
);

export const errorKinds = [
  "http400",
  "http401",
  "http403",
  "http404",
  "http500",
  "http429",
  "http503",
  "refuse",
] as const;
export type ErrorKind = (typeof errorKinds)[number];

const rate = z.number().min(0).max(1);

/** What POST /__sim/faults accepts. It replaces the faults: a field left out is "no fault". */
export const faultsInputSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(600_000).default(0),
    errorRate: rate.default(0),
    errorKind: z.enum(errorKinds).default("http500"),
    /** The result code of errorKind "refuse". */
    resultCode: z.string().min(1).max(32).default(resultCodes.dataNotFound),
    dropRate: rate.default(0),
    nonJsonRate: rate.default(0),
    hangRate: rate.default(0),
    faultPaths: z.array(z.enum(simInterfaces)).default(["midresult", "result"]),
    /** One-shot action, not kept: invalidate every issued token now. */
    expireTokens: z.boolean().optional(),
  })
  .strict();
export type SimFaultsInput = z.input<typeof faultsInputSchema>;
export type SimFaults = Omit<z.output<typeof faultsInputSchema>, "expireTokens">;

export type SimOptions = {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Tokens accepted without log-in; they never expire. */
  fixedTokens: string[];
  tokenTtlS: number;
  refreshTtlS: number;
  /** Send the lifetimes as numeric strings (the table types them as String). */
  lifetimesAsStrings: boolean;
  authHeaders: ("Authorization" | "Authentication")[];
  subCCNo: number;
  vdnId: number;
  taskCount: number;
  callsPerTask: number;
  callnosShape: "auto" | "array" | "nested";
  /** Seed of the generated data and of the default fault random. */
  seed: number;
  faults: SimFaultsInput;
  /** Fault rolls; defaults to a random seeded by `seed`. */
  random: () => number;
  /** Milliseconds since the epoch, for token expiry. */
  now: () => number;
  /** Makes tokens and refresh tokens; random by default, injectable so tests know them. */
  makeToken: () => string;
};

export type ReceivedRequest = {
  seq: number;
  at: string;
  method: string;
  path: string;
  interface: SimInterface | null;
  /** Request headers; the auth header's value is replaced by "[redacted]". */
  headers: Record<string, string>;
  bodyText: string;
  /** The parsed body, null when it was not JSON. */
  body: unknown;
  answer: {
    /** null: no answer (dropped, hanging, or not answered yet). */
    status: number | null;
    body: string | null;
    fault: "latency" | "hang" | "drop" | "error" | "nonJson" | "scripted" | null;
    /** Why the simulator answered as it did, when it was not a plain success. */
    reason: string | null;
  };
};

/** A one-shot answer for the next request to an interface, for tests of odd shapes. */
export const scriptedAnswerSchema = z.object({
  interface: z.enum(simInterfaces),
  status: z.number().int().min(100).max(599).default(200),
  /** JSON value sent as JSON, or raw text when `raw` is true. */
  body: z.unknown(),
  raw: z.boolean().default(false),
  contentType: z.string().default("application/json"),
});
export type ScriptedAnswer = z.input<typeof scriptedAnswerSchema>;

export type Simulator = {
  url: string;
  port: number;
  options: Readonly<Omit<SimOptions, "random" | "now" | "makeToken">>;
  tasks(): readonly SimTask[];
  received(): ReceivedRequest[];
  /** Forget what was received (not the tokens or the handed-out records). */
  reset(): void;
  faults(): SimFaults;
  /** Replace the faults; a field left out is "no fault". */
  setFaults(input: SimFaultsInput): void;
  expireTokens(): void;
  scriptAnswer(answer: ScriptedAnswer): void;
  close(): Promise<void>;
};

const defaultOptions = (): Omit<SimOptions, "random"> => ({
  host: "127.0.0.1",
  port: 0,
  user: "demo",
  password: "demo-password",
  fixedTokens: [],
  tokenTtlS: 300,
  refreshTtlS: 3600,
  lifetimesAsStrings: false,
  authHeaders: ["Authorization", "Authentication"],
  subCCNo: 1,
  vdnId: 88,
  taskCount: 3,
  callsPerTask: 20,
  callnosShape: "auto",
  seed: 1,
  faults: {},
  now: Date.now,
  makeToken: () => randomBytes(16).toString("hex"),
});

const maxBodyBytes = 1024 * 1024;
const maxReceived = 5000;
const redacted = "[redacted]";

type Answer = { status: number; body: string; contentType: string };
const json = (status: number, value: unknown): Answer => ({
  status,
  body: JSON.stringify(value),
  contentType: "application/json;charset=UTF-8",
});

class BadRequest extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new BadRequest("body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Replace a secret-bearing field of a JSON text, keeping everything else readable. */
function redactJson(text: string, keys: string[]): string {
  try {
    const value: unknown = JSON.parse(text);
    const walk = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(walk);
      if (!isObject(v)) return v;
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [k, keys.includes(k) ? redacted : walk(x)]),
      );
    };
    return JSON.stringify(walk(value));
  } catch {
    return text;
  }
}

export async function startSimulator(partial: Partial<SimOptions> = {}): Promise<Simulator> {
  const base = { ...defaultOptions(), ...partial };
  const options: SimOptions = { ...base, random: partial.random ?? seededRandom(base.seed ^ 0x5eed) };
  let faults: SimFaults = parseFaults(options.faults);
  const tasks = generateTasks(options.seed, options.taskCount, options.callsPerTask);
  const cursors = new Map<string, number>();
  const tokens = new Map<string, number>();
  const refreshTokens = new Map<string, number>();
  const scripted = new Map<SimInterface, z.output<typeof scriptedAnswerSchema>[]>();
  let received: ReceivedRequest[] = [];
  let seq = 0;
  const authHeaderNames = options.authHeaders.map((h) => h.toLowerCase());

  function parseFaults(input: SimFaultsInput): SimFaults {
    const { expireTokens: _ignored, ...rest } = faultsInputSchema.parse(input);
    return rest;
  }

  function expireTokens() {
    tokens.clear();
    refreshTokens.clear();
  }

  function issueToken(refreshToken: string, refreshExpiresAt: number) {
    const now = options.now();
    const token = options.makeToken();
    tokens.set(token, now + options.tokenTtlS * 1000);
    const lifetime = (seconds: number) => (options.lifetimesAsStrings ? String(seconds) : seconds);
    return {
      token,
      tokenExpirationTime: lifetime(options.tokenTtlS),
      refreshToken,
      refreshExpirationTime: lifetime(Math.max(0, Math.floor((refreshExpiresAt - now) / 1000))),
    };
  }

  function tokenOf(req: IncomingMessage): string | null {
    for (const name of authHeaderNames) {
      const value = req.headers[name];
      if (typeof value === "string" && value.trim() !== "") return value.trim().replace(/^Bearer\s+/i, "");
    }
    return null;
  }

  function tokenValid(token: string | null): boolean {
    if (token === null) return false;
    if (options.fixedTokens.includes(token)) return true;
    const expiresAt = tokens.get(token);
    return expiresAt !== undefined && options.now() < expiresAt;
  }

  const roll = (r: number) => r > 0 && options.random() < r;

  function errorAnswer(kind: ErrorKind): Answer {
    if (kind === "refuse") return json(200, { result: faults.resultCode });
    const status = Number(kind.slice(4));
    return json(status, { error: `simulated HTTP ${status}` });
  }

  function routeLogin(body: unknown): [Answer, string | null] {
    if (!isObject(body) || typeof body.user !== "string" || typeof body.passwd !== "string") {
      return [json(200, { result: resultCodes.missing }), "user and passwd are required strings"];
    }
    if (body.user !== options.user || body.passwd !== options.password) {
      return [json(403, { error: "authentication failed" }), "wrong user or password"];
    }
    const refreshToken = options.makeToken();
    const refreshExpiresAt = options.now() + options.refreshTtlS * 1000;
    refreshTokens.set(refreshToken, refreshExpiresAt);
    return [json(200, { result: 0, resultData: issueToken(refreshToken, refreshExpiresAt) }), null];
  }

  function routeRefresh(body: unknown): [Answer, string | null] {
    if (!isObject(body) || typeof body.refreshToken !== "string") {
      return [json(200, { result: resultCodes.missing }), "refreshToken is a required string"];
    }
    const expiresAt = refreshTokens.get(body.refreshToken);
    if (expiresAt === undefined || options.now() >= expiresAt) {
      return [json(403, { error: "authentication failed" }), "refresh token unknown or expired"];
    }
    return [json(200, { result: 0, resultData: issueToken(body.refreshToken, expiresAt) }), null];
  }

  function routeTasks(body: unknown): [Answer, string | null] {
    if (!isObject(body)) return [json(200, { result: resultCodes.parameterException }), "not an object"];
    const subCCNo = readId(body.subCCNo);
    const vdnId = readId(body.vdnId);
    if (subCCNo === null || vdnId === null) {
      return [json(200, { result: resultCodes.wrongType }), "subCCNo and vdnId must be integers"];
    }
    const mine = subCCNo === options.subCCNo && vdnId === options.vdnId;
    const taskData = mine ? tasks.map((t) => ({ serviceId: t.serviceId })) : [];
    return [
      json(200, { result: 0, resultData: { taskData } }),
      mine ? null : "another call centre: no tasks",
    ];
  }

  function routeCallnos(body: unknown): [Answer, string | null] {
    if (!isObject(body)) return [json(200, { result: resultCodes.parameterException }), "not an object"];
    for (const key of ["subCCNo", "vdnId", "serviceId", "batchCount"] as const) {
      if (body[key] === undefined || body[key] === "") {
        return [json(200, { result: resultCodes.missing }), `${key} is missing`];
      }
    }
    const subCCNo = readId(body.subCCNo);
    const vdnId = readId(body.vdnId);
    const batchCount = readId(body.batchCount);
    const serviceId = typeof body.serviceId === "number" ? String(body.serviceId) : body.serviceId;
    if (subCCNo === null || vdnId === null || batchCount === null || typeof serviceId !== "string") {
      return [json(200, { result: resultCodes.wrongType }), "a parameter has the wrong type"];
    }
    if (batchCount < 1 || batchCount > 1000)
      return [json(500, { error: "batchCount out of range" }), "batchCount"];
    const task = tasks.find((t) => t.serviceId === serviceId);
    if (!task || subCCNo !== options.subCCNo || vdnId !== options.vdnId) {
      return [json(200, { result: resultCodes.dataNotFound }), "no such task"];
    }
    const from = cursors.get(serviceId) ?? 0;
    const records = task.records.slice(from, from + batchCount);
    cursors.set(serviceId, from + records.length);
    let resultData: SimCallRecord | SimCallRecord[] | { callList: SimCallRecord[] } = records;
    if (options.callnosShape === "nested") resultData = { callList: records };
    else if (options.callnosShape === "auto" && records.length === 1 && records[0]) resultData = records[0];
    return [json(200, { result: 0, resultData }), records.length === 0 ? "task worked out" : null];
  }

  function routeWriteBack(body: unknown): [Answer, string | null] {
    const verdict = validateWriteBack(body);
    if (verdict.ok) return [json(200, { result: 0 }), null];
    if (verdict.status === 500) return [json(500, { error: verdict.reason }), verdict.reason];
    return [json(200, { result: verdict.result }), verdict.reason];
  }

  const routes: Record<SimInterface, (body: unknown) => [Answer, string | null]> = {
    login: routeLogin,
    refresh: routeRefresh,
    tasks: routeTasks,
    callnos: routeCallnos,
    midresult: routeWriteBack,
    result: routeWriteBack,
  };

  function send(res: ServerResponse, record: ReceivedRequest | null, answer: Answer, reason: string | null) {
    if (record) {
      const secretKeys = ["token", "refreshToken"];
      const shown =
        record.interface === "login" || record.interface === "refresh"
          ? redactJson(answer.body, secretKeys)
          : answer.body;
      record.answer = { ...record.answer, status: answer.status, body: shown, reason };
    }
    res.writeHead(answer.status, {
      "Content-Type": answer.contentType,
      "Content-Length": Buffer.byteLength(answer.body),
    });
    res.end(answer.body);
  }

  function control(req: IncomingMessage, res: ServerResponse, url: URL, bodyText: string) {
    const route = `${req.method} ${url.pathname}`;
    if (route === "GET /") {
      return send(
        res,
        null,
        { status: 200, body: renderReceivedPage(received), contentType: "text/html;charset=utf-8" },
        null,
      );
    }
    if (route === "GET /__sim/received") {
      const limit = z.coerce
        .number()
        .int()
        .min(1)
        .max(maxReceived)
        .optional()
        .safeParse(url.searchParams.get("limit") ?? undefined);
      if (!limit.success)
        return send(res, null, json(400, { error: "limit must be a whole number from 1" }), null);
      return send(res, null, json(200, limit.data ? received.slice(-limit.data) : received), null);
    }
    if (route === "POST /__sim/reset") {
      received = [];
      return send(res, null, json(200, { ok: true }), null);
    }
    if (route === "GET /__sim/faults") return send(res, null, json(200, faults), null);
    if (route === "POST /__sim/faults") {
      const parsed = faultsInputSchema.safeParse(safeJson(bodyText));
      if (!parsed.success) return send(res, null, json(400, { error: z.prettifyError(parsed.error) }), null);
      const { expireTokens: expire, ...rest } = parsed.data;
      faults = rest;
      if (expire) expireTokens();
      return send(res, null, json(200, faults), null);
    }
    if (route === "POST /__sim/expire-tokens") {
      expireTokens();
      return send(res, null, json(200, { ok: true }), null);
    }
    if (route === "POST /__sim/script") {
      const parsed = scriptedAnswerSchema.safeParse(safeJson(bodyText));
      if (!parsed.success) return send(res, null, json(400, { error: z.prettifyError(parsed.error) }), null);
      queueScript(parsed.data);
      return send(res, null, json(200, { ok: true }), null);
    }
    return send(res, null, json(404, { error: "not found" }), null);
  }

  function queueScript(answer: z.output<typeof scriptedAnswerSchema>) {
    const list = scripted.get(answer.interface) ?? [];
    list.push(answer);
    scripted.set(answer.interface, list);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://simulator");
    let bodyText: string;
    try {
      bodyText = await readBody(req);
    } catch {
      return send(res, null, json(400, { error: "body too large or broken" }), null);
    }
    if (url.pathname === "/" || url.pathname.startsWith("/__sim/")) return control(req, res, url, bodyText);

    const iface = interfaceByPath.get(url.pathname) ?? null;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      headers[name] =
        authHeaderNames.includes(name) || name === "authorization" || name === "authentication"
          ? redacted
          : Array.isArray(value)
            ? value.join(", ")
            : value;
    }
    const body = safeJson(bodyText);
    const secretFields = iface === "login" ? ["passwd"] : iface === "refresh" ? ["refreshToken"] : [];
    const record: ReceivedRequest = {
      seq: ++seq,
      at: new Date(options.now()).toISOString(),
      method: req.method ?? "",
      path: url.pathname,
      interface: iface,
      headers,
      bodyText: secretFields.length > 0 ? redactJson(bodyText, secretFields) : bodyText,
      body:
        body === undefined
          ? null
          : secretFields.length > 0
            ? JSON.parse(redactJson(bodyText, secretFields))
            : body,
      answer: { status: null, body: null, fault: null, reason: null },
    };
    received.push(record);
    if (received.length > maxReceived) received = received.slice(-maxReceived);

    if (iface === null || req.method !== "POST") {
      return send(res, record, json(404, { error: "not found" }), "unknown path or method");
    }

    const script = scripted.get(iface)?.shift();
    if (script) {
      record.answer.fault = "scripted";
      const text = script.raw ? String(script.body) : JSON.stringify(script.body);
      return send(
        res,
        record,
        { status: script.status, body: text, contentType: script.contentType },
        "scripted answer",
      );
    }

    if (faults.faultPaths.includes(iface)) {
      if (faults.latencyMs > 0) {
        record.answer.fault = "latency";
        await sleep(faults.latencyMs);
      }
      if (roll(faults.hangRate)) {
        record.answer = { status: null, body: null, fault: "hang", reason: "simulated hang: never answered" };
        return;
      }
      if (roll(faults.dropRate)) {
        record.answer = {
          status: null,
          body: null,
          fault: "drop",
          reason: "simulated drop: socket destroyed",
        };
        req.socket.destroy();
        return;
      }
      if (roll(faults.errorRate)) {
        record.answer.fault = "error";
        return send(res, record, errorAnswer(faults.errorKind), `simulated ${faults.errorKind}`);
      }
      if (roll(faults.nonJsonRate)) {
        record.answer.fault = "nonJson";
        const html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        return send(
          res,
          record,
          { status: 200, body: html, contentType: "text/html" },
          "simulated non-JSON answer",
        );
      }
    }

    const contentType = req.headers["content-type"];
    if (contentType !== undefined && !/^application\/json\b/i.test(contentType)) {
      return send(
        res,
        record,
        json(400, { error: "Content-Type must be application/json" }),
        "wrong content type",
      );
    }
    if (body === undefined)
      return send(res, record, json(400, { error: "body is not JSON" }), "body is not JSON");

    if (iface !== "login" && iface !== "refresh" && !tokenValid(tokenOf(req))) {
      return send(
        res,
        record,
        json(403, { error: "authentication failed" }),
        "token missing, unknown or expired",
      );
    }
    const [answer, reason] = routes[iface](body);
    return send(res, record, answer, reason);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = options.host.includes(":") ? `[${options.host}]` : options.host;
  const { random: _r, now: _n, makeToken: _m, ...shownOptions } = options;

  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    options: shownOptions,
    tasks: () => tasks,
    received: () => received.map((r) => structuredClone(r)),
    reset: () => {
      received = [];
    },
    faults: () => ({ ...faults }),
    setFaults: (input) => {
      const { expireTokens: expire, ...rest } = faultsInputSchema.parse(input);
      faults = rest;
      if (expire) expireTokens();
    },
    expireTokens,
    scriptAnswer: (answer) => queueScript(scriptedAnswerSchema.parse(answer)),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Hanging requests (a fault) and idle keep-alive sockets would hold close() open.
        server.closeAllConnections();
      }),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
