import { expect, test } from "@playwright/test";
import { storageStatePath } from "./servers";

/** Who sees what, through the browser: the server answers as if another agent's call did not exist. */

test.describe("an agent", () => {
  test("does not see another agent's call in the list, nor reach it by its address", async ({
    page,
    browser,
  }) => {
    // Find the call's id as a supervisor sees it.
    const supervisor = await browser.newContext({ storageState: storageStatePath("super1") });
    const supervisorPage = await supervisor.newPage();
    const answer = await supervisorPage.request.post("/api/calls", { data: { q: "E2E-OTHER-008" } });
    expect(answer.status()).toBe(200);
    const list = (await answer.json()) as { rows: { id: number; uniqueId: string }[] };
    const other = list.rows.find((r) => r.uniqueId === "E2E-OTHER-008");
    expect(other, "the supervisor sees agent2's call").toBeDefined();
    await supervisor.close();

    // agent1 (this test's signed-in user) does not.
    const mine = await page.request.post("/api/calls", { data: { q: "E2E-OTHER-008" } });
    expect(mine.status()).toBe(200);
    expect(((await mine.json()) as { total: number }).total).toBe(0);

    const response = await page.goto(`/calls/${other?.id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByText("E2E-OTHER-008")).toHaveCount(0);
  });
});

test("signed out, pages send you to sign in and the API answers 401", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/calls/1");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fcalls%2F1/);
  const api = await page.request.get("/api/calls");
  expect(api.status()).toBe(401);
  await context.close();
});
