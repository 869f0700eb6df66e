import { type AddressInfo, connect, createServer } from "node:net";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { startSimulator } from "@/tools/isales-sim/server";
import type { SimOptions, Simulator } from "@/tools/isales-sim/types";
import { buildMidresultBody, serializeMidresultBody } from "./body";
import { createIsalesClient, getIsalesClient, type IsalesClientOptions, IsalesError } from "./client";

/** Every case runs against the simulator over a real socket. */

const exampleBody = serializeMidresultBody(
  buildMidresultBody(
    {
      subCCNo: 1,
      vdnId: 88,
      uniqueId: "21713676089219765504",
      serviceId: "1251250797",
      deviceType: 2,
      phoneNumber: "88889156",
    },
    "UTC",
  ),
);

const password = "pw-SECRET-7f3a91";
const running: Simulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** A clock shared by the simulator and the client, moved by hand. */
function manualClock(start = Date.parse("2024-06-01T08:00:00Z")) {
  let t = start;
  return { now: () => t, advanceS: (s: number) => (t += s * 1000) };
}

/** Tokens the test can name, so it can look for them where they must not be. */
function knownTokens() {
  const issued: string[] = [];
  return {
    issued,
    makeToken: () => {
      const token = `tok-SECRET-${issued.length + 1}-${"x".repeat(8)}`;
      issued.push(token);
      return token;
    },
  };
}

function captureLogs() {
  const lines: string[] = [];
  const logger = pino({ level: "trace" }, { write: (line: string) => lines.push(line) });
  return { logger, lines };
}

async function sim(options: Partial<SimOptions> = {}) {
  const s = await startSimulator({ fixedTokens: ["fixed-token"], password, ...options });
  running.push(s);
  return s;
}

function client(s: Simulator, extra: Partial<IsalesClientOptions> = {}) {
  return createIsalesClient({
    baseUrl: s.url,
    auth: { kind: "token", token: "fixed-token" },
    authHeader: "Authorization",
    timeoutMs: 3000,
    refreshMarginS: 30,
    logger: captureLogs().logger,
    ...extra,
  });
}

const interfaces = (s: Simulator) =>
  s.received().map((r) => `${r.interface}:${r.answer.status ?? r.answer.fault}`);

