import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { baseEnv, type OwnServer, seedUsers, startOwnServer, waitUntilUp } from "./own-server";
import { OWN_PORT_BASE } from "./servers";

/** Issue 11: a supervisor sees what the retention erased, of which call, and when. */
test.describe("erased personal data", () => {
  test.describe.configure({ mode: "serial" });
  let root = "";
  let server: OwnServer;

  test.beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "preview-desk-erasures-"));
    const env = baseEnv({ DATA_DIR: join(root, "data"), RETENTION_DAYS: "3" });
    seedUsers(env);
    const seeded = spawnSync(
      join("node_modules", ".bin", "tsx"),
      ["--conditions=react-server", "e2e/seed-erasure.ts"],
      { env, encoding: "utf8" },
    );
    expect(seeded.status, seeded.stderr).toBe(0);
    server = startOwnServer(OWN_PORT_BASE + 12, env);
    await waitUntilUp(server);
  });

  test.afterAll(async () => {
    await server?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test("the supervisor's page lists the erasure; agents do not have the page", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server.url });
    const page = await context.newPage();
    const signIn = async (username: string, password: string) => {
      await page.goto("/sign-in");
      await page.getByLabel("Username").fill(username);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: /sign in/i }).click();
      await expect(page.getByRole("heading", { name: "Previewed calls" })).toBeVisible();
    };
    await signIn("super1", "super1-demo-pass");
    await page.getByRole("link", { name: "Erasures" }).click();
    await expect(page.getByRole("heading", { name: "Erased personal data", level: 1 })).toBeVisible();
    await expect(page.getByText("Retention is on: personal data is erased 3 days after")).toBeVisible();
    const table = page.getByRole("table", { name: "Erasures, newest first" });
    const row = table.getByRole("row").filter({ hasText: "Call #" });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("phone numbers");
    await expect(row).toContainText("call data");
    await expect(row).toContainText("(after 3 days)");
    // The call itself no longer shows the number.
    await row.getByRole("link").click();
    await expect(page.getByRole("heading", { name: /^Call to/ })).toBeVisible();
    await expect(page.getByText("13800009999")).toHaveCount(0);
    await context.clearCookies();

    await signIn("agent1", "agent1-demo-pass");
    const response = await page.goto("/supervisor/erasures");
    expect(response?.status()).toBe(404);
    await context.close();
  });
});
