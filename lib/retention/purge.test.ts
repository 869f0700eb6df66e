import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import {
  bulkJobs,
  callPhoneNumbers,
  calls,
  callVersions,
  drafts,
  erasures,
  importJobs,
  pullRejects,
  writeBackAttempts,
  writeBacks,
} from "@/lib/db/schema";
import { midresultTextFor, outcomeOf } from "@/lib/write-back/outcome";
import { type TestDatabase, testBackends } from "@/test/support/databases";
import { quietSettings } from "@/test/support/delivery";
import { listErasures, purgePersonalData, withoutPhoneNumber } from "./purge";

quietSettings();

const NOW = new Date("2026-06-30T12:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);
const NUMBER = "13812345678";

type Seeded = { callId: number; writeBackIds: number[] };

/**
 * A call as the product keeps it after an agent's work: numbers, call data, an outcome, a
 * draft, outcome versions, and write-backs (newest last) with an attempt each.
 */
async function seedCall(
  db: Db,
  name: string,
  writeBacksOf: { state: "accepted" | "attention" | "queued"; finishedAt: Date | null }[],
): Promise<Seeded> {
  const [call] = await db
    .insert(calls)
    .values({
      subCcNo: 1,
      vdnId: 88,
      serviceId: "1251250797",
      uniqueId: `purge-${name}-${randomUUID()}`,
      phoneNumbers: [NUMBER, "02112345678"],
      callData: JSON.stringify({ name: "王小明", plan: "Family 50" }),
      callerNumber: "4008001234",
      fetchTime: daysAgo(400),
      status: "0",
      failCode: "",
      deviceType: 2,
      phoneNumber: NUMBER,
      callId: "1700000000-1",
      writeStartTime: daysAgo(399),
      endCallTime: daysAgo(399),
      version: 1,
      writeBackState: writeBacksOf.at(-1)?.state === "accepted" ? "accepted" : "failed",
    })
    .returning();
  if (!call) throw new Error("no call");
  await db
    .insert(drafts)
    .values({ callId: call.id, userId: 1, values: { phoneNumber: NUMBER, status: "0" } });
  await db.insert(callVersions).values([
    { callId: call.id, version: 0, values: { phoneNumber: "", status: null }, diff: {} },
    {
      callId: call.id,
      version: 1,
      values: { phoneNumber: NUMBER, status: "0" },
      diff: { phoneNumber: ["", NUMBER], status: [null, "0"] },
    },
  ]);
  const writeBackIds: number[] = [];
  for (const wb of writeBacksOf) {
    const [row] = await db
      .insert(writeBacks)
      .values({
        callId: call.id,
        submissionId: randomUUID(),
        requestBody: midresultTextFor(call, outcomeOf(call), "Asia/Shanghai"),
        state: wb.state,
        finishedAt: wb.finishedAt,
        callVersion: 1,
      })
      .returning({ id: writeBacks.id });
    if (!row) throw new Error("no write-back");
    writeBackIds.push(row.id);
    await db.insert(writeBackAttempts).values({
      writeBackId: row.id,
      callId: call.id,
      startedAt: daysAgo(399),
      durationMs: 12,
      outcome: wb.state === "accepted" ? "accepted" : "refused",
      httpStatus: 200,
      resultCode: wb.state === "accepted" ? "0" : "02000001",
      responseBody: `{"result":0,"echo":"${NUMBER}"}`,
    });
  }
  return { callId: call.id, writeBackIds };
}

async function callRow(db: Db, id: number) {
  const [row] = await db.select().from(calls).where(eq(calls.id, id));
  if (!row) throw new Error(`no call ${id}`);
  return row;
}

/** Every text the database holds about these calls, as one string, to search for a number. */
async function everythingAbout(db: Db, ids: number[]): Promise<string> {
  const parts = await Promise.all([
    db.select().from(calls).where(inArray(calls.id, ids)),
    db.select().from(callPhoneNumbers).where(inArray(callPhoneNumbers.callId, ids)),
    db.select().from(drafts).where(inArray(drafts.callId, ids)),
    db.select().from(writeBacks).where(inArray(writeBacks.callId, ids)),
    db.select().from(writeBackAttempts).where(inArray(writeBackAttempts.callId, ids)),
    db.select().from(callVersions).where(inArray(callVersions.callId, ids)),
  ]);
  return JSON.stringify(parts);
}

describe("withoutPhoneNumber", () => {
  it("empties the number dialled and keeps every other field in its order", () => {
    expect(withoutPhoneNumber('{"subCCNo":1,"status":"0","phoneNumber":"138","callId":"x"}')).toBe(
      '{"subCCNo":1,"status":"0","phoneNumber":"","callId":"x"}',
    );
    expect(withoutPhoneNumber('{"subCCNo":1}')).toBe('{"subCCNo":1}');
    expect(withoutPhoneNumber("not json 13812345678")).toBe("");
  });
});

describe.each(testBackends())("personal-data retention on $kind", (backend) => {
  let database: TestDatabase;
  let due: Seeded;
  let recent: Seeded;
  let failedLast: Seeded;
  let correctedLater: Seeded;
  let bulkId = 0;
  let importId = 0;
  let rejectId = 0;

  beforeAll(async () => {
    database = await backend.open();
    const db = database.db;
    // Final write-back accepted 40 days ago (after an older refused one): due at 30 days.
    due = await seedCall(db, "due", [
      { state: "attention", finishedAt: daysAgo(41) },
      { state: "accepted", finishedAt: daysAgo(40) },
    ]);
    // Accepted 10 days ago: kept.
    recent = await seedCall(db, "recent", [{ state: "accepted", finishedAt: daysAgo(10) }]);
    // Its latest write-back was refused: not final, kept.
    failedLast = await seedCall(db, "failed", [
      { state: "accepted", finishedAt: daysAgo(60) },
      { state: "attention", finishedAt: daysAgo(50) },
    ]);
    // Accepted long ago, then corrected: the correction is still on its way, kept.
    correctedLater = await seedCall(db, "corrected", [
      { state: "accepted", finishedAt: daysAgo(90) },
      { state: "queued", finishedAt: null },
    ]);
    await db.update(calls).set({ writeBackState: "pending" }).where(eq(calls.id, correctedLater.callId));

    const [bulk] = await db
      .insert(bulkJobs)
      .values({
        createdBy: 1,
        state: "sent",
        callIds: [due.callId],
        selection: "ids",
        summary: { byState: {}, byTask: {}, skipped: {} },
        sample: [{ callId: due.callId, body: `{"phoneNumber":"${NUMBER}"}` }],
        createdAt: daysAgo(45),
      })
      .returning({ id: bulkJobs.id });
    const [job] = await db
      .insert(importJobs)
      .values({
        createdBy: 1,
        fileName: "calls.csv",
        format: "csv",
        timeZone: "UTC",
        state: "done",
        preview: [{ phoneNumber: NUMBER }],
        finishedAt: daysAgo(35),
      })
      .returning({ id: importJobs.id });
    const [reject] = await db
      .insert(pullRejects)
      .values({
        vdnId: 88,
        serviceId: "1",
        raw: `{"phoneNumber":["${NUMBER}"]}`,
        reason: "x",
        fetchedAt: daysAgo(31),
      })
      .returning({ id: pullRejects.id });
    bulkId = bulk?.id ?? 0;
    importId = job?.id ?? 0;
    rejectId = reject?.id ?? 0;
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it("a dry run counts what is due and changes nothing", async () => {
    const db = database.db;
    const before = await everythingAbout(db, [due.callId]);
    const report = await purgePersonalData(db, { retentionDays: 30, dryRun: true, now: NOW });
    expect(report.cutoff).toEqual(daysAgo(30));
    expect(report.counts).toEqual({
      calls: 1,
      phoneNumbers: 3, // two to dial on, and the number dialled
      callData: 1,
      drafts: 1,
      writeBackBodies: 2,
      attemptAnswers: 2,
      versions: 1,
      bulkSamples: 1,
      importPreviews: 1,
      pulledRecords: 1,
    });
    expect(await everythingAbout(db, [due.callId])).toBe(before);
    expect(await db.select().from(erasures)).toEqual([]);
  });

  it("erases the due call's numbers and call data everywhere, keeping ids, outcome, codes and times", async () => {
    const db = database.db;
    const before = await callRow(db, due.callId);
    const report = await purgePersonalData(db, { retentionDays: 30, now: NOW });
    expect(report.counts.calls).toBe(1);

    const after = await callRow(db, due.callId);
    expect(after).toMatchObject({
      phoneNumbers: [],
      callData: "",
      callerNumber: "",
      phoneNumber: null,
      personalDataErasedAt: NOW,
    });
    // What reporting needs stays.
    for (const key of [
      "id",
      "uniqueId",
      "serviceId",
      "status",
      "failCode",
      "deviceType",
      "callId",
      "writeStartTime",
      "endCallTime",
      "fetchTime",
      "writeBackState",
      "version",
    ] as const) {
      expect(after[key], key).toEqual(before[key]);
    }
    expect(await everythingAbout(db, [due.callId])).not.toContain(NUMBER);
    expect(await everythingAbout(db, [due.callId])).not.toContain("王小明");

    const bodies = await db.select().from(writeBacks).where(eq(writeBacks.callId, due.callId));
    for (const wb of bodies) {
      const body = JSON.parse(wb.requestBody) as Record<string, unknown>;
      expect(body).toMatchObject({ phoneNumber: "", status: "0", deviceType: 2, callId: "1700000000-1" });
      expect(wb.finishedAt === null || wb.finishedAt instanceof Date).toBe(true);
    }
    const attempts = await db
      .select()
      .from(writeBackAttempts)
      .where(eq(writeBackAttempts.callId, due.callId));
    expect(attempts.map((a) => [a.responseBody, a.outcome, a.httpStatus])).toEqual([
      [null, "refused", 200],
      [null, "accepted", 200],
    ]);
    const versions = await db.select().from(callVersions).where(eq(callVersions.callId, due.callId));
    expect(versions.find((v) => v.version === 1)?.values).toEqual({ phoneNumber: null, status: "0" });
    expect(versions.find((v) => v.version === 1)?.diff).toEqual({
      phoneNumber: [null, null],
      status: [null, "0"],
    });

    const [bulk] = await db.select().from(bulkJobs).where(eq(bulkJobs.id, bulkId));
    expect(bulk?.sample).toEqual([]);
    const [job] = await db.select().from(importJobs).where(eq(importJobs.id, importId));
    expect(job?.preview).toEqual([]);
    const [reject] = await db.select().from(pullRejects).where(eq(pullRejects.id, rejectId));
    expect([reject?.raw, reject?.reason]).toEqual(["", "x"]);
  });

  it("records each erasure: what, when, and from which time", async () => {
    const records = await listErasures(database.db);
    const call = records.find((r) => r.kind === "call");
    expect(call).toMatchObject({
      subjectId: due.callId,
      erasedAt: NOW,
      retentionDays: 30,
      since: daysAgo(40),
      counts: { phoneNumbers: 3, callData: 1, drafts: 1, writeBackBodies: 2, attemptAnswers: 2, versions: 1 },
    });
    expect(call?.erased.sort()).toEqual(
      ["attemptAnswers", "callData", "drafts", "phoneNumbers", "versions", "writeBackBodies"].sort(),
    );
    expect(records.map((r) => [r.kind, r.subjectId]).sort()).toEqual(
      [
        ["bulk_job", bulkId],
        ["call", due.callId],
        ["import_job", importId],
        ["pull_reject", rejectId],
      ].sort(),
    );
    // Names of data only: no value reaches the record.
    expect(JSON.stringify(records)).not.toContain(NUMBER);
  });

  it("leaves calls that are not due, and a second run finds nothing", async () => {
    const db = database.db;
    for (const kept of [recent, failedLast, correctedLater]) {
      const row = await callRow(db, kept.callId);
      expect(row.phoneNumbers, `call ${kept.callId}`).toEqual([NUMBER, "02112345678"]);
      expect(row.personalDataErasedAt).toBeNull();
      expect(await everythingAbout(db, [kept.callId])).toContain(NUMBER);
    }
    const phoneRows = await db
      .select()
      .from(callPhoneNumbers)
      .where(eq(callPhoneNumbers.callId, recent.callId));
    expect(phoneRows).toHaveLength(2);

    const again = await purgePersonalData(db, { retentionDays: 30, now: NOW });
    expect(Object.values(again.counts).every((n) => n === 0)).toBe(true);
    // With a shorter retention the recent call is due too.
    const shorter = await purgePersonalData(db, { retentionDays: 7, dryRun: true, now: NOW });
    expect(shorter.counts.calls).toBe(1);
  });

  it("two purges at once (two instances) erase and record each call once", async () => {
    const db = database.db;
    const seeded = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        seedCall(db, `twice-${n}`, [{ state: "accepted", finishedAt: daysAgo(100) }]),
      ),
    );
    const ids = seeded.map((s) => s.callId).sort((x, y) => x - y);
    const later = new Date(NOW.getTime() + 1000);
    const [a, b] = await Promise.all([
      purgePersonalData(db, { retentionDays: 30, now: later, chunk: 2 }),
      purgePersonalData(db, { retentionDays: 30, now: later, chunk: 3 }),
    ]);
    expect((a?.counts.calls ?? 0) + (b?.counts.calls ?? 0)).toBe(5);
    const records = (await listErasures(db, 1000)).filter(
      (r) => r.kind === "call" && ids.includes(r.subjectId),
    );
    expect(records.map((r) => r.subjectId).sort((x, y) => x - y)).toEqual(ids);
    expect(await everythingAbout(db, ids)).not.toContain(NUMBER);
  });

  it("refuses a retention that is not a whole number of days from 1", async () => {
    await expect(purgePersonalData(database.db, { retentionDays: 0 })).rejects.toThrow(RangeError);
    await expect(purgePersonalData(database.db, { retentionDays: 1.5 })).rejects.toThrow(RangeError);
  });
});
