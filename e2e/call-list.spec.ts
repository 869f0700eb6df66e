import { expect, test } from "@playwright/test";
import { fillFailedOutcome, openCall, resetSimulator } from "./helpers";

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

test("the list filters by state, by task and by a search, and keeps the filters but never the search in the URL", async ({
  page,
}) => {
  // Make one call accepted, through the product itself.
  await openCall(page, "E2E-LIST-005");
  await fillFailedOutcome(page);
  await page.getByRole("button", { name: "Send to iSales" }).click();
  await expect(page.getByTestId("write-back-outcome")).toContainText("iSales accepted the outcome.");

  await page.goto("/");
  const rows = page.getByRole("row");
  await expect(rows.filter({ hasText: "E2E-PLAIN-006" })).toHaveCount(1);

  // The default view is "To do": a call written back is under "All" (and "Done today").
  await expect(rows.filter({ hasText: "E2E-LIST-005" })).toHaveCount(0);
  await page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "All" }).click();
  await expect(page).toHaveURL(/[?&]view=all/);
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
  await expect(rows.filter({ hasText: "E2E-" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "E2E-PLAIN-006" })).toHaveCount(1);
  // The number searched for is personal data: it is in no address, so in no history or log.
  expect(page.url()).not.toContain("137000");

  // A shared link shows the same filters, but never the search.
  await page.getByLabel("Task").selectOption("TASK-C");
  await expect(page).toHaveURL(/[?&]serviceId=TASK-C/);
  const shared = page.url();
  expect(shared).not.toContain("137000");
  await page.goto(shared);
  await expect(page.getByLabel("Task")).toHaveValue("TASK-C");
  await expect(page.getByLabel("Search by number or customer id")).toHaveValue("");
});

test("/api/calls names a bad parameter, and reads a search only from a POST body", async ({ request }) => {
  const bad = await request.get("/api/calls?state=maybe");
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ parameter: "state" });
  const page = await request.get("/api/calls?page=0");
  expect(page.status()).toBe(400);
  expect(await page.json()).toMatchObject({ parameter: "page" });
  // A search in the address is refused without being read, whatever it holds.
  const inQuery = await request.get("/api/calls?q=E2E-AXE");
  expect(inQuery.status()).toBe(400);
  const refusal = (await inQuery.json()) as { parameter: string; message: string };
  expect(refusal.parameter).toBe("q");
  expect(refusal.message).not.toContain("E2E-AXE");
  const good = await request.post("/api/calls", { data: { q: "E2E-AXE" } });
  expect(good.status()).toBe(200);
  const body = (await good.json()) as { rows: { uniqueId: string }[]; total: number };
  expect(body.rows.map((r) => r.uniqueId)).toEqual(["E2E-AXE-007"]);
});
