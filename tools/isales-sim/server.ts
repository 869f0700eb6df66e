import "server-only";
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type ControlTarget,
  controlAnswer,
  errorAnswer,
  maxReceived,
  parseFaults,
  rollFault,
} from "./control";
import { generateTasks, seededRandom } from "./data";
import { isalesRoutes } from "./routes";
import {
  type Answer,
  json,
  type ParsedScriptedAnswer,
  type ReceivedRequest,
  type SimFaults,
  type SimInterface,
  type SimOptions,
  type Simulator,
  safeJson,
  scriptedAnswerSchema,
  simPaths,
} from "./types";
import { isObject } from "./validate";

/**
 * A stand-in for iSales's OBS interfaces over a real socket, for the demo and the tests.
 *
 * The iSales interfaces are in routes.ts, the simulator's own control interface (/__sim/) and
 * the fault rolls in control.ts, the shapes in types.ts; this file is the HTTP plumbing.
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

const interfaceByPath = new Map<string, SimInterface>(
  Object.entries(simPaths).map(([k, v]) => [v, k as SimInterface]),
);

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
const redacted = "[redacted]";

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
  let faults: SimFaults = parseFaults(options.faults).faults;
  const tasks = generateTasks(options.seed, options.taskCount, options.callsPerTask);
  const isales = isalesRoutes(options, tasks);
  const scripted = new Map<SimInterface, ParsedScriptedAnswer[]>();
  let received: ReceivedRequest[] = [];
  let seq = 0;
  let answeredSeq = 0;
  const authHeaderNames = options.authHeaders.map((h) => h.toLowerCase());

  const control: ControlTarget = {
    received: () => received.map((r) => structuredClone(r)),
    reset: () => {
      received = [];
    },
    faults: () => ({ ...faults }),
    setFaults: (input) => {
      const parsed = parseFaults(input);
      faults = parsed.faults;
      if (parsed.expireTokens) isales.expireTokens();
    },
    expireTokens: isales.expireTokens,
    scriptAnswer: (answer) => {
      const list = scripted.get(answer.interface) ?? [];
      list.push(answer);
      scripted.set(answer.interface, list);
    },
  };

  function send(res: ServerResponse, record: ReceivedRequest | null, answer: Answer, reason: string | null) {
    if (record) {
      const secretKeys = ["token", "refreshToken"];
      const shown =
        record.interface === "login" || record.interface === "refresh"
          ? redactJson(answer.body, secretKeys)
          : answer.body;
      record.answer = {
        ...record.answer,
        status: answer.status,
        body: shown,
        reason,
        answeredSeq: ++answeredSeq,
      };
    }
    res.writeHead(answer.status, {
      "Content-Type": answer.contentType,
      "Content-Length": Buffer.byteLength(answer.body),
    });
    res.end(answer.body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://simulator");
    let bodyText: string;
    try {
      bodyText = await readBody(req);
    } catch {
      return send(res, null, json(400, { error: "body too large or broken" }), null);
    }
    if (url.pathname === "/" || url.pathname.startsWith("/__sim/")) {
      return send(res, null, controlAnswer(req.method ?? "", url, bodyText, control), null);
    }
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
      const fault = rollFault(faults, options.random);
      if (fault === "hang") {
        record.answer = { status: null, body: null, fault: "hang", reason: "simulated hang: never answered" };
        return;
      }
      if (fault === "drop") {
        record.answer = {
          status: null,
          body: null,
          fault: "drop",
          reason: "simulated drop: socket destroyed",
        };
        req.socket.destroy();
        return;
      }
      if (fault === "error") {
        record.answer.fault = "error";
        return send(
          res,
          record,
          errorAnswer(faults.errorKind, faults.resultCode),
          `simulated ${faults.errorKind}`,
        );
      }
      if (fault === "nonJson") {
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

    if (iface !== "login" && iface !== "refresh" && !isales.authorised(req)) {
      return send(
        res,
        record,
        json(403, { error: "authentication failed" }),
        "token missing, unknown or expired",
      );
    }
    const [answer, reason] = isales.routes[iface](body);
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
    received: control.received,
    reset: control.reset,
    faults: control.faults,
    setFaults: control.setFaults,
    expireTokens: control.expireTokens,
    scriptAnswer: (answer) => control.scriptAnswer(scriptedAnswerSchema.parse(answer)),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Hanging requests (a fault) and idle keep-alive sockets would hold close() open.
        server.closeAllConnections();
      }),
  };
}
