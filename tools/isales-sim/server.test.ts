import { afterEach, describe, expect, it } from "vitest";
import { startSimulator } from "./server";
import { type SimOptions, type Simulator, simPaths } from "./types";

const example = {
  subCCNo: 1,
  vdnId: 88,
  uniqueId: "21713676089219765504",
  serviceId: "1251250797",
  status: "",
  deviceType: 2,
  phoneNumber: "88889156",
  failCode: "",
  asrResult: "",
  fetchTime: "",
  writeStartTime: "",
  endCallTime: "",
  callId: "",
};

const jsonOnly = { "Content-Type": "application/json" };
const running: Simulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function sim(options: Partial<SimOptions> = {}) {
  const s = await startSimulator({ fixedTokens: ["t"], ...options });
  running.push(s);
  return s;
}

async function post(
  s: Simulator,
  path: string,
  body: unknown,
  headers: Record<string, string> = { Authorization: "Bearer t", "Content-Type": "application/json" },
) {
  const response = await fetch(`${s.url}${path}`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: the test looks at text
  }
  return { status: response.status, text, json };
}

describe("strict validation of a write-back", () => {
  it("accepts the vendor's example record", async () => {
    const s = await sim();
    expect(await post(s, simPaths.midresult, example)).toMatchObject({ status: 200, json: { result: 0 } });
    expect(await post(s, simPaths.result, example)).toMatchObject({ status: 200, json: { result: 0 } });
  });

  it.each([
    ["a string subCCNo", { ...example, subCCNo: "1" }, "02000006"],
    ["a fractional vdnId", { ...example, vdnId: 88.5 }, "02000006"],
    ["a numeric uniqueId", { ...example, uniqueId: Number("21713676089219765504") }, "02000006"],
    ["a string deviceType", { ...example, deviceType: "2" }, "02000006"],
    ["a null status", { ...example, status: null }, "02000006"],
    ["no uniqueId", { ...example, uniqueId: undefined }, "02000001"],
    ["an empty serviceId", { ...example, serviceId: "" }, "02000001"],
    ["a JSON array", [example], "0200001"],
    ["a NUL in callId", { ...example, callId: "C\u0000" }, "02000002"],
    ["a control character in status", { ...example, status: "6\u0007" }, "02000002"],
  ])("refuses %s with HTTP 200 and a parameter code", async (_label, body, code) => {
    const s = await sim();
    expect(await post(s, simPaths.midresult, body)).toMatchObject({ status: 200, json: { result: code } });
  });

  it("accepts deviceType empty and times in the documented format", async () => {
    const s = await sim();
    const body = {
      ...example,
      deviceType: "",
      fetchTime: "2024-02-29 23:59:59",
      endCallTime: "2024-03-01 00:00:00",
    };
    expect(await post(s, simPaths.midresult, body)).toMatchObject({ status: 200, json: { result: 0 } });
  });

  it.each([
    ["a time with a T", { ...example, writeStartTime: "2024-03-01T10:00:00" }],
    ["a date that does not exist", { ...example, fetchTime: "2023-02-29 10:00:00" }],
    ["a phone number with a +", { ...example, phoneNumber: "+8613900000000" }],
    ["a phone number longer than 24", { ...example, phoneNumber: "1".repeat(25) }],
    ["vdnId 0", { ...example, vdnId: 0 }],
    ["vdnId 10000", { ...example, vdnId: 10000 }],
    ["deviceType 4 (not a documented device type)", { ...example, deviceType: 4 }],
    ["deviceType 999", { ...example, deviceType: 999 }],
    ["failCode ZZZZZ", { ...example, failCode: "ZZZZZ" }],
    [
      "an end before the start",
      { ...example, writeStartTime: "2024-03-01 10:00:00", endCallTime: "2024-03-01 09:59:59" },
    ],
  ])("answers HTTP 500 for %s", async (_label, body) => {
    const s = await sim();
    expect((await post(s, simPaths.midresult, body)).status).toBe(500);
  });

  it("answers HTTP 400 for a body that is not JSON or the wrong content type", async () => {
    const s = await sim();
    expect((await post(s, simPaths.midresult, "{not json")).status).toBe(400);
    const form = await post(s, simPaths.midresult, example, {
      Authorization: "Bearer t",
      "Content-Type": "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(400);
  });

  it("answers 404 for an unknown path or method, 403 without a good token", async () => {
    const s = await sim();
    expect((await post(s, "/rest/isales/v1/openapi/obs/business/nothing", example)).status).toBe(404);
    expect((await fetch(`${s.url}${simPaths.midresult}`)).status).toBe(404);
    expect((await post(s, simPaths.midresult, example, { "Content-Type": "application/json" })).status).toBe(
      403,
    );
    const bad = await post(s, simPaths.midresult, example, {
      Authorization: "Bearer nope",
      "Content-Type": "application/json",
    });
    expect(bad.status).toBe(403);
  });
});

describe("tokens", () => {
  it("issues tokens that expire after tokenTtlS, refreshes, and refuses an expired refresh token", async () => {
    let now = 1_700_000_000_000;
    const s = await sim({ now: () => now, tokenTtlS: 60, refreshTtlS: 120 });
    const login = await post(s, simPaths.login, { user: "demo", passwd: "demo-password" }, jsonOnly);
    expect(login.status).toBe(200);
    const data = (login.json as { resultData: Record<string, unknown> }).resultData;
    expect(data).toMatchObject({ tokenExpirationTime: 60, refreshExpirationTime: 120 });
    const auth = { Authorization: `Bearer ${String(data.token)}`, "Content-Type": "application/json" };
    expect((await post(s, simPaths.midresult, example, auth)).status).toBe(200);
    now += 61_000;
    expect((await post(s, simPaths.midresult, example, auth)).status).toBe(403);

    const refreshed = await post(s, simPaths.refresh, { refreshToken: data.refreshToken }, jsonOnly);
    const fresh = (refreshed.json as { resultData: Record<string, unknown> }).resultData;
    expect(fresh.refreshExpirationTime).toBe(59);
    const auth2 = { Authentication: String(fresh.token), "Content-Type": "application/json" };
    expect((await post(s, simPaths.midresult, example, auth2)).status).toBe(200);

    now += 60_000;
    expect((await post(s, simPaths.refresh, { refreshToken: data.refreshToken }, jsonOnly)).status).toBe(403);
    expect((await post(s, simPaths.login, { user: "demo", passwd: "wrong" }, jsonOnly)).status).toBe(403);
  });

  it("expire-tokens invalidates every issued token but not the fixed ones", async () => {
    const s = await sim();
    const login = await post(s, simPaths.login, { user: "demo", passwd: "demo-password" }, jsonOnly);
    const token = String((login.json as { resultData: { token: string } }).resultData.token);
    const auth = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
    expect((await fetch(`${s.url}/__sim/expire-tokens`, { method: "POST" })).status).toBe(200);
    expect((await post(s, simPaths.midresult, example, auth)).status).toBe(403);
    expect((await post(s, simPaths.midresult, example)).status).toBe(200);
  });

  it("accepts only the configured header names", async () => {
    const s = await sim({ authHeaders: ["Authorization"] });
    const viaOther = await post(s, simPaths.midresult, example, {
      Authentication: "Bearer t",
      "Content-Type": "application/json",
    });
    expect(viaOther.status).toBe(403);
  });
});

describe("call data", () => {
  it("lists tasks and hands out records once, in order, batchCount respected", async () => {
    const s = await sim({ taskCount: 2, callsPerTask: 3 });
    const tasks = await post(s, simPaths.tasks, { subCCNo: 1, vdnId: 88 });
    expect(tasks.json).toEqual({
      result: 0,
      resultData: { taskData: [{ serviceId: "1251250797" }, { serviceId: "1251250798" }] },
    });
    const first = await post(s, simPaths.callnos, {
      subCCNo: 1,
      vdnId: 88,
      serviceId: 1251250798,
      batchCount: 2,
    });
    const records = (
      first.json as { resultData: { uniqueId: string; seviceId: string; phoneNumber: string[] }[] }
    ).resultData;
    expect(records).toHaveLength(2);
    for (const r of records) {
      expect(r.uniqueId).toMatch(/^\d{20}$/);
      expect(r.seviceId).toBe("1251250798");
      expect(r.phoneNumber.length).toBeGreaterThanOrEqual(1);
      expect(r.phoneNumber.length).toBeLessThanOrEqual(3);
      for (const p of r.phoneNumber) expect(p).toMatch(/^[0-9]{8,11}$/);
    }
    const second = await post(s, simPaths.callnos, {
      subCCNo: 1,
      vdnId: 88,
      serviceId: "1251250798",
      batchCount: 5,
    });
    const one = (second.json as { resultData: { uniqueId: string } }).resultData;
    expect(one.uniqueId).not.toBe(records[0]?.uniqueId);
    expect(one.uniqueId).not.toBe(records[1]?.uniqueId);
    const empty = await post(s, simPaths.callnos, {
      subCCNo: 1,
      vdnId: 88,
      serviceId: "1251250798",
      batchCount: 5,
    });
    expect(empty.json).toEqual({ result: 0, resultData: [] });
  });

  it("is deterministic for a seed", async () => {
    const a = await sim({ seed: 7 });
    const b = await sim({ seed: 7 });
    expect(a.tasks()).toEqual(b.tasks());
  });
});

describe("faults and inspection", () => {
  it("applies faults from the control endpoint only to the chosen interfaces", async () => {
    const s = await sim();
    const set = await fetch(`${s.url}/__sim/faults`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ errorRate: 1, errorKind: "http429" }),
    });
    expect(set.status).toBe(200);
    expect(await (await fetch(`${s.url}/__sim/faults`)).json()).toMatchObject({
      errorRate: 1,
      errorKind: "http429",
    });
    expect((await post(s, simPaths.midresult, example)).status).toBe(429);
    expect((await post(s, simPaths.tasks, { subCCNo: 1, vdnId: 88 })).status).toBe(200);
    s.setFaults({ errorRate: 1, errorKind: "http503", faultPaths: ["tasks"] });
    expect((await post(s, simPaths.tasks, { subCCNo: 1, vdnId: 88 })).status).toBe(503);
    expect((await post(s, simPaths.midresult, example)).status).toBe(200);
  });

  it("refuses a bad faults body, naming the problem", async () => {
    const s = await sim();
    const bad = await fetch(`${s.url}/__sim/faults`, {
      method: "POST",
      body: JSON.stringify({ errorRate: 2, errorKind: "teapot" }),
    });
    expect(bad.status).toBe(400);
    const text = await bad.text();
    expect(text).toContain("errorRate");
    expect(text).toContain("errorKind");
    expect(s.faults().errorRate).toBe(0);
  });

  it("rolls rates with the injected random", async () => {
    const rolls = [0.1, 0.9];
    const s = await sim({
      random: () => rolls.shift() ?? 0.99,
      faults: { errorRate: 0.5, errorKind: "http500" },
    });
    expect((await post(s, simPaths.midresult, example)).status).toBe(500);
    expect((await post(s, simPaths.midresult, example)).status).toBe(200);
  });

  it("keeps what it received, without the token, newest last, and shows it escaped", async () => {
    const s = await sim();
    await post(
      s,
      simPaths.login,
      { user: "demo", passwd: "demo-password" },
      { "Content-Type": "application/json" },
    );
    await post(s, simPaths.midresult, { ...example, asrResult: "<script>alert(1)</script>" });
    await post(s, simPaths.midresult, example);
    const all = (await (await fetch(`${s.url}/__sim/received`)).json()) as {
      path: string;
      bodyText: string;
    }[];
    expect(all).toHaveLength(3);
    const text = JSON.stringify(all);
    expect(text).not.toContain("demo-password");
    expect(text).not.toContain("Bearer t");
    const last = (await (await fetch(`${s.url}/__sim/received?limit=1`)).json()) as { bodyText: string }[];
    expect(last).toHaveLength(1);
    expect(last[0]?.bodyText).toBe(JSON.stringify(example));
    expect((await fetch(`${s.url}/__sim/received?limit=abc`)).status).toBe(400);

    const page = await (await fetch(`${s.url}/`)).text();
    expect(page).toContain("2 write-back(s) received");
    expect(page).not.toContain("<script>alert");
    expect(page).toContain("&#60;script&#62;");

    expect((await fetch(`${s.url}/__sim/reset`, { method: "POST" })).status).toBe(200);
    expect(s.received()).toEqual([]);
  });
});
