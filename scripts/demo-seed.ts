/**
 * Prepares the demo's database before the server starts (the embedded database admits one
 * process at a time): the demo accounts, and, the first time, every task of the simulator's
 * call centre chosen for Preview Desk and filled through the product's own pull (tasks,
 * then callnos, with fetchTime set when the data was obtained). Two thirds of those calls
 * go to the demo agent; the rest stay in the pool, which the server's puller keeps stocked.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import { ensureDemoUsers } from "@/lib/auth/users";
import { closeDb, getDb } from "@/lib/db";
import { calls, pullTasks, users } from "@/lib/db/schema";
import { getIsalesClient } from "@/lib/isales/client";
import { pullOptionsFromSettings } from "@/lib/pull/process";
import { pullDue } from "@/lib/pull/pull";
import { chooseTask } from "@/lib/pull/tasks";

const LOW_WATER = 5;
const BATCH = 12;

// tsx runs these scripts as CommonJS, where top-level await is not allowed.
async function main(): Promise<void> {
  const db = await getDb();
  try {
    const accounts = await ensureDemoUsers(db);
    const options = pullOptionsFromSettings();
    if (!options) throw new Error("the demo needs ISALES_SUB_CC_NO and ISALES_VDN_ID");
    const chosen = await db.select({ id: pullTasks.id }).from(pullTasks).limit(1);
    if (chosen.length > 0) {
      console.log("demo: the database is already set up; the puller keeps each task stocked");
      return;
    }
    const tasks = await getIsalesClient().tasks(options.subCCNo, options.vdnId);
    for (const task of tasks) {
      await chooseTask(
        db,
        { subCCNo: options.subCCNo, vdnId: options.vdnId },
        { serviceId: task.serviceId, lowWater: LOW_WATER, batchCount: BATCH },
        null,
      );
    }
    const reports = await pullDue(db, options);
    const fetched = reports.reduce((n, r) => n + r.inserted, 0);
    console.log(
      `demo: chose ${tasks.length} tasks (low-water ${LOW_WATER}, batch ${BATCH}) and pulled ${fetched} calls`,
    );

    const agent = accounts.find((a) => a.role === "agent");
    const pool = await db
      .select({ id: calls.id })
      .from(calls)
      .where(isNull(calls.assignedTo))
      .orderBy(calls.id);
    const mine = pool.filter((_, i) => i % 3 !== 2).map((c) => c.id);
    if (agent && mine.length > 0) {
      const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, agent.username));
      if (user) {
        await db
          .update(calls)
          .set({ assignedTo: user.id })
          .where(and(inArray(calls.id, mine), isNull(calls.assignedTo)));
        console.log(
          `demo: gave ${mine.length} calls to ${agent.username}; ${pool.length - mine.length} stay in the pool`,
        );
      }
    }
  } finally {
    await closeDb();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
