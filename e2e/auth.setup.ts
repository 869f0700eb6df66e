import { test as setup } from "@playwright/test";
import { signIn } from "./helpers";
import { storageStatePath } from "./servers";

/** The demo accounts (lib/auth/users.ts ensureDemoUsers) and agent2 from e2e/seed.ts. */
export const accounts = {
  agent1: "agent1-demo-pass",
  agent2: "agent2-demo-pass",
  super1: "super1-demo-pass",
  admin1: "admin1-demo-pass",
} as const;

for (const [username, password] of Object.entries(accounts)) {
  setup(`sign in as ${username}`, async ({ page }) => {
    await signIn(page, username, password);
    await page.context().storageState({ path: storageStatePath(username) });
  });
}
