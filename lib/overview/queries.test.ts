import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "@/lib/catalogue";
import { csvLabels } from "@/lib/csv-labels";
import { calls, pullTasks, users, writeBacks } from "@/lib/db/schema";
import { type TestDatabase, testBackends } from "@/test/support/databases";
import { overviewCsv } from "./csv";
import { overview } from "./queries";
import { daysInZone } from "./range";

/**
 * The overview's aggregates against a hand-made day (1 December 2026 in Asia/Shanghai,
 * 30 November 16:00 to 1 December 16:00 UTC), with rows just inside and just outside its
 * edges, and every figure worked out by hand below.
 */

const at = (iso: string) => new Date(iso);

describe("daysInZone", () => {
  it("is the local day, edges in the zone, and a DST day is 23 or 25 hours", () => {
    expect(daysInZone("2026-12-01", "2026-12-01", "Asia/Shanghai")).toEqual({
      from: at("2026-11-30T16:00:00Z"),
      to: at("2026-12-01T16:00:00Z"),
    });
    const spring = daysInZone("2026-03-29", "2026-03-29", "Europe/Berlin");
    expect(spring && (spring.to.getTime() - spring.from.getTime()) / 3_600_000).toBe(23);
    expect(daysInZone("2026-12-02", "2026-12-01", "UTC")).toBeNull();
    expect(daysInZone("2026-02-30", "2026-02-30", "UTC")).toBeNull();
  });
});

