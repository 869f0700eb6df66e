/** The demo accounts in the database the settings name (for tests that start their own server). */
import { ensureDemoUsers } from "@/lib/auth/users";
import { closeDb, getDb } from "@/lib/db";

async function main(): Promise<void> {
  try {
    await ensureDemoUsers(await getDb());
  } finally {
    await closeDb();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
