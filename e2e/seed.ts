/**
 * Seeds one e2e app's embedded database after the real import command has loaded
 * e2e/fixtures/calls.json: the demo accounts (the product's own ensureDemoUsers), a second
 * agent, and who owns which call: every fixture call belongs to agent1 except
 * E2E-OTHER-008, which belongs to agent2 (so agent1 must not reach it).
 */
import { eq, ne } from "drizzle-orm";
import { createUser, ensureDemoUsers, findUser } from "@/lib/auth/users";
import { closeDb, getDb } from "@/lib/db";
import { calls } from "@/lib/db/schema";

export const AGENT2 = { username: "agent2", password: "agent2-demo-pass" };

// tsx runs these scripts as CommonJS, where top-level await is not allowed.
async function main(): Promise<void> {
  const db = await getDb();
  try {
    await ensureDemoUsers(db);
    if (!(await findUser(db, AGENT2.username))) {
      await createUser(db, {
        username: AGENT2.username,
        password: AGENT2.password,
        role: "agent",
        workNo: "10002",
      });
    }
    const agent1 = await findUser(db, "agent1");
    const agent2 = await findUser(db, AGENT2.username);
    if (!agent1 || !agent2) throw new Error("e2e seed: the agents were not created");
    await db.update(calls).set({ assignedTo: agent1.id }).where(ne(calls.uniqueId, "E2E-OTHER-008"));
    await db.update(calls).set({ assignedTo: agent2.id }).where(eq(calls.uniqueId, "E2E-OTHER-008"));
    // Calls with an outcome already accepted, to be marked final (e2e/final.spec.ts): a wrong
    // number, which its agent may finalise, and two busy ones, which only a supervisor may.
    const outcome = (uniqueId: string, failCode: string, phoneNumber: string) =>
      db
        .update(calls)
        .set({
          version: 1,
          status: "5",
          failCode,
          deviceType: 5,
          phoneNumber,
          asrResult: "",
          callId: uniqueId,
          writeStartTime: new Date("2025-11-20T01:20:00Z"),
          endCallTime: new Date("2025-11-20T01:21:00Z"),
          writeBackState: "accepted",
          lastWriteBackAt: new Date("2025-11-20T01:21:05Z"),
        })
        .where(eq(calls.uniqueId, uniqueId));
    await outcome("E2E-FINAL-014", "00538", "13800000014");
    await outcome("E2E-FINAL-015", "00145", "13800000015");
    await outcome("E2E-FINAL-016", "00145", "13800000016");
  } finally {
    await closeDb();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
