import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { calls, type NewCall } from "@/lib/db/schema";
import { type TestDatabase, testBackends } from "@/test/support/databases";
import { fallbackListQuery, firstValues, listQuerySchema, openStates, toSearch } from "./list-query";
import { agentTally, listCalls } from "./queries";

describe("the list's view in the address", () => {
  it("is To do when the address names none, and stays out of the address then", () => {
    expect(listQuerySchema.parse(firstValues(new URLSearchParams("")))).toEqual(fallbackListQuery);
    expect(listQuerySchema.parse(firstValues(new URLSearchParams("view=today"))).view).toBe("today");
    expect(toSearch({ view: "todo", page: 1 })).toBe("");
    expect(toSearch({ view: "all", state: "accepted", page: 2 })).toBe("view=all&state=accepted&page=2");
  });

  it("refuses a view it does not know, naming it", () => {
    const parsed = listQuerySchema.safeParse({ view: "later" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["view"]);
  });
});

const AGENT = 7;
const OTHER = 8;
const since = new Date("2026-12-02T00:00:00Z");
const before = new Date("2026-12-01T12:00:00Z");
const after = new Date("2026-12-02T08:00:00Z");

const call = (n: number, extra: Partial<NewCall>): NewCall => ({
  subCcNo: 1,
  vdnId: 88,
  serviceId: "T",
  uniqueId: `V${n}`,
  phoneNumbers: [`1390000${String(n).padStart(4, "0")}`],
  fetchTime: before,
  assignedTo: AGENT,
  ...extra,
});

describe.each(testBackends())("views and tally on $kind", ({ open }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await open();
  });
  afterAll(async () => {
    await t?.destroy();
  });
  beforeEach(async () => {
    await t.db.execute(sql`TRUNCATE calls RESTART IDENTITY CASCADE`);
    await t.db
      .insert(calls)
      .values([
        call(1, {}),
        call(2, { writeBackState: "accepted", lastWriteBackAt: after }),
        call(3, { writeBackState: "refused", lastWriteBackAt: after }),
        call(4, { writeBackState: "pending", lastWriteBackAt: after }),
        call(5, { writeBackState: "pending", lastWriteBackAt: before }),
        call(6, { writeBackState: "accepted", lastWriteBackAt: before }),
        call(7, { writeBackState: "failed", lastWriteBackAt: before }),
        call(8, { writeBackState: "accepted", lastWriteBackAt: after, assignedTo: OTHER }),
      ]);
  });

  const ids = async (query: Parameters<typeof listCalls>[1]) =>
    (await listCalls(t.db, { assignedTo: AGENT, ...query })).rows.map((r) => r.uniqueId).sort();

  it("To do is what is not written back, or was refused or failed; Done today what was written since", async () => {
    expect(await ids({ states: openStates })).toEqual(["V1", "V3", "V7"]);
    expect(await ids({ writtenSince: since })).toEqual(["V2", "V3", "V4"]);
    expect(await ids({})).toHaveLength(7);
  });

  it("the tally counts one agent's day: done, accepted of those, waiting whenever sent", async () => {
    expect(await agentTally(t.db, AGENT, since)).toEqual({ doneToday: 3, accepted: 1, waiting: 2 });
    expect(await agentTally(t.db, OTHER, since)).toEqual({ doneToday: 1, accepted: 1, waiting: 0 });
    expect(await agentTally(t.db, 99, since)).toEqual({ doneToday: 0, accepted: 0, waiting: 0 });
  });
});
