import { expect, test } from "@playwright/test";
import { fillFailedOutcome, openCall, resetSimulator } from "./helpers";

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

test("the list filters by state, by task and by a search, and keeps them in the URL", async ({ page }) => {
  // Make one call accepted, through the product itself.
  await openCall(page, "E2E-LIST-005");
  await fillFailedOutcome(page);
  await page.getByRole("button", { name: "Send to iSales" }).click();
  await expect(page.getByTestId("write-back-outcome")).toContainText("iSales accepted the outcome.");

  await page.goto("/");
  const rows = page.getByRole("row");
  await expect(rows.filter({ hasText: "E2E-PLAIN-006" })).toHaveCount(1);

  await page.getByLabel("Write-back state").selectOption({ label: "Accepted" });
  await expect(page).toHaveURL(/[?&]state=accepted/);
  await expect(rows.filter({ hasText: "E2E-LIST-005" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "E2E-LIST-005" }).getByText("Accepted")).toBeVisible();
  await expect(rows.filter({ hasText: "E2E-PLAIN-006" })).toHaveCount(0);

  await page.getByLabel("Write-back state").selectOption({ label: "Not sent" });
  await expect(rows.filter({ hasText: "E2E-PLAIN-006" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "E2E-LIST-005" })).toHaveCount(0);

  await page.getByLabel("Write-back state").selectOption({ label: "Any state" });
  await page.getByLabel("Task").selectOption("TASK-C");
  await expect(page).toHaveURL(/[?&]serviceId=TASK-C/);
  await expect(rows.filter({ hasText: "E2E-PLAIN-006" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "E2E-LIST-005" })).toHaveCount(0);

  await page.getByLabel("Task").selectOption({ label: "Any task" });
  // By the start of a number.
  await page.getByLabel("Search by number or customer id").fill("137000");
  await expect(page).toHaveURL(/[?&]q=137000/);
  await expect(rows.filter({ hasText: "E2E-" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "E2E-PLAIN-006" })).toHaveCount(1);

  // A shared link shows the same list.
  const shared = page.url();
  await page.goto(shared);
  await expect(page.getByLabel("Search by number or customer id")).toHaveValue("137000");
  await expect(rows.filter({ hasText: "E2E-" })).toHaveCount(1);
});

test("GET /api/calls names a bad parameter", async ({ request }) => {
  const bad = await request.get("/api/calls?state=maybe");
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ parameter: "state" });
  const page = await request.get("/api/calls?page=0");
  expect(page.status()).toBe(400);
  expect(await page.json()).toMatchObject({ parameter: "page" });
  const good = await request.get("/api/calls?q=E2E-AXE");
  expect(good.status()).toBe(200);
  const body = (await good.json()) as { rows: { uniqueId: string }[]; total: number };
  expect(body.rows.map((r) => r.uniqueId)).toEqual(["E2E-AXE-007"]);
});
