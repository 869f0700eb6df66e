import type { IncomingMessage } from "node:http";
import type { SimCallRecord, SimTask } from "./data";
import { type Answer, json, type SimInterface, type SimOptions } from "./types";
import { isObject, readId, resultCodes, validateWriteBack } from "./validate";

/**
 * The iSales interfaces the simulator plays (log-in, refresh, tasks, callnos, midresult,
 * result) and the tokens they issue. Each route takes the parsed body and returns the answer
 * and, when it was not a plain success, why.
 */

export type RouteResult = [Answer, string | null];

export type IsalesRoutes = {
  routes: Record<SimInterface, (body: unknown) => RouteResult>;
  /** Whether the request carries a valid token (in any of the accepted headers). */
  authorised(req: IncomingMessage): boolean;
  /** Invalidate every issued token and refresh token now. */
  expireTokens(): void;
};

export function isalesRoutes(options: SimOptions, tasks: readonly SimTask[]): IsalesRoutes {
  const cursors = new Map<string, number>();
  const tokens = new Map<string, number>();
  const refreshTokens = new Map<string, number>();
  const authHeaderNames = options.authHeaders.map((h) => h.toLowerCase());

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

  function login(body: unknown): RouteResult {
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

  function refresh(body: unknown): RouteResult {
    if (!isObject(body) || typeof body.refreshToken !== "string") {
      return [json(200, { result: resultCodes.missing }), "refreshToken is a required string"];
    }
    const expiresAt = refreshTokens.get(body.refreshToken);
    if (expiresAt === undefined || options.now() >= expiresAt) {
      return [json(403, { error: "authentication failed" }), "refresh token unknown or expired"];
    }
    return [json(200, { result: 0, resultData: issueToken(body.refreshToken, expiresAt) }), null];
  }

  function taskList(body: unknown): RouteResult {
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

  function callnos(body: unknown): RouteResult {
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

  function writeBack(body: unknown): RouteResult {
    const verdict = validateWriteBack(body);
    if (verdict.ok) return [json(200, { result: 0 }), null];
    if (verdict.status === 500) return [json(500, { error: verdict.reason }), verdict.reason];
    return [json(200, { result: verdict.result }), verdict.reason];
  }

  return {
    routes: { login, refresh, tasks: taskList, callnos, midresult: writeBack, result: writeBack },
    authorised: (req) => tokenValid(tokenOf(req)),
    expireTokens: () => {
      tokens.clear();
      refreshTokens.clear();
    },
  };
}