describe.each(testBackends())("overview on $kind", ({ open }) => {
  let t: TestDatabase;
  const day = daysInZone("2026-12-01", "2026-12-01", "Asia/Shanghai");
  if (!day) throw new Error("no day");

  beforeAll(async () => {
    t = await open();
    const db = t.db;
    const [ada, bo] = await db
      .insert(users)
      .values([
        { username: "ada", passwordHash: "!x", role: "agent" },
        { username: "bo", passwordHash: "!x", role: "agent" },
      ])
      .returning({ id: users.id });
    if (!ada || !bo) throw new Error("no users");
    const call = (n: number, extra: Partial<typeof calls.$inferInsert>) => ({
      subCcNo: 1,
      vdnId: 88,
      serviceId: n <= 4 ? "T1" : "T2",
      uniqueId: `c${n}`,
      phoneNumbers: ["13800000000"],
      fetchTime: at("2026-11-30T20:00:00Z"),
      ...extra,
    });
    const made = await db
      .insert(calls)
      .values([
        // In the day (created 30 Nov 16:00Z = 1 Dec 00:00 CST exactly): taken.
        call(1, {
          createdAt: at("2026-11-30T16:00:00Z"),
          assignedTo: ada.id,
          status: "5",
          failCode: "00146",
          writeStartTime: at("2026-12-01T01:00:00Z"),
          endCallTime: at("2026-12-01T01:02:00Z"),
          writeBackState: "accepted",
          lastWriteBackAt: at("2026-12-01T01:03:00Z"),
        }),
        call(2, {
          createdAt: at("2026-12-01T02:00:00Z"),
          assignedTo: ada.id,
          status: "5",
          failCode: "00145",
          writeStartTime: at("2026-12-01T02:10:00Z"),
          endCallTime: at("2026-12-01T02:14:00Z"),
          writeBackState: "refused",
          lastWriteBackAt: at("2026-12-01T02:15:00Z"),
        }),
        call(3, {
          createdAt: at("2026-12-01T15:59:59Z"),
          assignedTo: bo.id,
          status: "6",
          failCode: "00000",
          writeStartTime: at("2026-12-01T15:50:00Z"),
          endCallTime: at("2026-12-01T15:51:00Z"),
          writeBackState: "accepted",
          lastWriteBackAt: at("2026-12-01T15:59:00Z"),
        }),
        // Before the day (29 Nov), in the pool: not taken, but pool stock of T1.
        call(4, { createdAt: at("2026-11-29T10:00:00Z") }),
        // After the day (1 Dec 16:00Z = 2 Dec 00:00 CST): not taken; pool stock of T2.
        call(5, { createdAt: at("2026-12-01T16:00:00Z") }),
      ])
      .returning({ id: calls.id });
    const [c1, c2, c3, c4] = made.map((r) => r.id);
    const wb = (
      callId: number | undefined,
      userId: number,
      createdAt: string,
      state: string,
      attempts: number,
    ) => ({
      callId: callId ?? 0,
      userId,
      submissionId: randomUUID(),
      requestBody: "{}",
      createdAt: at(createdAt),
      state: state as "accepted",
      attempts,
    });
    await db.insert(writeBacks).values([
      // ada, call 1: superseded at 01:02:30, then accepted at the first try at 01:03 (bucket 01:00Z).
      wb(c1, ada.id, "2026-12-01T01:02:30Z", "superseded", 0),
      wb(c1, ada.id, "2026-12-01T01:03:00Z", "accepted", 1),
      // ada, call 2: attention at 02:15 (bucket 02:15Z).
      wb(c2, ada.id, "2026-12-01T02:15:00Z", "attention", 1),
      // bo, call 3: accepted after 3 attempts at 15:59 (last bucket, 15:45Z).
      wb(c3, bo.id, "2026-12-01T15:59:00Z", "accepted", 3),
      // bo, call 4, the day before: outside the range, but still waiting (live figure).
      wb(c4, bo.id, "2026-11-30T15:59:59Z", "retrying", 2),
    ]);
    await db.insert(pullTasks).values({
      subCcNo: 1,
      vdnId: 88,
      serviceId: "T2",
      lowWater: 5,
      batchCount: 10,
      lastError: "iSales callnos: HTTP 503",
      lastErrorAt: at("2026-12-01T03:00:00Z"),
    });
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it("totals: taken 3, written back 3, accepted 2, attention 1, waiting 1 (since 30 Nov 15:59:59Z)", async () => {
    const o = await overview(t.db, day);
    expect(o.totals).toEqual({
      callsTaken: 3,
      writtenBack: 3,
      accepted: 2,
      attention: 1,
      waiting: 1,
      oldestWaiting: at("2026-11-30T15:59:59Z"),
    });
  });

  it("96 quarter-hours, with the three submissions in theirs", async () => {
    const { buckets } = await overview(t.db, day);
    expect(buckets).toHaveLength(96);
    expect(buckets[0]?.start).toEqual(day.from);
    const nonEmpty = buckets.filter((b) => b.accepted + b.retried + b.attention > 0);
    expect(nonEmpty).toEqual([
      { start: at("2026-12-01T01:00:00Z"), accepted: 1, retried: 0, attention: 0 },
      { start: at("2026-12-01T02:15:00Z"), accepted: 0, retried: 0, attention: 1 },
      { start: at("2026-12-01T15:45:00Z"), accepted: 0, retried: 1, attention: 0 },
    ]);
  });

  it("outcome mix by status and failure code", async () => {
    const o = await overview(t.db, day);
    expect(o.statuses).toEqual([
      { code: "5", count: 2 },
      { code: "6", count: 1 },
    ]);
    expect(o.failCodes).toEqual([
      { code: "00000", count: 1 },
      { code: "00145", count: 1 },
      { code: "00146", count: 1 },
    ]);
  });

  it("per agent: calls, accepted, attention, handle and wrap-up times, last activity", async () => {
    const o = await overview(t.db, day);
    expect(o.agents).toEqual([
      {
        userId: expect.any(Number),
        username: "ada",
        callsDone: 2,
        accepted: 1,
        attention: 1,
        // (120 s + 240 s) / 2; wrap-up from the first submission: (30 s + 60 s) / 2.
        avgHandleSeconds: 180,
        avgWrapUpSeconds: 45,
        lastActivity: at("2026-12-01T02:15:00Z"),
      },
      {
        userId: expect.any(Number),
        username: "bo",
        callsDone: 1,
        accepted: 1,
        attention: 0,
        avgHandleSeconds: 60,
        avgWrapUpSeconds: 480,
        lastActivity: at("2026-12-01T15:59:00Z"),
      },
    ]);
  });

  it("per task: pool stock, taken and accepted in the day, the pull's last error", async () => {
    const o = await overview(t.db, day);
    expect(o.tasks).toEqual([
      { serviceId: "T1", pool: 1, takenInRange: 3, acceptedInRange: 2, lastError: null, lastErrorAt: null },
      {
        serviceId: "T2",
        pool: 1,
        takenInRange: 0,
        acceptedInRange: 0,
        lastError: "iSales callnos: HTTP 503",
        lastErrorAt: at("2026-12-01T03:00:00Z"),
      },
    ]);
  });

  it("the next day (in Shanghai) sees none of it but the waiting write-back", async () => {
    const next = daysInZone("2026-12-02", "2026-12-02", "Asia/Shanghai");
    if (!next) throw new Error("no day");
    const o = await overview(t.db, next);
    expect(o.totals).toMatchObject({ callsTaken: 1, writtenBack: 0, accepted: 0, attention: 0, waiting: 1 });
    expect(o.agents).toEqual([]);
  });

  it("the report: the same figures as CSV, with a byte-order mark, codes as text, times in the zone", async () => {
    const o = await overview(t.db, day);
    const csv = overviewCsv(
      o,
      { from: "2026-12-01", to: "2026-12-01", tz: "Asia/Shanghai" },
      loadCatalogue("config/catalogue.json"),
    );
    expect(
      csv.startsWith("\uFEFFPreview Desk overview,from,to,time zone\r\n,2026-12-01,2026-12-01,Asia/Shanghai"),
    ).toBe(true);
    const lines = csv.split("\r\n");
    expect(lines).toContain("3,3,2,1,1,2026-11-30 23:59:59");
    expect(lines).toContain('"=""ada""",2,1,1,180,45,2026-12-01 10:15:00');
    expect(lines).toContain('"=""00146""",No answer,1');
    expect(lines).toContain('"=""T2""",1,0,0,iSales callnos: HTTP 503,2026-12-01 11:00:00');
    expect(lines.filter((l) => /^2026-12-0[12] \d\d:\d\d:00,/.test(l))).toHaveLength(96);
  });

  it("the report with Chinese headings: the same figures, headings and meanings in Chinese", async () => {
    const o = await overview(t.db, day);
    const query = { from: "2026-12-01", to: "2026-12-01", tz: "Asia/Shanghai" };
    const cat = loadCatalogue("config/catalogue.json");
    const en = overviewCsv(o, query, cat).split("\r\n");
    const zh = overviewCsv(o, query, cat, await csvLabels("overview", "zh-CN"), "zh-CN").split("\r\n");
    expect(zh[0]).toBe("\uFEFFPreview Desk 概览,从,到,时区");
    expect(zh).toContain("接入呼叫,已回写,已接受,需要处理,当前等待,最早等待（Asia/Shanghai）");
    expect(zh).toContain('"=""00146""",无人接听,1');
    // Every line but the headings and the meanings is the same as the English report's.
    expect(zh.length).toBe(en.length);
    const figures = (lines: string[]) => lines.filter((l) => /^[\d,:\- ]+$/.test(l));
    expect(figures(zh)).toEqual(figures(en));
    expect(figures(zh).length).toBeGreaterThan(90);
  });
});
