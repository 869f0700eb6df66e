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
  } finally {
    await closeDb();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
