import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { calls, type NewCall, users, writeBacks } from "@/lib/db/schema";
import { type TestDatabase, testBackends } from "@/test/support/databases";
import { importCalls } from "./import";
import { parseCallsFile } from "./parse-file";
import {
  countCallsByState,
  getCall,
  listCalls,
  listServiceIds,
  listWriteBacks,
  upsertCalls,
} from "./queries";

const opts = { timeZone: "UTC", now: new Date("2025-01-01T00:00:00Z") };

const goodCsv = [
  "subCCNo,vdnId,serviceId,uniqueId,phoneNumber,callData,fetchTime",
  "1,88,TASK-A,CUST-001,13800000001;13900000001,first,2024-05-01 10:00:00",
  "1,88,TASK-A,CUST-002,13800000002,second,2024-05-01 10:00:00",
  "1,88,TASK-B,CUST-003,13800000003,third,",
].join("\n");

const call = (n: number, extra: Partial<NewCall> = {}): NewCall => ({
  subCcNo: 1,
  vdnId: 88,
  serviceId: n % 2 === 0 ? "EVEN" : "ODD",
  uniqueId: `C${String(n).padStart(5, "0")}`,
  phoneNumbers: [`1390000${String(n).padStart(4, "0")}`],
  callData: `call ${n}`,
  fetchTime: new Date("2024-05-01T00:00:00Z"),
  ...extra,
});