describe("postWriteBack outcomes", () => {
  it("accepted: result 0, the exact text sent and kept", async () => {
    const s = await sim();
    const result = await client(s).postWriteBack(exampleBody);
    expect(result.outcome).toEqual({ kind: "accepted", httpStatus: 200, resultCode: "0" });
    expect(result.requestBody).toBe(exampleBody);
    expect(result.responseBody).toBe('{"result":0}');
    expect(result.startedAt).toBeInstanceOf(Date);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    const [received] = s.received();
    expect(received?.bodyText).toBe(exampleBody);
    expect(received?.headers["content-type"]).toBe("application/json");
    expect(received?.headers.authorization).toBe("[redacted]");
  });

  it('accepted: result as the string "0"', async () => {
    const s = await sim();
    s.scriptAnswer({ interface: "midresult", body: { result: "0" } });
    const { outcome } = await client(s).postWriteBack(exampleBody);
    expect(outcome).toEqual({ kind: "accepted", httpStatus: 200, resultCode: "0" });
  });

  it("sends call/result to its own path", async () => {
    const s = await sim();
    const { outcome } = await client(s).postWriteBack(exampleBody, "result");
    expect(outcome.kind).toBe("accepted");
    expect(s.received()[0]?.path).toBe("/rest/isales/v1/openapi/obs/business/call/result");
  });

  it("refused: another result code is kept as text", async () => {
    const s = await sim({ faults: { errorRate: 1, errorKind: "refuse", resultCode: "0200033" } });
    const result = await client(s).postWriteBack(exampleBody);
    expect(result.outcome).toEqual({ kind: "refused", httpStatus: 200, resultCode: "0200033" });
    expect(result.responseBody).toBe('{"result":"0200033"}');
  });

  it("refused: the simulator's strict check of a string subCCNo", async () => {
    const s = await sim();
    const wrong = exampleBody.replace('"subCCNo":1', '"subCCNo":"1"');
    const { outcome } = await client(s).postWriteBack(wrong);
    expect(outcome).toEqual({ kind: "refused", httpStatus: 200, resultCode: "02000006" });
  });

  it.each([
    ["http400", 400],
    ["http401", 401],
    ["http403", 403],
    ["http500", 500],
    ["http429", 429],
    ["http503", 503],
  ] as const)("http_error: %s", async (errorKind, status) => {
    const s = await sim({ faults: { errorRate: 1, errorKind } });
    const result = await client(s).postWriteBack(exampleBody);
    expect(result.outcome).toEqual({ kind: "http_error", httpStatus: status });
    expect(result.responseBody).toContain(String(status));
    // Fixed-token mode: a 403 is just an outcome, never retried.
    expect(s.received()).toHaveLength(1);
  });

  it("http_error 404: the base address points at the wrong path", async () => {
    const s = await sim();
    const { outcome } = await client(s, { baseUrl: `${s.url}/wrong` }).postWriteBack(exampleBody);
    expect(outcome).toEqual({ kind: "http_error", httpStatus: 404 });
  });

  it("http_error 500: a wrong value (time format)", async () => {
    const s = await sim();
    const bad = exampleBody.replace('"fetchTime":""', '"fetchTime":"2024-06-01T08:00:00Z"');
    const { outcome } = await client(s).postWriteBack(bad);
    expect(outcome).toEqual({ kind: "http_error", httpStatus: 500 });
  });

  it("no_answer timeout: the simulator hangs, the client gives up", async () => {
    const s = await sim({ faults: { hangRate: 1 } });
    const result = await client(s, { timeoutMs: 200 }).postWriteBack(exampleBody);
    expect(result.outcome).toEqual({ kind: "no_answer", reason: "timeout" });
    expect(result.responseBody).toBeNull();
    expect(s.received()[0]?.answer.fault).toBe("hang");
  });

  it("no_answer refused: nothing listens on the port", async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, "127.0.0.1", () => {
        const address = server.address();
        server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
      });
    });
    const c = createIsalesClient({
      baseUrl: `http://127.0.0.1:${port}`,
      auth: { kind: "token", token: "fixed-token" },
      authHeader: "Authorization",
      timeoutMs: 2000,
      refreshMarginS: 30,
      logger: captureLogs().logger,
    });
    const result = await c.postWriteBack(exampleBody);
    expect(result.outcome).toEqual({ kind: "no_answer", reason: "refused" });
  });

  it("no_answer reset: the simulator drops the connection", async () => {
    const s = await sim({ faults: { dropRate: 1 } });
    const { outcome } = await client(s).postWriteBack(exampleBody);
    expect(outcome).toEqual({ kind: "no_answer", reason: "reset" });
  });

  it("no_answer dns: the host name does not resolve", async () => {
    const c = createIsalesClient({
      baseUrl: "http://isales.preview-desk.invalid",
      auth: { kind: "token", token: "fixed-token" },
      authHeader: "Authorization",
      timeoutMs: 3000,
      refreshMarginS: 30,
      logger: captureLogs().logger,
    });
    const { outcome } = await c.postWriteBack(exampleBody);
    expect(outcome).toEqual({ kind: "no_answer", reason: "dns" });
  });

  it("invalid_answer: HTTP 200 with an HTML page", async () => {
    const s = await sim({ faults: { nonJsonRate: 1 } });
    const result = await client(s).postWriteBack(exampleBody);
    expect(result.outcome.kind).toBe("invalid_answer");
    if (result.outcome.kind === "invalid_answer") {
      expect(result.outcome.httpStatus).toBe(200);
      expect(result.outcome.bodyExcerpt).toContain("<html>");
    }
  });

  it("invalid_answer: JSON without result; long answers are kept cut to 4 KiB", async () => {
    const s = await sim();
    s.scriptAnswer({ interface: "midresult", body: { ok: true, filler: "é".repeat(5000) } });
    const result = await client(s).postWriteBack(exampleBody);
    expect(result.outcome.kind).toBe("invalid_answer");
    expect(Buffer.byteLength(result.responseBody ?? "")).toBeLessThanOrEqual(4096);
    expect(result.responseBody?.startsWith('{"ok":true')).toBe(true);
    expect(result.responseBody).not.toContain("\uFFFD");
  });
});

