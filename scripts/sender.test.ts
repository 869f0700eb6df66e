import { type ChildProcess, spawn } from "node:child_process";
import { inArray } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db";
import { writeBackAttempts, writeBacks } from "@/lib/db/schema";
import { createPostgresDatabase, testDatabaseUrl } from "@/test/support/databases";
import { insertCall, insertWriteBack, receivedTags, simToken, waitFor } from "@/test/support/delivery";
import { startSimulator } from "@/tools/isales-sim/server";

/** `npm run sender` as real processes: the command the operators run. */

const tsx = "node_modules/.bin/tsx";

function runSender(env: Record<string, string>): ChildProcess & { output: () => string } {
  const child = spawn(tsx, ["--conditions=react-server", "scripts/sender.ts"], {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "test", LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  return Object.assign(child, { output: () => output });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });

it("refuses to run on the embedded database, saying why", async () => {
  const child = runSender({ ISALES_BASE_URL: "http://127.0.0.1:9", ISALES_TOKEN: "x" });
  expect(await exited(child)).toBe(2);
  expect(child.output()).toMatch(/needs PostgreSQL: set DATABASE_URL/);
});

const serverUrl = testDatabaseUrl();

describe.skipIf(serverUrl === undefined)("two sender processes on one PostgreSQL", () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  });

  it("deliver one queue of 150 write-backs with none sent by both", async () => {
    const created = await createPostgresDatabase(serverUrl ?? "");
    cleanup.push(() => created.drop());
    const opened = await openDatabase({ databaseUrl: created.databaseUrl });
    cleanup.push(() => opened.close());
    const sim = await startSimulator({ fixedTokens: [simToken], faults: { latencyMs: 3 } });
    cleanup.push(() => sim.close());
    const { db } = opened;

    const env = {
      DATABASE_URL: created.databaseUrl,
      ISALES_BASE_URL: sim.url,
      ISALES_TOKEN: simToken,
      DELIVERY_POLL_MS: "20",
    };
    const senders = [runSender(env), runSender(env)];
    for (const s of senders) cleanup.push(async () => s.exitCode === null && s.kill("SIGKILL"));
    // Both must be running before the queue can drain, or the test proves one sender only (and
    // a process still starting up when the queue drains is stopped before it is listening).
    await waitFor(
      "both senders running",
      async () => senders.every((s) => s.output().includes("running")),
      60_000,
    );
    // The queue fills while both poll it, so they compete for every write-back.
    const ids: number[] = [];
    for (let i = 0; i < 150; i++) ids.push(await insertWriteBack(db, await insertCall(db), `proc-${i}`));
    await waitFor(
      "all accepted",
      async () => {
        const rows = await db
          .select({ state: writeBacks.state })
          .from(writeBacks)
          .where(inArray(writeBacks.id, ids));
        return rows.every((r) => r.state === "accepted");
      },
      60_000,
    );
    for (const s of senders) s.kill("SIGTERM");
    expect(await Promise.all(senders.map(exited))).toEqual([0, 0]);

    const counts = new Map<string, number>();
    for (const tag of receivedTags(sim)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
    expect(counts.size).toBe(150);
    const owners = await db
      .selectDistinct({ sender: writeBackAttempts.sender })
      .from(writeBackAttempts)
      .where(inArray(writeBackAttempts.writeBackId, ids));
    expect(owners).toHaveLength(2);
  });
});
