import { eq } from "drizzle-orm";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { loadCatalogue } from "@/lib/catalogue";
import { calls, writeBacks } from "@/lib/db/schema";
import { claimDue } from "@/lib/delivery/claim";
import { sendClaimed } from "@/lib/delivery/deliver";
import { type TestDatabase, testBackends } from "@/test/support/databases";
import { clientFor, quietSettings, simToken, tinyPolicy } from "@/test/support/delivery";
import { startSimulator } from "@/tools/isales-sim/server";
import type { Simulator } from "@/tools/isales-sim/types";
import { bodyForCall, bulkProgress, planBulk, sendBulk } from "./bulk";
import { reviewCsvStream } from "./csv";
import { reviewFilterSchema } from "./filter";
import { countReviewByState, listReview, listReviewWithCounts } from "./queries";
import { cancelWriteBacks, listQueue, retryWriteBacks } from "./queue";

quietSettings();
const shipped = loadCatalogue("config/catalogue.json");

async function outcomeCall(
  db: TestDatabase["db"],
  uniqueId: string,
  state: "failed" | "refused" | "accepted" | "none",
  fetchTime: Date,
): Promise<number> {
  const [row] = await db
    .insert(calls)
    .values({
      subCcNo: 1,
      vdnId: 88,
      serviceId: "1251250797",
      uniqueId,
      phoneNumbers: ["88889156"],
      fetchTime,
      ...(state === "none"
        ? {}
        : {
            status: "5",
            failCode: "00146",
            deviceType: 2,
            phoneNumber: "88889156",
            version: 1,
            writeBackState: state,
            lastWriteBackAt: fetchTime,
          }),
    })
    .returning({ id: calls.id });
  if (!row) throw new Error("no call");
  return row.id;
}