describe("connections", () => {
  it("write-backs a second apart share one kept-alive connection", async () => {
    const s = await sim();
    // A TCP relay in front of the simulator counts the connections the client opens.
    const target = new URL(s.url);
    let connections = 0;
    const relay = createServer((socket) => {
      connections += 1;
      const upstream = connect(Number(target.port), target.hostname);
      socket.pipe(upstream).pipe(socket);
      upstream.on("error", () => socket.destroy());
      socket.on("error", () => upstream.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
    try {
      const c = client(s, { baseUrl: `http://127.0.0.1:${(relay.address() as AddressInfo).port}` });
      for (let i = 0; i < 3; i += 1) {
        expect((await c.postWriteBack(exampleBody)).outcome.kind).toBe("accepted");
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      expect(s.received()).toHaveLength(3);
      expect(connections).toBe(1);
    } finally {
      relay.close();
    }
  });
});

describe("fixed-token mode", () => {
  it("sends the token in the Authentication header when told to", async () => {
    const s = await sim({ authHeaders: ["Authentication"] });
    const ok = await client(s, { authHeader: "Authentication" }).postWriteBack(exampleBody);
    expect(ok.outcome.kind).toBe("accepted");
    expect(s.received()[0]?.headers.authentication).toBe("[redacted]");
    const wrongHeader = await client(s, { authHeader: "Authorization" }).postWriteBack(exampleBody);
    expect(wrongHeader.outcome).toEqual({ kind: "http_error", httpStatus: 403 });
  });

  it("sends the token in the Authorization header", async () => {
    const s = await sim({ authHeaders: ["Authorization"] });
    const { outcome } = await client(s, { authHeader: "Authorization" }).postWriteBack(exampleBody);
    expect(outcome.kind).toBe("accepted");
  });

  it("a wrong fixed token is a 403 outcome, not retried", async () => {
    const s = await sim();
    const c = client(s, { auth: { kind: "token", token: "not-the-token" } });
    const { outcome } = await c.postWriteBack(exampleBody);
    expect(outcome).toEqual({ kind: "http_error", httpStatus: 403 });
    expect(interfaces(s)).toEqual(["midresult:403"]);
  });
});

describe("log-in mode", () => {
  const loginClient = (
    s: Simulator,
    clock: { now: () => number },
    extra: Partial<IsalesClientOptions> = {},
  ) => client(s, { auth: { kind: "login", user: "demo", password }, now: clock.now, ...extra });

  it("logs in on first need, refreshes before expiry, logs in again when the refresh token ran out", async () => {
    const clock = manualClock();
    const s = await sim({ now: clock.now, tokenTtlS: 300, refreshTtlS: 3600 });
    const c = loginClient(s, clock);
    expect((await c.postWriteBack(exampleBody)).outcome.kind).toBe("accepted");
    expect((await c.postWriteBack(exampleBody)).outcome.kind).toBe("accepted");
    expect(interfaces(s)).toEqual(["login:200", "midresult:200", "midresult:200"]);

    // 280 s: inside the 30 s margin of the 300 s token: refresh first.
    clock.advanceS(280);
    s.reset();
    expect((await c.postWriteBack(exampleBody)).outcome.kind).toBe("accepted");
    expect(interfaces(s)).toEqual(["refresh:200", "midresult:200"]);
    const refresh = s.received()[0];
    expect(refresh?.bodyText).toBe('{"refreshToken":"[redacted]"}');

    // Past the refresh token's 3600 s: log in again rather than refresh.
    clock.advanceS(3600);
    s.reset();
    expect((await c.postWriteBack(exampleBody)).outcome.kind).toBe("accepted");
    expect(interfaces(s)).toEqual(["login:200", "midresult:200"]);
  });

  it("accepts lifetimes sent as numeric strings", async () => {
    const clock = manualClock();
    const s = await sim({ now: clock.now, lifetimesAsStrings: true, tokenTtlS: 120 });
    const c = loginClient(s, clock);
    await c.postWriteBack(exampleBody);
    clock.advanceS(100);
    await c.postWriteBack(exampleBody);
    expect(interfaces(s)).toEqual(["login:200", "midresult:200", "refresh:200", "midresult:200"]);
  });

  it("after a 403 logs in afresh and retries exactly once", async () => {
    const clock = manualClock();
    const s = await sim({ now: clock.now });
    const c = loginClient(s, clock);
    await c.postWriteBack(exampleBody);
    s.expireTokens();
    s.reset();
    const { outcome } = await c.postWriteBack(exampleBody);
    expect(outcome.kind).toBe("accepted");
    expect(interfaces(s)).toEqual(["midresult:403", "login:200", "midresult:200"]);
  });

  it("a 403 that persists after the fresh log-in is reported, after one retry only", async () => {
    const clock = manualClock();
    const s = await sim({ now: clock.now, faults: { errorRate: 1, errorKind: "http403" } });
    const { outcome } = await loginClient(s, clock).postWriteBack(exampleBody);
    expect(outcome).toEqual({ kind: "http_error", httpStatus: 403 });
    expect(interfaces(s)).toEqual(["login:200", "midresult:403", "login:200", "midresult:403"]);
  });

  it("a 401 gets the same one fresh log-in and one retry, then is reported", async () => {
    const clock = manualClock();
    const s = await sim({ now: clock.now, faults: { errorRate: 1, errorKind: "http401" } });
    const { outcome } = await loginClient(s, clock).postWriteBack(exampleBody);
    expect(outcome).toEqual({ kind: "http_error", httpStatus: 401 });
    expect(interfaces(s)).toEqual(["login:200", "midresult:401", "login:200", "midresult:401"]);
  });

  it("when the refresh fails, logs in again", async () => {
    const clock = manualClock();
    const s = await sim({ now: clock.now });
    const c = loginClient(s, clock);
    await c.postWriteBack(exampleBody);
    s.expireTokens(); // the refresh token is forgotten too
    clock.advanceS(290);
    s.reset();
    expect((await c.postWriteBack(exampleBody)).outcome.kind).toBe("accepted");
    expect(interfaces(s)).toEqual(["refresh:403", "login:200", "midresult:200"]);
  });

  it("concurrent callers share one log-in", async () => {
    const clock = manualClock();
    const s = await sim({ now: clock.now, faults: { latencyMs: 50, faultPaths: ["login"] } });
    const c = loginClient(s, clock);
    const results = await Promise.all(Array.from({ length: 8 }, () => c.postWriteBack(exampleBody)));
    expect(results.every((r) => r.outcome.kind === "accepted")).toBe(true);
    expect(s.received().filter((r) => r.interface === "login")).toHaveLength(1);
  });

  it("concurrent 403s share one fresh log-in", async () => {
    const clock = manualClock();
    const s = await sim({ now: clock.now });
    const c = loginClient(s, clock);
    await c.postWriteBack(exampleBody);
    s.expireTokens();
    s.reset();
    const results = await Promise.all(Array.from({ length: 5 }, () => c.postWriteBack(exampleBody)));
    expect(results.every((r) => r.outcome.kind === "accepted")).toBe(true);
    expect(s.received().filter((r) => r.interface === "login")).toHaveLength(1);
    expect(s.received().filter((r) => r.interface === "midresult")).toHaveLength(10);
  });

  it("a refused log-in makes a write-back an HTTP 403 outcome and tasks() throw auth_failed", async () => {
    const s = await sim();
    const c = client(s, { auth: { kind: "login", user: "demo", password: "wrong" } });
    expect((await c.postWriteBack(exampleBody)).outcome).toEqual({ kind: "http_error", httpStatus: 403 });
    const error = await c.tasks(1, 88).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IsalesError);
    expect(error).toMatchObject({ kind: "auth_failed", httpStatus: 403 });
    expect(s.received().some((r) => r.interface === "midresult")).toBe(false);
  });
});

describe("secrets", () => {
  it("never puts a token, refresh token or the password in logs or errors", async () => {
    const clock = manualClock();
    const tokens = knownTokens();
    const { logger, lines } = captureLogs();
    const s = await sim({ now: clock.now, makeToken: tokens.makeToken });
    const c = client(s, {
      auth: { kind: "login", user: "demo", password },
      now: clock.now,
      logger,
      timeoutMs: 300,
    });
    const errors: unknown[] = [];
    const attempt = async (f: () => Promise<unknown>) => {
      try {
        await f();
      } catch (error) {
        errors.push(error);
      }
    };

    await c.postWriteBack(exampleBody);
    await attempt(() => c.tasks(1, 88));
    s.expireTokens();
    await c.postWriteBack(exampleBody);
    clock.advanceS(290);
    await c.postWriteBack(exampleBody);
    for (const faults of [{ hangRate: 1 }, { dropRate: 1 }, { nonJsonRate: 1 }, { errorRate: 1 }] as const) {
      s.setFaults({ ...faults, faultPaths: ["tasks", "callnos", "refresh"] });
      await attempt(() => c.tasks(1, 88));
      await attempt(() => c.callnos({ subCCNo: 1, vdnId: 88, serviceId: "1251250797", batchCount: 1 }));
    }
    s.setFaults({ errorRate: 1, errorKind: "http403", faultPaths: ["login"] });
    s.expireTokens();
    await attempt(() => c.tasks(1, 88));
    const badLogin = client(s, {
      auth: { kind: "login", user: "demo", password: "wrong-SECRET-pw" },
      logger,
    });
    s.setFaults({});
    await attempt(() => badLogin.tasks(1, 88));
    s.scriptAnswer({
      interface: "login",
      body: { result: 0, resultData: { token: "tok-SECRET-half", refreshToken: 7 } },
    });
    await attempt(() => badLogin.tasks(1, 88));

    expect(tokens.issued.length).toBeGreaterThanOrEqual(4);
    expect(errors.length).toBeGreaterThanOrEqual(9);
    expect(lines.length).toBeGreaterThan(10);
    const exposed = [
      ...lines,
      ...errors.map((e) =>
        e instanceof Error ? `${e.message}\n${e.stack}\n${JSON.stringify(e)}` : String(e),
      ),
    ].join("\n");
    for (const secret of [...tokens.issued, password, "wrong-SECRET-pw", "tok-SECRET-half", "SECRET"]) {
      expect(exposed).not.toContain(secret);
    }
    expect(errors.every((e) => e instanceof IsalesError)).toBe(true);
  });
});

describe("tasks and callnos", () => {
  it("lists the simulator's tasks", async () => {
    const s = await sim();
    const tasks = await client(s).tasks(1, 88);
    expect(tasks).toEqual(s.tasks().map((t) => ({ serviceId: t.serviceId })));
    expect(tasks).toHaveLength(3);
    expect(s.received()[0]?.bodyText).toBe('{"subCCNo":1,"vdnId":88}');
  });

  it("one record (batchCount 1), then an array; each call hands out the next records", async () => {
    const s = await sim();
    const c = client(s);
    const [task] = s.tasks();
    const first = await c.callnos({ subCCNo: 1, vdnId: 88, serviceId: "1251250797", batchCount: 1 });
    expect(JSON.parse(s.received()[0]?.answer.body ?? "").resultData.uniqueId).toBeTypeOf("string");
    // callnos types serviceId as Integer: a numeric task id goes as a number.
    expect(s.received()[0]?.bodyText).toBe('{"subCCNo":1,"vdnId":88,"serviceId":1251250797,"batchCount":1}');
    expect(first.rejected).toEqual([]);
    expect(first.records).toHaveLength(1);
    const record = first.records[0];
    expect(record?.uniqueId).toBe(task?.records[0]?.uniqueId);
    expect(record?.uniqueId).toMatch(/^\d{20}$/);
    expect(record?.serviceId).toBe("1251250797");
    expect(record?.phoneNumbers.length).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(record?.callData ?? "")).toHaveProperty("name");

    const next = await c.callnos({ subCCNo: 1, vdnId: 88, serviceId: "1251250797", batchCount: 3 });
    expect(Array.isArray(JSON.parse(s.received()[1]?.answer.body ?? "").resultData)).toBe(true);
    expect(next.records.map((r) => r.uniqueId)).toEqual(task?.records.slice(1, 4).map((r) => r.uniqueId));
  });

  it("a list nested under resultData", async () => {
    const s = await sim({ callnosShape: "nested" });
    const { records, rejected } = await client(s).callnos({
      subCCNo: 1,
      vdnId: 88,
      serviceId: "1251250798",
      batchCount: 2,
    });
    expect(JSON.parse(s.received()[0]?.answer.body ?? "").resultData.callList).toHaveLength(2);
    expect(records).toHaveLength(2);
    expect(rejected).toEqual([]);
  });

  it("keeps a record it cannot read in rejected, with the reason; accepts the variant spellings", async () => {
    const s = await sim();
    const good = { seviceId: "9", uniqueId: "00000000000000000001", phoneNumber: ["139"], callData: "{}" };
    const variant = {
      serviceId: "9",
      uniqueId: "00000000000000000002",
      phoneNumber: "138",
      callerNumber: "1",
    };
    const noPhone = { seviceId: "9", uniqueId: "00000000000000000003", phoneNumber: [] };
    const numericId = { seviceId: "9", uniqueId: Number("21713676089219765504"), phoneNumber: ["137"] };
    s.scriptAnswer({
      interface: "callnos",
      body: { result: "0", resultData: [good, variant, noPhone, numericId] },
    });
    const { records, rejected } = await client(s).callnos({
      subCCNo: 1,
      vdnId: 88,
      serviceId: "9",
      batchCount: 4,
    });
    expect(records).toEqual([
      {
        serviceId: "9",
        uniqueId: "00000000000000000001",
        phoneNumbers: ["139"],
        callData: "{}",
        callerNumber: "",
        ieData: "",
      },
      {
        serviceId: "9",
        uniqueId: "00000000000000000002",
        phoneNumbers: ["138"],
        callData: "",
        callerNumber: "1",
        ieData: "",
      },
    ]);
    expect(rejected).toHaveLength(2);
    expect(rejected[0]?.raw).toEqual(noPhone);
    expect(rejected[0]?.reason).toContain("phone");
    expect(rejected[1]?.reason).toContain("uniqueId");
  });

  it("throws a typed error: refused, HTTP, no answer, unreadable", async () => {
    const s = await sim();
    const c = client(s, { timeoutMs: 300 });
    const call = () => c.callnos({ subCCNo: 1, vdnId: 88, serviceId: "404404", batchCount: 1 });
    await expect(call()).rejects.toMatchObject({ kind: "refused", resultCode: "0200033" });
    s.setFaults({ errorRate: 1, errorKind: "http500", faultPaths: ["tasks"] });
    await expect(c.tasks(1, 88)).rejects.toMatchObject({ kind: "http_error", httpStatus: 500 });
    s.setFaults({ hangRate: 1, faultPaths: ["tasks"] });
    await expect(c.tasks(1, 88)).rejects.toMatchObject({ kind: "no_answer", reason: "timeout" });
    s.setFaults({ nonJsonRate: 1, faultPaths: ["tasks"] });
    await expect(c.tasks(1, 88)).rejects.toMatchObject({ kind: "invalid_answer" });
  });
});

describe("getIsalesClient", () => {
  it("builds one client from settings and keeps it", async () => {
    const s = await sim();
    process.env.ISALES_BASE_URL = s.url;
    process.env.ISALES_TOKEN = "fixed-token";
    process.env.LOG_LEVEL = "silent";
    const a = getIsalesClient();
    expect(getIsalesClient()).toBe(a);
    expect((await a.postWriteBack(exampleBody)).outcome.kind).toBe("accepted");
  });
});
