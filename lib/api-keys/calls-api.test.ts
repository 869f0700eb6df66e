import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { apiKeys, calls } from "@/lib/db/schema";
import { type TestDatabase, testBackends } from "@/test/support/databases";
import { quietSettings } from "@/test/support/delivery";
import { type CallsApiOptions, handleCallsGet, handleCallsPost } from "./calls-api";
import { createApiKey, hashApiKey, listApiKeys, newApiKeySchema, revokeApiKey } from "./keys";
import { openApiDocument } from "./openapi";

quietSettings();

const options: CallsApiOptions = { timeZone: "Asia/Shanghai", defaultRateLimitPerMin: 1000 };
const base = "http://preview-desk.test/api/v1/calls";

const post = (key: string | null, body: unknown) =>
  new Request(base, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(key ? { Authorization: `Bearer ${key}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const get = (key: string, query = "") =>
  new Request(`${base}${query}`, { headers: { Authorization: `Bearer ${key}` } });

const call = (serviceId: string, uniqueId: string, extra: Record<string, unknown> = {}) => ({
  subCCNo: 1,
  vdnId: 88,
  serviceId,
  uniqueId,
  phoneNumber: ["13800000000"],
  callData: "name=Ann",
  ...extra,
});

describe.each(testBackends())("/api/v1/calls on $kind", (backend) => {
  let database: TestDatabase;
  let keyA: string;
  let keyAll: string;

  beforeAll(async () => {
    database = await backend.open();
    keyA = (
      await createApiKey(
        database.db,
        newApiKeySchema.parse({ name: "crm", serviceIds: "task-a, task-a2" }),
        null,
      )
    ).key;
    keyAll = (await createApiKey(database.db, newApiKeySchema.parse({ name: "all", serviceIds: "*" }), null))
      .key;
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it("stores only a hash of the key, shown once", async () => {
    const rows = await database.db.select().from(apiKeys);
    expect(rows.map((r) => r.keyHash)).toContain(hashApiKey(keyA));
    expect(JSON.stringify(rows)).not.toContain(keyA);
    const listed = await listApiKeys(database.db);
    expect(listed[0]).not.toHaveProperty("keyHash");
    expect(listed.find((k) => k.name === "crm")?.prefix).toBe(keyA.slice(0, 12));
  });

  it("answers 401 without a key and with an unknown key", async () => {
    const none = await handleCallsPost(post(null, call("task-a", "x")), database.db, options);
    expect(none.status).toBe(401);
    expect((await none.json()).error).toMatch(/API key is needed/);
    const wrong = await handleCallsPost(post("pdk_nope", call("task-a", "x")), database.db, options);
    expect(wrong.status).toBe(401);
  });

  it("stores one call, and posting it again updates rather than duplicates", async () => {
    const first = await handleCallsPost(post(keyA, call("task-a", "api-1")), database.db, options);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ received: 1, inserted: 1, updated: 0 });
    const again = await handleCallsPost(
      post(keyA, [call("task-a", "api-1", { callData: "name=Bo" }), call("task-a", "api-2")]),
      database.db,
      options,
    );
    expect(await again.json()).toEqual({ received: 2, inserted: 1, updated: 1 });
    const rows = await database.db.select().from(calls).where(eq(calls.uniqueId, "api-1"));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.callData).toBe("name=Bo");
  });

  it("names each bad record by index and field, and stores none of the list", async () => {
    const response = await handleCallsPost(
      post(keyA, [
        call("task-a", "api-ok"),
        call("task-a", "api-bad", { phoneNumber: ["12ab"], vdnId: 0 }),
        "not an object",
        call("task-a", "api-ok"),
      ]),
      database.db,
      options,
    );
    expect(response.status).toBe(422);
    const body = (await response.json()) as { errors: { index: number; field: string; message: string }[] };
    expect(body.errors.map((e) => [e.index, e.field])).toEqual([
      [1, "vdnId"],
      [1, "phoneNumber"],
      [2, "record"],
      [3, "uniqueId"],
    ]);
    expect(JSON.stringify(body)).not.toContain("12ab");
    expect(await database.db.select().from(calls).where(eq(calls.uniqueId, "api-ok"))).toEqual([]);
    const notJson = await handleCallsPost(post(keyA, "{nope"), database.db, options);
    expect(notJson.status).toBe(400);
  });

  it("keeps a key to its tasks when writing and reading", async () => {
    const other = await handleCallsPost(
      post(keyA, [call("task-a", "api-3"), call("task-b", "api-4")]),
      database.db,
      options,
    );
    expect(other.status).toBe(403);
    expect((await other.json()).errors).toEqual([
      { index: 1, field: "serviceId", message: expect.any(String) },
    ]);
    expect(await database.db.select().from(calls).where(eq(calls.uniqueId, "api-3"))).toEqual([]);
    await handleCallsPost(post(keyAll, call("task-b", "api-b1")), database.db, options);

    const mine = (await (await handleCallsGet(get(keyA), database.db, options)).json()) as {
      data: { serviceId: string }[];
    };
    expect(mine.data.length).toBeGreaterThan(0);
    expect(mine.data.every((c) => c.serviceId === "task-a")).toBe(true);
    expect((await handleCallsGet(get(keyA, "?serviceId=task-b"), database.db, options)).status).toBe(403);
    const all = (await (
      await handleCallsGet(get(keyAll, "?serviceId=task-b"), database.db, options)
    ).json()) as {
      data: { uniqueId: string }[];
    };
    expect(all.data.map((c) => c.uniqueId)).toEqual(["api-b1"]);
  });

  it("pages with after/nextAfter and filters", async () => {
    const list = Array.from({ length: 7 }, (_, i) => call("task-a2", `page-${i}`));
    expect((await handleCallsPost(post(keyA, list), database.db, options)).status).toBe(200);
    const seen: string[] = [];
    let after = 0;
    for (let i = 0; i < 10; i++) {
      const page = (await (
        await handleCallsGet(get(keyA, `?serviceId=task-a2&limit=3&after=${after}`), database.db, options)
      ).json()) as { data: { uniqueId: string; id: number }[]; nextAfter: number | null };
      seen.push(...page.data.map((c) => c.uniqueId));
      if (page.nextAfter === null) break;
      after = page.nextAfter;
    }
    expect(seen).toEqual(list.map((c) => c.uniqueId));
    const bad = await handleCallsGet(get(keyA, "?limit=9999"), database.db, options);
    expect(bad.status).toBe(422);
  });

  it("assigns a call to an agent by username, and refuses an unknown one", async () => {
    const agent = await createUser(database.db, {
      username: "api-agent",
      password: "a-long-password-1",
      role: "agent",
    });
    expect(agent.ok).toBe(true);
    const ok = await handleCallsPost(
      post(keyA, call("task-a", "api-ag", { agent: "api-agent" })),
      database.db,
      options,
    );
    expect(ok.status).toBe(200);
    const [row] = await database.db.select().from(calls).where(eq(calls.uniqueId, "api-ag"));
    expect(row?.assignedTo).toBe(agent.ok ? agent.value.id : -1);
    const unknown = await handleCallsPost(
      post(keyA, [call("task-a", "api-ag2"), call("task-a", "api-ag3", { agent: "nobody" })]),
      database.db,
      options,
    );
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).errors).toEqual([
      { index: 1, field: "agent", message: expect.any(String) },
    ]);
  });

  it("refuses text with a NUL or control character, JSON nested too deep and a non-agent, naming the field; stores none", async () => {
    const sup = await createUser(database.db, {
      username: "api-super",
      password: "a-long-password-1",
      role: "supervisor",
    });
    expect(sup.ok).toBe(true);
    let deep: unknown = "leaf";
    for (let i = 0; i < 33; i += 1) deep = { d: deep };
    let ok32: unknown = "leaf";
    for (let i = 0; i < 32; i += 1) ok32 = { d: ok32 };
    const cases: [Record<string, unknown>, string][] = [
      [{ uniqueId: "nul\u0000" }, "uniqueId"],
      [{ serviceId: "task-a\u0000" }, "serviceId"],
      [{ callData: "name=\u0000" }, "callData"],
      [{ callData: "bell\u0007" }, "callData"],
      [{ callData: "\uD800 lone" }, "callData"],
      [{ callerNumber: "1\u0000" }, "callerNumber"],
      [{ agent: "api-agent\u0000" }, "agent"],
      [{ callData: deep }, "callData"],
      [{ callData: JSON.stringify(deep) }, "callData"],
      [{ agent: "api-super" }, "agent"],
    ];
    const before = (await database.db.select().from(calls)).length;
    for (const [extra, field] of cases) {
      const response = await handleCallsPost(
        post(keyA, [call("task-a", "api-text-ok"), call("task-a", "api-text-bad", extra)]),
        database.db,
        options,
      );
      expect(response.status).toBe(422);
      const body = await response.json();
      expect(body.errors).toEqual([{ index: 1, field, message: expect.any(String) }]);
      expect(JSON.stringify(body)).not.toContain("\\u0000");
    }
    expect((await database.db.select().from(calls)).length).toBe(before);
    // 32 levels are accepted, and stored as JSON text.
    const fine = await handleCallsPost(
      post(keyA, call("task-a", "api-32", { callData: ok32 })),
      database.db,
      options,
    );
    expect(fine.status).toBe(200);
  });

  it("refuses a NUL in callData's JSON, a callerNumber that is no number, and a fetchTime that is not real in the zone or out of the window; stores none", async () => {
    const at = new Date("2026-12-01T00:00:00Z");
    const berlin: CallsApiOptions = {
      ...options,
      timeZone: "Europe/Berlin",
      now: () => at,
      earliestYear: 2000,
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ callData: { name: "a\u0000b" } }, "callData"],
      [{ callData: { "k\u0000": "v" } }, "callData"],
      [{ callData: { list: ["ok", ["bell\u0007"]] } }, "callData"],
      [{ callData: '{"name":"a\\u0000b"}' }, "callData"],
      [{ callerNumber: "abc" }, "callerNumber"],
      [{ callerNumber: "+86 10 9550" }, "callerNumber"],
      [{ fetchTime: "0099-05-01 10:00:00" }, "fetchTime"],
      [{ fetchTime: "1999-12-31 23:00:00" }, "fetchTime"],
      [{ fetchTime: "1999-12-31T23:00:00+08:00" }, "fetchTime"],
      [{ fetchTime: "9999-12-31 23:59:00" }, "fetchTime"],
      [{ fetchTime: "2026-12-02T00:00:01Z" }, "fetchTime"],
      [{ fetchTime: "2026-03-29 02:30:00" }, "fetchTime"],
      [{ fetchTime: "2026-10-25 02:30:00" }, "fetchTime"],
      [{ fetchTime: "2026-05-01T10:00:00+15:00" }, "fetchTime"],
    ];
    const before = (await database.db.select().from(calls)).length;
    for (const [extra, field] of cases) {
      const response = await handleCallsPost(
        post(keyA, [call("task-a", "api-rules-ok"), call("task-a", "api-rules-bad", extra)]),
        database.db,
        berlin,
      );
      expect(response.status, JSON.stringify(extra)).toBe(422);
      expect((await response.json()).errors).toEqual([{ index: 1, field, message: expect.any(String) }]);
    }
    expect((await database.db.select().from(calls)).length).toBe(before);
    // The edges of the window, and the hours either side of the changes, are fine.
    const fine = await handleCallsPost(
      post(keyA, [
        call("task-a", "api-rules-1", { fetchTime: "2000-01-01 00:00:00", callerNumber: "95500*1#" }),
        call("task-a", "api-rules-2", { fetchTime: "2026-12-01T23:59:59Z" }),
        call("task-a", "api-rules-3", { fetchTime: "2026-03-29 03:30:00" }),
        call("task-a", "api-rules-4", { fetchTime: "2026-10-25T02:30:00+01:00" }),
      ]),
      database.db,
      berlin,
    );
    expect(fine.status, await fine.clone().text()).toBe(200);
  });

  it("refuses a body that is not UTF-8 with 400, naming the field that holds the bytes", async () => {
    const [head, tail] = JSON.stringify([call("task-a", "@@")]).split("@@");
    const body = new Uint8Array([...Buffer.from(head ?? ""), 0xff, 0xfe, ...Buffer.from(tail ?? "")]);
    const response = await handleCallsPost(
      new Request(base, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${keyA}` },
        body,
      }),
      database.db,
      options,
    );
    expect(response.status).toBe(400);
    const answer = await response.json();
    expect(answer.error).toMatch(/not UTF-8/);
    expect(answer.errors).toEqual([
      { index: 0, field: "uniqueId", message: "holds bytes that are not UTF-8" },
    ]);
  });

  it("refuses query values that are not UTF-8 or hold NUL or control characters with 400, naming the parameter", async () => {
    for (const [query, field] of [
      ["?serviceId=%FF%FE", "serviceId"],
      ["?uniqueId=%ED%A0%80", "uniqueId"],
      ["?serviceId=%C0%80", "serviceId"],
      ["?serviceId=%EF%BF%BD", "serviceId"],
      ["?uniqueId=U%00", "uniqueId"],
      ["?uniqueId=%1B%5B31m", "uniqueId"],
    ] as const) {
      const response = await handleCallsGet(get(keyAll, query), database.db, options);
      expect(response.status, query).toBe(400);
      expect((await response.json()).errors).toEqual([{ field, message: expect.any(String) }]);
    }
    // Plain and UTF-8 text still reads, + as a space.
    const ok = await handleCallsGet(get(keyAll, "?uniqueId=%E5%BC%A0+三&limit=5"), database.db, options);
    expect(ok.status).toBe(200);
  });

  it("limits each key's requests a minute", async () => {
    const { key } = await createApiKey(
      database.db,
      newApiKeySchema.parse({ name: "tight", serviceIds: "task-a", rateLimitPerMin: "2" }),
      null,
    );
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await handleCallsGet(get(key), database.db, options)).status);
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await handleCallsGet(get(key), database.db, options);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Another key is not affected.
    expect((await handleCallsGet(get(keyA), database.db, options)).status).toBe(200);
  });

  it("counts a key's requests in a window that starts again after a minute, and stamps its last use at most once a minute", async () => {
    const { key, apiKey } = await createApiKey(
      database.db,
      newApiKeySchema.parse({ name: "windowed", serviceIds: "task-a", rateLimitPerMin: "1" }),
      null,
    );
    const at = (iso: string) => ({ ...options, now: () => new Date(iso) });
    const lastUsed = async () =>
      (
        await database.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id))
      )[0]?.lastUsedAt?.toISOString();
    expect((await handleCallsGet(get(key), database.db, at("2030-01-01T10:00:00Z"))).status).toBe(200);
    expect(await lastUsed()).toBe("2030-01-01T10:00:00.000Z");
    const limited = await handleCallsGet(get(key), database.db, at("2030-01-01T10:00:20Z"));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("40");
    // A refused request is no use of the key.
    expect((await handleCallsGet(get(key), database.db, at("2030-01-01T10:00:50Z"))).status).toBe(429);
    expect(await lastUsed()).toBe("2030-01-01T10:00:00.000Z");
    // The window (10:00:00 to 10:01:00) is over: a new one.
    expect((await handleCallsGet(get(key), database.db, at("2030-01-01T10:01:30Z"))).status).toBe(200);
    expect(await lastUsed()).toBe("2030-01-01T10:01:30.000Z");
  });

  it("a revoked key is refused", async () => {
    const { key, apiKey } = await createApiKey(
      database.db,
      newApiKeySchema.parse({ name: "old", serviceIds: "*" }),
      null,
    );
    expect((await handleCallsGet(get(key), database.db, options)).status).toBe(200);
    expect(await revokeApiKey(database.db, apiKey.id)).toBe(true);
    const refused = await handleCallsGet(get(key), database.db, options);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error).toMatch(/revoked/);
  });
});