describe.each(testBackends())("review on $kind", (backend) => {
  let database: TestDatabase;
  let sim: Simulator;
  let supervisorId = 0;
  beforeAll(async () => {
    database = await backend.open();
    sim = await startSimulator({ fixedTokens: [simToken] });
    const created = await createUser(database.db, {
      username: "sup",
      password: "sup-password-1",
      role: "supervisor",
    });
    if (!created.ok) throw new Error(created.message);
    supervisorId = created.value.id;
  });
  afterAll(async () => {
    await sim?.close();
    await database?.destroy();
  });

  it("bulk re-send: the dry run counts and samples, Send queues one write-back per eligible call, delivery accepts them", async () => {
    const db = database.db;
    const at = new Date("2025-03-01T10:00:00Z");
    const failed = await outcomeCall(db, "bulk-failed", "failed", at);
    const refused = await outcomeCall(db, "bulk-refused", "refused", at);
    const accepted = await outcomeCall(db, "bulk-accepted", "accepted", at);
    const blank = await outcomeCall(db, "bulk-blank", "none", at);
    // Recorded before the catalogue's rules: a status the catalogue does not list.
    const unlisted = await outcomeCall(db, "bulk-unlisted", "failed", at);
    await db.update(calls).set({ status: "0" }).where(eq(calls.id, unlisted));
    const plan = await planBulk(db, {
      callIds: [failed, refused, accepted, blank, unlisted],
      selection: "5 selected",
      userId: supervisorId,
      timeZone: "Asia/Shanghai",
      catalogue: shipped,
    });
    expect(plan.callIds).toEqual([failed, refused]);
    expect(plan.summary.byState).toEqual({ failed: 1, refused: 1 });
    expect(plan.summary.skipped).toEqual({
      "not failed or refused (accepted)": 1,
      "no outcome recorded yet": 1,
      "its outcome breaks the catalogue's rules (Call status): correct it first": 1,
    });
    expect(plan.sample[0]?.body).toContain('"fetchTime":"2025-03-01 18:00:00"');

    const sent = await sendBulk(db, {
      bulkId: plan.id,
      userId: supervisorId,
      reason: "iSales was down",
      timeZone: "Asia/Shanghai",
      catalogue: shipped,
    });
    expect(sent).toEqual({ ok: true, queued: 2 });
    expect(
      (
        await sendBulk(db, {
          bulkId: plan.id,
          userId: supervisorId,
          reason: "again",
          timeZone: "UTC",
          catalogue: shipped,
        })
      ).ok,
    ).toBe(false);
    const rows = await db.select().from(writeBacks).where(eq(writeBacks.bulkId, plan.id));
    expect(rows.map((r) => [r.state, r.userId])).toEqual([
      ["queued", supervisorId],
      ["queued", supervisorId],
    ]);
    const [call] = await db.select().from(calls).where(eq(calls.id, failed));
    if (!call) throw new Error("call gone");
    expect(rows.find((r) => r.callId === failed)?.requestBody).toBe(bodyForCall(call, "Asia/Shanghai"));
    expect(call.writeBackState).toBe("pending");
    expect((await bulkProgress(db, plan.id)).byState).toEqual({ queued: 2 });

    const options = { client: clientFor(sim), owner: "t", policy: tinyPolicy };
    const claim = await claimDue(db, "t", 10, { leaseS: 30 });
    for (const row of claim.claimed) await sendClaimed(db, row, options);
    const progress = await bulkProgress(db, plan.id);
    expect(progress).toEqual({ total: 2, byState: { accepted: 2 }, done: true });
  });

  it("queue: retry puts attention back to queued and the call to pending; cancel needs who and why", async () => {
    const db = database.db;
    const callId = await outcomeCall(db, "queue-1", "failed", new Date());
    const [wb] = await db
      .insert(writeBacks)
      .values({
        callId,
        submissionId: crypto.randomUUID(),
        requestBody: "{}",
        state: "attention",
        attempts: 3,
        lastOutcome: "http_error",
        lastHttpStatus: 500,
      })
      .returning();
    if (!wb) throw new Error("no write-back");
    const before = await listQueue(db, { state: "attention" });
    const row = before.rows.find((r) => r.id === wb.id);
    expect(row?.attempts).toBe(3);
    expect(row?.lastError).toMatch(/500|iSales/);
    expect(await retryWriteBacks(db, [wb.id])).toBe(1);
    const [after] = await db.select().from(writeBacks).where(eq(writeBacks.id, wb.id));
    expect(after?.state).toBe("queued");
    const [c] = await db.select({ s: calls.writeBackState }).from(calls).where(eq(calls.id, callId));
    expect(c?.s).toBe("pending");
    expect(await cancelWriteBacks(db, [wb.id], supervisorId, "customer withdrew")).toBe(1);
    const [cancelled] = await db.select().from(writeBacks).where(eq(writeBacks.id, wb.id));
    expect([cancelled?.state, cancelled?.cancelledBy, cancelled?.cancelReason]).toEqual([
      "cancelled",
      supervisorId,
      "customer withdrew",
    ]);
    const [c2] = await db.select({ s: calls.writeBackState }).from(calls).where(eq(calls.id, callId));
    expect(c2?.s).toBe("failed");
    expect(await retryWriteBacks(db, [wb.id])).toBe(0);
  });

  it("filters by a date range in a zone and exports exactly that, times in the zone", async () => {
    const db = database.db;
    // 2025-06-10 23:30 UTC is 2025-06-11 01:30 in Berlin (CEST): inside the 11th there, not in UTC.
    await outcomeCall(db, "csv-in", "refused", new Date("2025-06-10T23:30:00Z"));
    await outcomeCall(db, "csv-out", "refused", new Date("2025-06-10T21:30:00Z"));
    const filter = reviewFilterSchema.parse({
      from: "2025-06-11",
      to: "2025-06-11",
      tz: "Europe/Berlin",
      state: "refused",
    });
    const page = await listReview(db, filter);
    expect(page.rows.map((r) => r.uniqueId)).toEqual(["csv-in"]);
    expect((await countReviewByState(db, filter)).counts.refused).toBe(1);
    // The page's own reading: the same rows, its total from the state counts.
    const both = await listReviewWithCounts(db, filter);
    expect(both.page.rows.map((r) => r.uniqueId)).toEqual(["csv-in"]);
    expect(both.page.total).toBe(1);
    expect(both.page.estimated).toBe(false);
    const unfiltered = await listReviewWithCounts(db, { ...filter, state: undefined });
    expect(unfiltered.page.total).toBe((await listReview(db, { ...filter, state: undefined })).total);
    const bytes = new Uint8Array(await new Response(reviewCsvStream(db, filter)).arrayBuffer());
    // The byte-order mark Excel needs to read UTF-8 (Response.text() would drop it unseen).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const parsed = Papa.parse<string[]>(text.trim());
    expect(parsed.data[0]).toContain("fetched (Europe/Berlin)");
    expect(parsed.data).toHaveLength(2);
    const rowOut = parsed.data[1] ?? [];
    // Ids, numbers and codes as text for a spreadsheet (lib/review/csv.test.ts has the rules).
    expect(rowOut[2]).toBe('="csv-in"');
    expect(rowOut[3]).toBe('="88889156"');
    expect(rowOut[9]).toBe('="00146"');
    expect(rowOut[5]).toBe("2025-06-11 01:30:00");
  });
});
