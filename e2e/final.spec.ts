import { expect, test } from "@playwright/test";
import { openCall, receivedWriteBacks, resetSimulator } from "./helpers";
import { storageStatePath } from "./servers";

// Calls seeded with an accepted outcome (e2e/seed.ts): 014 a wrong number, 015 and 016 busy.
test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

test("an agent marks a wrong number final: iSales gets call/result, and the call is no longer theirs to change", async ({
  page,
  request,
}) => {
  await openCall(page, "E2E-FINAL-014");
  const final = page.getByRole("region", { name: "Final result" });
  await final.getByRole("button", { name: "Mark final" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Mark this outcome final?" });
  await dialog.getByRole("button", { name: "Mark final" }).click();
  // The page is rendered again: the section now says since when the outcome is final.
  await expect(final).toContainText("Final since");
  const sent = await receivedWriteBacks(request, "E2E-FINAL-014", "result");
  expect(sent).toHaveLength(1);
  expect(sent[0]?.answer.status).toBe(200);
  expect(sent[0]?.body).toMatchObject({ uniqueId: "E2E-FINAL-014", status: "5", failCode: "00538" });
  expect(await receivedWriteBacks(request, "E2E-FINAL-014")).toHaveLength(0);

  await page.reload();
  await expect(page.getByText("Final", { exact: true })).toBeVisible();
  await expect(
    page.getByText("This call's outcome is final: only a supervisor can change it now."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark final" })).toHaveCount(0);
  const history = page.getByRole("list", { name: "Write-backs, newest first" });
  await expect(history).toContainText("Final result (call/result)");

  // No form here, but the desk goes on: "Next call" (key N) opens the agent's next call.
  const here = page.url();
  await expect(page.getByRole("button", { name: "Next call" })).toBeVisible();
  await page.keyboard.press("n");
  await page.waitForURL((url) => /\/calls\/\d+$/.test(url.pathname) && url.href !== here);
  await expect(page.getByRole("region", { name: "Final result" })).toBeVisible();
});

test("an agent may not finalise a busy call", async ({ page }) => {
  await openCall(page, "E2E-FINAL-015");
  const final = page.getByRole("region", { name: "Final result" });
  await expect(final).toContainText("Only a success, or a number that cannot be reached");
  await expect(final.getByRole("button", { name: "Mark final" })).toHaveCount(0);
});

test.describe("supervisor", () => {
  test.use({ storageState: storageStatePath("super1") });

  test("finalises calls in bulk from the review: dry run, then call/result for each", async ({
    page,
    request,
  }) => {
    await page.goto("/review?tz=UTC&serviceId=TASK-F");
    for (const id of ["E2E-FINAL-015", "E2E-FINAL-016"])
      await page.getByRole("checkbox", { name: `Choose call ${id}` }).check();
    await page.getByRole("button", { name: "Mark final… (dry run)" }).click();

    await expect(page.getByRole("heading", { name: /^Bulk finalise #\d+$/ })).toBeVisible();
    await expect(page.getByTestId("dry-run-count")).toHaveText(
      "2 calls will be marked final and sent to iSales as final results (call/result) with their current outcome.",
    );
    // A dry run sends nothing.
    expect(await receivedWriteBacks(request, "E2E-FINAL-015", "result")).toHaveLength(0);

    await page
      .getByLabel("Reason (required, kept with the re-send)")
      .fill("Customers asked not to be called");
    await page.getByRole("button", { name: "Send 2 calls" }).click();
    await expect(page.getByTestId("bulk-progress")).toHaveText("Done. 2 of 2 finished", { timeout: 30_000 });
    for (const id of ["E2E-FINAL-015", "E2E-FINAL-016"]) {
      const sent = await receivedWriteBacks(request, id, "result");
      expect(sent.map((r) => r.answer.status)).toEqual([200]);
      expect(sent[0]?.body).toMatchObject({ uniqueId: id, failCode: "00145" });
    }

    // Planned again, they are left out as final already.
    await page.goto("/review?tz=UTC&serviceId=TASK-F");
    await page.getByRole("checkbox", { name: "Choose call E2E-FINAL-015" }).check();
    await page.getByRole("button", { name: "Mark final… (dry run)" }).click();
    await expect(page.getByTestId("dry-run-skipped")).toContainText("already final");
  });
});
