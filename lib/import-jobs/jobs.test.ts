import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/users";
import { calls, users } from "@/lib/db/schema";
import { type TestDatabase, testBackends } from "@/test/support/databases";
import { quietSettings } from "@/test/support/delivery";
import {
  claimImportJob,
  createImportJob,
  getImportJob,
  runImportJob,
  startImportJob,
  startImportWorker,
} from "./jobs";

quietSettings();

const header = "subCCNo,vdnId,serviceId,uniqueId,phoneNumber,callData,agent";
const csv = (lines: string[]) => [header, ...lines].join("\n");

describe.each(testBackends())("import jobs on $kind", (backend) => {
  let database: TestDatabase;
  let userId: number;

  beforeAll(async () => {
    database = await backend.open();
    const made = await createUser(database.db, {
      username: "job-agent",
      password: "a-long-password-1",
      role: "agent",
    });
    if (!made.ok) throw new Error(made.message);
    userId = made.value.id;
  });
  afterAll(async () => {
    await database?.destroy();
  });

  const countOf = async (serviceId: string) =>
    (await database.db.select({ n: count() }).from(calls).where(eq(calls.serviceId, serviceId)))[0]?.n ?? 0;

  it("previews, lists bad rows by line and field, refuses all-or-nothing, imports good rows only", async () => {
    const job = await createImportJob(database.db, {
      userId,
      fileName: "calls.csv",
      timeZone: "UTC",
      text: csv([
        "1,88,job-a,j1,138000,x,job-agent",
        "1,0,job-a,j2,138000,x,",
        "1,88,job-a,j3,12ab,x,",
        "1,88,job-a,j4,1380,x,",
      ]),
    });
    expect(job.state).toBe("preview");
    expect(job.goodRows).toBe(2);
    expect(job.badRows).toBe(2);
    expect(job.errors.map((e) => [e.line, e.field])).toEqual([
      [3, "vdnId"],
      [4, "phoneNumber"],
    ]);
    expect(job.preview.map((p) => p.uniqueId)).toEqual(["j1", "j4"]);
    expect(job.preview[0]?.agent).toBe("job-agent");

    const refused = await startImportJob(database.db, job.id, false);
    expect(refused).toEqual({
      ok: false,
      reason: "bad_rows",
      badRows: 2,
      message: expect.stringMatching(/all-or-nothing imports nothing/),
    });
    expect(await startImportJob(database.db, job.id, true)).toEqual({ ok: true });
    const claimed = await claimImportJob(database.db, "w1");
    expect(claimed?.id).toBe(job.id);
    expect(await claimImportJob(database.db, "w2")).toBeNull();
    const done = await runImportJob(
      database.db,
      claimed ??
        (() => {
          throw new Error("no job");
        })(),
      "w1",
    );
    expect(done.state).toBe("done");
    expect(done.inserted).toBe(2);
    expect(done.processed).toBe(2);
    expect(await countOf("job-a")).toBe(2);
    const [assigned] = await database.db.select().from(calls).where(eq(calls.uniqueId, "j1"));
    expect(assigned?.assignedTo).toBe(userId);
  });

  it("all-or-nothing of a clean file imports everything in the background with progress", async () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => `1,88,job-b,b${i},1380${i},d,`);
    const job = await createImportJob(database.db, {
      userId,
      fileName: "big.csv",
      timeZone: "UTC",
      text: csv(lines),
    });
    expect(job.badRows).toBe(0);
    expect(await startImportJob(database.db, job.id, false)).toEqual({ ok: true });
    const worker = startImportWorker({ db: database.db, owner: "bg", pollMs: 20 });
    const seen: number[] = [];
    try {
      for (let i = 0; i < 500; i++) {
        const now = await getImportJob(database.db, job.id);
        if (now) seen.push(now.processed);
        if (now?.state === "done") break;
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      await worker.stop();
    }
    const final = await getImportJob(database.db, job.id);
    expect(final?.state).toBe("done");
    expect(final?.processed).toBe(5_000);
    expect(await countOf("job-b")).toBe(5_000);
    // Progress only goes up.
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it("the preview refuses a row naming an unknown agent, a supervisor or an admin, as the import does", async () => {
    for (const [username, role] of [
      ["job-super", "supervisor"],
      ["job-admin", "admin"],
    ] as const) {
      const made = await createUser(database.db, { username, password: "a-long-password-1", role });
      if (!made.ok) throw new Error(made.message);
    }
    const record = (uniqueId: string, agent?: string) => ({
      subCCNo: 1,
      vdnId: 88,
      serviceId: "job-c",
      uniqueId,
      phoneNumber: "1",
      callData: "",
      ...(agent === undefined ? {} : { agent }),
    });
    const job = await createImportJob(database.db, {
      userId,
      fileName: "x.json",
      timeZone: "UTC",
      text: JSON.stringify([
        record("c1"),
        record("c2", "ghost"),
        record("c3", "job-super"),
        record("c4", "job-admin"),
      ]),
    });
    expect(job.format).toBe("json");
    expect(job.goodRows).toBe(1);
    expect(job.badRows).toBe(3);
    // All four calls are on line 1 of this file: the record number tells them apart.
    expect(job.errors).toEqual([
      {
        line: 1,
        record: 2,
        field: "agent",
        message: "names no active user of Preview Desk",
        code: "agentUnknown",
      },
      {
        line: 1,
        record: 3,
        field: "agent",
        message: "names a supervisor, not an agent: calls are given to agents only",
        code: "agentIsSupervisor",
      },
      {
        line: 1,
        record: 4,
        field: "agent",
        message: "names an admin, not an agent: calls are given to agents only",
        code: "agentIsAdmin",
      },
    ]);
    expect((await startImportJob(database.db, job.id, false)).ok).toBe(false);
    expect(await countOf("job-c")).toBe(0);
  });

  it("an agent disabled between the preview and the import makes all-or-nothing import nothing", async () => {
    const made = await createUser(database.db, {
      username: "job-leaver",
      password: "a-long-password-1",
      role: "agent",
    });
    if (!made.ok) throw new Error(made.message);
    const job = await createImportJob(database.db, {
      userId,
      fileName: "x.csv",
      timeZone: "UTC",
      text: csv(["1,88,job-d,d1,138000,x,", "1,88,job-d,d2,138001,x,job-leaver"]),
    });
    expect(job.badRows).toBe(0);
    expect(await startImportJob(database.db, job.id, false)).toEqual({ ok: true });
    await database.db.update(users).set({ disabled: true }).where(eq(users.id, made.value.id));
    const claimed = await claimImportJob(database.db, "w1");
    if (!claimed) throw new Error("not claimed");
    const done = await runImportJob(database.db, claimed, "w1");
    expect(done.state).toBe("failed");
    expect(done.errors).toEqual([
      { line: 3, field: "agent", message: "names no active user of Preview Desk", code: "agentUnknown" },
    ]);
    expect(await countOf("job-d")).toBe(0);
  });
});