describe("openapi", () => {
  it("describes /api/v1/calls in OpenAPI 3.1", () => {
    const doc = openApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths["/api/v1/calls"])).toEqual(["post", "get"]);
    expect(Object.keys(doc.paths["/api/v1/calls"].post.responses)).toEqual(
      expect.arrayContaining(["200", "401", "403", "422", "429"]),
    );
  });
  it("parses key input; each refusal names its field", () => {
    expect(newApiKeySchema.safeParse({ name: "x", serviceIds: " , " }).success).toBe(false);
    const messages = (input: Record<string, string>) =>
      newApiKeySchema.safeParse(input).error?.issues.map((i) => [i.path[0], i.message]);
    expect(messages({ name: "n".repeat(101), serviceIds: "a" })).toEqual([
      ["name", "Name: at most 100 characters"],
    ]);
    expect(messages({ name: "x\u0000", serviceIds: "a" })?.[0]?.[1]).toMatch(/^Name: /);
    expect(messages({ name: "x", serviceIds: "a\u0007" })?.[0]?.[1]).toMatch(/^Tasks: /);
    expect(messages({ name: "x", serviceIds: "a", rateLimitPerMin: "abc" })?.[0]?.[1]).toMatch(
      /^Requests a minute: /,
    );
    expect(newApiKeySchema.parse({ name: "x", serviceIds: "a b,a\nc" }).serviceIds).toEqual(["a", "b", "c"]);
  });
});
