/**
 * npm run bench:bulk [-- --calls 1000 --concurrency 8] : a supervisor's bulk re-send of N
 * failed calls against the iSales simulator (a real HTTP server on a real socket), through
 * the product's own code: planBulk (dry run), sendBulk (queue), and the background sender.
 * Prints the time from Send until every write-back of the batch is accepted. Uses a
 * temporary embedded database, or PostgreSQL when BENCH_DATABASE_URL is set.
 */
import { rm } from "node:fs/promises";
import { parseArgs } from "node:util";
import { loadCatalogue } from "@/lib/catalogue";
import { openDatabase } from "@/lib/db";
import { calls, users } from "@/lib/db/schema";
import { createBreaker } from "@/lib/delivery/breaker";
import { startSender } from "@/lib/delivery/sender";
import { bulkProgress, planBulk, sendBulk } from "@/lib/review/bulk";
import { tempDataDir } from "@/test/support/databases";
import { clientFor, quietSettings, simToken, tinyPolicy } from "@/test/support/delivery";
import { startSimulator } from "@/tools/isales-sim/server";

quietSettings();

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { calls: { type: "string", default: "1000" }, concurrency: { type: "string", default: "8" } },
  });
  const n = Number(values.calls);
  const concurrency = Number(values.concurrency);
  const databaseUrl = process.env.BENCH_DATABASE_URL;
  const dataDir = databaseUrl ? undefined : await tempDataDir();
  const opened = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir });
  const sim = await startSimulator({ fixedTokens: [simToken] });
  try {
    const db = opened.db;
    const [sup] = await db
      .insert(users)
      .values({ username: `bench-${Date.now()}`, passwordHash: "x", role: "supervisor" })
      .returning({ id: users.id });
    if (!sup) throw new Error("no user");
    const now = new Date();
    const ids = (
      await db
        .insert(calls)
        .values(
          Array.from({ length: n }, (_, i) => ({
            subCcNo: 1,
            vdnId: 88,
            serviceId: "1251250797",
            uniqueId: `bench-${now.getTime()}-${i}`,
            phoneNumbers: ["88889156"],
            fetchTime: now,
            status: "5",
            failCode: "00146",
            deviceType: 2,
            phoneNumber: "88889156",
            version: 1,
            writeBackState: "failed" as const,
          })),
        )
        .returning({ id: calls.id })
    ).map((r) => r.id);
    const plan = await planBulk(db, {
      callIds: ids,
      selection: "bench",
      userId: sup.id,
      timeZone: "Asia/Shanghai",
      catalogue: loadCatalogue("config/catalogue.json"),
    });
    const started = performance.now();
    const sent = await sendBulk(db, {
      bulkId: plan.id,
      userId: sup.id,
      reason: "bench",
      timeZone: "Asia/Shanghai",
      catalogue: loadCatalogue("config/catalogue.json"),
    });
    if (!sent.ok) throw new Error(sent.message);
    const queuedMs = performance.now() - started;
    const sender = startSender({
      db,
      client: clientFor(sim),
      owner: "bench",
      policy: { ...tinyPolicy, maxAttempts: 10 },
      breaker: createBreaker({ failures: 50, halfOpenAfterMs: 1000 }),
      pollMs: 50,
      concurrency,
    });
    sender.wake();
    let progress = await bulkProgress(db, plan.id);
    while (!progress.done) {
      await new Promise((r) => setTimeout(r, 100));
      progress = await bulkProgress(db, plan.id);
    }
    const totalMs = performance.now() - started;
    await sender.stop();
    console.log(
      `bulk re-send of ${n} calls on ${opened.kind}, sender concurrency ${concurrency}: queued in ${(queuedMs / 1000).toFixed(2)} s, ` +
        `all finished in ${(totalMs / 1000).toFixed(2)} s (${progress.byState.accepted ?? 0} accepted, ${progress.byState.attention ?? 0} attention)`,
    );
  } finally {
    await sim.close();
    await opened.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
