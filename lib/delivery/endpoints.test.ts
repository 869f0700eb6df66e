import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, testBackends } from "@/test/support/databases";
import { insertCall, insertWriteBack, quietSettings } from "@/test/support/delivery";
import { checkReadiness, healthResponse, metricsResponse, readyResponse } from "./endpoints";
import { recordAttempt, setMetricsSource } from "./metrics";

quietSettings();

it("health answers 200 ok", async () => {
  const res = healthResponse();
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
});

describe.each(testBackends())("ready and metrics on $kind", (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await backend.open();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it("ready: 200 with the database migrated, the breaker state reported", async () => {
    const res = await readyResponse({ db: async () => database.db, breaker: () => "open" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ready: true, database: "ok", migrations: "applied", breaker: "open" });
  });

  it("not ready: 503 when the database cannot be reached, or a migration is missing", async () => {
    const down = await readyResponse({
      db: () => Promise.reject(new Error("connection refused")),
      breaker: () => "closed",
    });
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ ready: false, database: "unreachable" });

    await database.db.execute(
      sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`,
    );
    const pending = await checkReadiness({ db: async () => database.db, breaker: () => "closed" });
    expect(pending).toMatchObject({ ready: false, database: "ok", migrations: "pending" });
  });

  it("not ready while writes fail (here: every write refused as disk full), ready again by itself after", async () => {
    const { db } = database;
    await db.execute(sql`create function refuse_writes() returns trigger language plpgsql as $$
      begin raise exception 'could not extend file: No space left on device' using errcode = 'disk_full'; end $$`);
    await db.execute(
      sql`create trigger refuse_writes before insert or update on rate_limits for each row execute function refuse_writes()`,
    );
    try {
      const full = await readyResponse({ db: async () => db, breaker: () => "closed" });
      expect(full.status).toBe(503);
      expect(await full.json()).toMatchObject({ ready: false, database: "not writable" });
    } finally {
      await db.execute(sql`drop trigger refuse_writes on rate_limits`);
      await db.execute(sql`drop function refuse_writes()`);
    }
    const back = await checkReadiness({ db: async () => db, breaker: () => "closed" });
    expect(back.database).toBe("ok");
  });

  it("metrics: 404 when off, 401 without the token, Prometheus text with queue depth when on", async () => {
    const { db } = database;
    const request = (auth?: string) =>
      new Request("http://x/api/metrics", { headers: auth ? { authorization: auth } : {} });
    expect((await metricsResponse(request(), { enabled: false, token: undefined })).status).toBe(404);
    expect((await metricsResponse(request(), { enabled: true, token: "s3cret" })).status).toBe(401);
    expect((await metricsResponse(request("Bearer wrong!"), { enabled: true, token: "s3cret" })).status).toBe(
      401,
    );

    await insertWriteBack(db, await insertCall(db), "m-1");
    await insertWriteBack(db, await insertCall(db), "m-2");
    setMetricsSource({ db: async () => db, breaker: () => "half-open" });
    recordAttempt({ kind: "no_answer", reason: "timeout" }, 1234);
    const res = await metricsResponse(request("Bearer s3cret"), { enabled: true, token: "s3cret" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^preview_desk_write_back_queue\{state="queued"\} 2$/m);
    expect(text).toMatch(/^preview_desk_write_back_attempts_total\{outcome="no_answer"\} [1-9]\d*$/m);
    expect(text).toMatch(
      /^preview_desk_isales_request_duration_seconds_bucket\{le="2.5",outcome="no_answer"\} [1-9]\d*$/m,
    );
    expect(text).toMatch(/^preview_desk_isales_breaker\{state="half-open"\} 1$/m);
    expect(text).toMatch(/^preview_desk_write_back_oldest_waiting_seconds \d/m);
  });
});