describe.each(testBackends())("calls on $kind", ({ open }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await open();
  });
  afterAll(async () => {
    await t?.destroy();
  });
  beforeEach(async () => {
    await t.db.execute(sql`TRUNCATE calls RESTART IDENTITY CASCADE`);
  });

  const countCalls = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(calls))[0]?.n;

  describe("importCalls", () => {
    it("imports a good CSV file", async () => {
      const result = await importCalls(t.db, parseCallsFile(goodCsv, "csv", opts));
      expect(result).toEqual({ imported: true, inserted: 3, updated: 0, skipped: 0, errors: [] });
      const { rows } = await listCalls(t.db, { q: "CUST-001" });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        serviceId: "TASK-A",
        phoneNumbers: ["13800000001", "13900000001"],
        fetchTime: new Date("2024-05-01T10:00:00Z"),
        writeBackState: "none",
        lastWriteBackAt: null,
      });
    });

    it("imports a good JSON file", async () => {
      const json = JSON.stringify([
        { subCCNo: 1, vdnId: 88, serviceId: "T", uniqueId: "J1", phoneNumber: ["111"], callData: { a: 1 } },
        { subCCNo: 1, vdnId: 88, serviceId: "T", uniqueId: "J2", phoneNumber: "222;333", callData: "" },
      ]);
      const result = await importCalls(t.db, parseCallsFile(json, "json", opts));
      expect(result).toMatchObject({ imported: true, inserted: 2, updated: 0 });
      const [j1] = (await listCalls(t.db, { q: "J1" })).rows;
      const stored = await getCall(t.db, j1?.id ?? 0);
      expect(stored?.callData).toBe('{"a":1}');
      expect(stored?.fetchTime).toEqual(opts.now);
    });

    it("imports nothing when one row is bad, and reports every bad row", async () => {
      const csv = `${goodCsv}\n1,88,TASK-A,CUST-004,not-a-number,x,\n1,99999,TASK-A,CUST-005,123,x,`;
      const result = await importCalls(t.db, parseCallsFile(csv, "csv", opts));
      expect(result.imported).toBe(false);
      expect(result.skipped).toBe(2);
      expect(result.errors.map((e) => [e.line, e.field])).toEqual([
        [5, "phoneNumber"],
        [6, "vdnId"],
      ]);
      expect(await countCalls()).toBe(0);
    });

    it("gives calls to agents only: a supervisor or an admin in the agent column is a bad row on its line", async () => {
      await t.db.execute(sql`TRUNCATE users RESTART IDENTITY CASCADE`);
      await t.db.insert(users).values([
        { username: "ag", passwordHash: "x", role: "agent" },
        { username: "sup", passwordHash: "x", role: "supervisor" },
        { username: "adm", passwordHash: "x", role: "admin" },
      ]);
      const csv = [
        "subCCNo,vdnId,serviceId,uniqueId,phoneNumber,callData,agent",
        "1,88,T,R-1,13800000001,a,ag",
        "1,88,T,R-2,13800000002,b,sup",
        "1,88,T,R-3,13800000003,c,adm",
      ].join("\n");
      const result = await importCalls(t.db, parseCallsFile(csv, "csv", opts));
      expect(result).toMatchObject({ imported: false, inserted: 0, skipped: 2 });
      expect(result.errors).toEqual([
        {
          line: 3,
          field: "agent",
          message: "names a supervisor, not an agent: calls are given to agents only",
          code: "agentIsSupervisor",
        },
        {
          line: 4,
          field: "agent",
          message: "names an admin, not an agent: calls are given to agents only",
          code: "agentIsAdmin",
        },
      ]);
      expect(await countCalls()).toBe(0);
    });

    it("imports only the good rows with skipBad", async () => {
      const csv = `${goodCsv}\n1,88,TASK-A,CUST-004,not-a-number,x,`;
      const result = await importCalls(t.db, parseCallsFile(csv, "csv", opts), { skipBad: true });
      expect(result).toMatchObject({ imported: true, inserted: 3, updated: 0, skipped: 1 });
      expect(await countCalls()).toBe(3);
    });

    it("updates a call imported again, without touching its outcome or write-back state", async () => {
      await importCalls(t.db, parseCallsFile(goodCsv, "csv", opts));
      const [before] = await t.db.select().from(calls).where(eq(calls.uniqueId, "CUST-001"));
      if (!before) throw new Error("CUST-001 was not imported");
      await t.db
        .update(calls)
        .set({ status: "0101", version: 3, writeBackState: "accepted", lastWriteBackAt: new Date() })
        .where(eq(calls.id, before.id));

      const again = goodCsv
        .replace(
          "13800000001;13900000001,first,2024-05-01 10:00:00",
          "13700000009,changed,2024-06-01 08:00:00",
        )
        .concat("\n1,88,TASK-B,CUST-004,13800000004,new,");
      const result = await importCalls(t.db, parseCallsFile(again, "csv", opts));
      expect(result).toMatchObject({ imported: true, inserted: 1, updated: 3 });
      expect(await countCalls()).toBe(4);

      const after = await getCall(t.db, before.id);
      expect(after).toMatchObject({
        phoneNumbers: ["13700000009"],
        callData: "changed",
        fetchTime: new Date("2024-06-01T08:00:00Z"),
        status: "0101",
        version: 3,
        writeBackState: "accepted",
        createdAt: before.createdAt,
      });
      // The search follows the numbers: the old one no longer finds the call.
      expect((await listCalls(t.db, { q: "1390000000" })).total).toBe(0);
      expect((await listCalls(t.db, { q: "1370000000" })).rows.map((r) => r.id)).toEqual([before.id]);
    });

    it("upserts in several statements when there are more than 1,000 rows", async () => {
      const rows = Array.from({ length: 2_345 }, (_, i) => call(i));
      expect(await upsertCalls(t.db, rows)).toEqual({ inserted: 2_345, updated: 0 });
      expect(await upsertCalls(t.db, rows.slice(0, 1_500))).toEqual({ inserted: 0, updated: 1_500 });
      expect(await countCalls()).toBe(2_345);
    });
  });

  describe("queries", () => {
    beforeEach(async () => {
      // created_at in a known order, two calls sharing one instant to check the id tie-break.
      const base = Date.parse("2024-06-01T00:00:00Z");
      const rows = Array.from({ length: 30 }, (_, i) => call(i + 1));
      await upsertCalls(t.db, rows);
      await t.db.execute(
        sql`UPDATE calls SET created_at = to_timestamp(${base / 1000} + CASE WHEN id = 30 THEN 29 ELSE id END * 60)`,
      );
      await t.db.update(calls).set({ writeBackState: "refused" }).where(sql`${calls.id} IN (3, 4, 5)`);
      await t.db.update(calls).set({ assignedTo: 7 }).where(sql`${calls.id} IN (5, 6)`);
    });

    it("lists newest first, paged on the server", async () => {
      const first = await listCalls(t.db, { pageSize: 10 });
      expect(first.total).toBe(30);
      expect(first.rows.map((r) => r.id)).toEqual([30, 29, 28, 27, 26, 25, 24, 23, 22, 21]);
      const third = await listCalls(t.db, { pageSize: 10, page: 3 });
      expect(third.rows.map((r) => r.id)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
      expect((await listCalls(t.db, { pageSize: 10, page: 4 })).rows).toEqual([]);
      const defaults = await listCalls(t.db);
      expect([defaults.page, defaults.pageSize, defaults.rows.length]).toEqual([1, 25, 25]);
      expect((await listCalls(t.db, { pageSize: 500 })).pageSize).toBe(100);
    });

    it("filters by write-back state, task and assignee", async () => {
      const refused = await listCalls(t.db, { state: "refused" });
      expect(refused.rows.map((r) => r.id)).toEqual([5, 4, 3]);
      expect(refused.total).toBe(3);
      const even = await listCalls(t.db, { serviceId: "EVEN", state: "refused" });
      expect(even.rows.map((r) => r.id)).toEqual([4]);
      expect((await listCalls(t.db, { assignedTo: 7 })).rows.map((r) => r.id)).toEqual([6, 5]);
      expect((await listCalls(t.db, { state: "accepted" })).total).toBe(0);
    });

    it("searches a prefix of the customer id or of any phone number", async () => {
      expect((await listCalls(t.db, { q: "C0001" })).rows.map((r) => r.id)).toEqual([
        19, 18, 17, 16, 15, 14, 13, 12, 11, 10,
      ]);
      expect((await listCalls(t.db, { q: " C00007 " })).rows.map((r) => r.id)).toEqual([7]);
      await t.db
        .update(calls)
        .set({ phoneNumbers: ["111", "55500001"] })
        .where(eq(calls.id, 2));
      expect((await listCalls(t.db, { q: "5550" })).rows.map((r) => r.id)).toEqual([2]);
      expect((await listCalls(t.db, { q: "13900000021" })).rows.map((r) => r.id)).toEqual([21]);
      const both = await listCalls(t.db, { q: "1390000002", serviceId: "ODD" });
      expect(both.rows.map((r) => r.id)).toEqual([29, 27, 25, 23, 21]);
      // LIKE's wildcards are plain characters in a search.
      expect((await listCalls(t.db, { q: "%" })).total).toBe(0);
      expect((await listCalls(t.db, { q: "C_00" })).total).toBe(0);
    });

    it("lists task ids, counts by state, gets a call and its write-backs", async () => {
      expect(await listServiceIds(t.db)).toEqual(["EVEN", "ODD"]);
      expect(await countCallsByState(t.db)).toEqual({
        none: 27,
        pending: 0,
        accepted: 0,
        refused: 3,
        failed: 0,
      });
      expect(await getCall(t.db, 12)).toMatchObject({ id: 12, uniqueId: "C00012" });
      expect(await getCall(t.db, 999)).toBeNull();

      const older = new Date("2024-07-01T00:00:00Z");
      await t.db.insert(writeBacks).values([
        { callId: 12, submissionId: randomUUID(), requestBody: "{}", createdAt: older },
        {
          callId: 12,
          submissionId: randomUUID(),
          requestBody: '{"n":2}',
          createdAt: new Date(older.getTime() + 1000),
        },
        { callId: 13, submissionId: randomUUID(), requestBody: "{}" },
      ]);
      const history = await listWriteBacks(t.db, 12);
      expect(history.map((w) => w.requestBody)).toEqual(['{"n":2}', "{}"]);
    });
  });
});
