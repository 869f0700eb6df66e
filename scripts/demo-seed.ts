/**
 * Fills the demo's database from the simulator the first time: the tasks of the configured
 * call centre, and a batch of call data per task from `callnos`, stamped with the time it
 * was fetched. Does nothing when the database already has calls.
 */
import { and, count, eq, inArray } from "drizzle-orm";
import { ensureDemoUsers } from "@/lib/auth/users";
import { upsertCalls } from "@/lib/calls/queries";
import { closeDb, getDb } from "@/lib/db";
import { calls, type NewCall, users } from "@/lib/db/schema";
import { getIsalesClient } from "@/lib/isales/client";
import { settings } from "@/lib/settings";

// tsx runs these scripts as CommonJS, where top-level await is not allowed.
async function main(): Promise<void> {
  const perTask = 12;

  const db = await getDb();
  try {
    const accounts = await ensureDemoUsers(db);
    const agent = accounts.find((a) => a.role === "agent");
    const [row] = await db.select({ n: count() }).from(calls);
    if ((row?.n ?? 0) > 0) {
      console.log(`demo: the database already holds ${row?.n} calls`);
    } else {
      const s = settings();
      const subCCNo = s.ISALES_SUB_CC_NO ?? 1;
      const vdnId = s.ISALES_VDN_ID ?? 88;
      const client = getIsalesClient();
      const tasks = await client.tasks(subCCNo, vdnId);
      let added = 0;
      for (const task of tasks) {
        const { records, rejected } = await client.callnos({
          subCCNo,
          vdnId,
          serviceId: task.serviceId,
          batchCount: perTask,
        });
        const fetchTime = new Date();
        const rows: NewCall[] = records.map((r) => ({
          subCcNo: subCCNo,
          vdnId,
          serviceId: r.serviceId,
          uniqueId: r.uniqueId,
          phoneNumbers: r.phoneNumbers,
          callData: r.callData,
          callerNumber: r.callerNumber,
          fetchTime,
        }));
        const result = await upsertCalls(db, rows);
        added += result.inserted;
        // Two thirds of each task's calls go to the demo agent; the rest stay in the pool.
        const mine = rows.filter((_, i) => i % 3 !== 2).map((r) => r.uniqueId);
        if (agent && mine.length > 0) {
          const [user] = await db
            .select({ id: users.id })
            .from(users)
            .where(eq(users.username, agent.username));
          if (user) {
            await db
              .update(calls)
              .set({ assignedTo: user.id })
              .where(and(eq(calls.serviceId, task.serviceId), inArray(calls.uniqueId, mine)));
          }
        }
        if (rejected.length > 0)
          console.log(`demo: task ${task.serviceId}: ${rejected.length} records could not be read`);
      }
      console.log(`demo: fetched ${added} calls for ${tasks.length} tasks from the simulator`);
    }
  } finally {
    await closeDb();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
