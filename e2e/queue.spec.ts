import { type Browser, expect, type Page, test } from "@playwright/test";
import { receivedWriteBacks, resetSimulator } from "./helpers";
import { storageStatePath } from "./servers";
import { failWriteBack, importCalls, uniqueSuffix } from "./supervisor-support";

test.use({ storageState: storageStatePath("super1") });

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

/** A call of agent1's whose write-back iSales answered with HTTP 500: it needs attention. */
async function callNeedingAttention(browser: Browser, prefix: string): Promise<string> {
  const id = `${prefix}-${uniqueSuffix()}`;
  await importCalls(browser, [{ serviceId: `${prefix}-TASK`, uniqueId: id, agent: "agent1" }]);
  const context = await browser.newContext({ storageState: storageStatePath("agent1") });
  try {
    await failWriteBack(await context.newPage(), id);
  } finally {
    await context.close();
  }
  return id;
}

/** The queue's row of this call's write-back, among those needing attention. */
async function queueRow(page: Page, uniqueId: string) {
  await page.goto("/queue?state=attention");
  return page.getByRole("table").getByRole("row").filter({ hasText: uniqueId });
}

const notice = (page: Page) => page.getByRole("main").getByRole("status");
/** A refusal: shown as an error (red, role alert), never as a success. */
const refusal = (page: Page) => page.getByRole("main").getByRole("alert");

/** Cancel asks first, naming how many write-backs; confirming submits the form. */
async function cancelTicked(page: Page, count: string) {
  await page.getByRole("button", { name: "Cancel…" }).click();
  const question = page.getByRole("alertdialog", { name: "Cancel write-backs?" });
  await expect(question).toContainText(`${count} is cancelled`);
  await question.getByRole("button", { name: `Cancel ${count}` }).click();
}

test("a write-back needing attention shows its last error; Retry now sends it again and it is accepted", async ({
  page,
  browser,
  request,
}) => {
  const id = await callNeedingAttention(browser, "QRT");
  const row = await queueRow(page, id);
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell").nth(3)).toHaveText("Needs attention");
  await expect(row.getByRole("cell").nth(5)).toHaveText("1"); // attempts
  await expect(row.getByRole("cell").nth(6)).toHaveText(/HTTP 500/);
  await expect(row.getByRole("cell").nth(7)).toHaveText("agent1");

  // The simulator is healthy again (failWriteBack reset it): a retry goes through.
  await row.getByRole("checkbox", { name: new RegExp(`^Choose write-back \\d+ of ${id}$`) }).check();
  await page.getByRole("button", { name: "Retry now" }).click();
  await expect(notice(page)).toHaveText("1 queued to be sent again");

  await expect
    .poll(async () => (await receivedWriteBacks(request, id)).map((r) => r.answer.status), {
      timeout: 15_000,
    })
    .toEqual([500, 200]);
  // Accepted, so it leaves the queue; and the call is accepted.
  await page.goto("/queue");
  await expect(page.getByRole("table").getByRole("row").filter({ hasText: id })).toHaveCount(0);
  const calls = (await (await page.request.post("/api/calls", { data: { q: id } })).json()) as {
    rows: { writeBackState: string }[];
  };
  expect(calls.rows.map((r) => r.writeBackState)).toEqual(["accepted"]);
});

test("cancelling a write-back needs a reason; with one it leaves the queue and nothing is sent", async ({
  page,
  browser,
  request,
}) => {
  const id = await callNeedingAttention(browser, "QCN");
  const row = await queueRow(page, id);
  const tick = row.getByRole("checkbox", { name: new RegExp(`^Choose write-back \\d+ of ${id}$`) });

  // Asking first: "Keep them" changes nothing.
  await tick.check();
  await page.getByRole("button", { name: "Cancel…" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Keep them" }).click();
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
  await expect(row).toHaveCount(1);
  await expect(tick).toBeChecked();

  await cancelTicked(page, "1 write-back");
  await expect(refusal(page)).toHaveText("Cancel needs a reason: nothing was cancelled");
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell").nth(3)).toHaveText("Needs attention");

  await tick.check();
  await page.getByLabel("Reason to cancel (required)").fill("Customer asked to be left alone");
  await cancelTicked(page, "1 write-back");
  await expect(notice(page)).toHaveText("1 cancelled");
  await expect(row).toHaveCount(0);
  await page.goto("/queue");
  await expect(page.getByRole("table").getByRole("row").filter({ hasText: id })).toHaveCount(0);
  // Only the first (failed) attempt ever reached iSales.
  expect(await receivedWriteBacks(request, id)).toHaveLength(1);
});
