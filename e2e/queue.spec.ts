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

test("a Chinese supervisor's queue answers in Chinese: the refused cancel and the retry's notice are made by the server in the user's language", async ({
  browser,
}) => {
  const id = await callNeedingAttention(browser, "QZH");
  const context = await browser.newContext({ storageState: storageStatePath("super1"), locale: "zh-CN" });
  try {
    const page = await context.newPage();
    const row = await queueRow(page, id);
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    const tick = row.getByRole("checkbox", { name: new RegExp(`^选择 ${id} 的回写 \\d+$`) });

    // No reason: the action refuses, in Chinese, and nothing is cancelled.
    await tick.check();
    await page.getByRole("button", { name: "取消…" }).click();
    await page
      .getByRole("alertdialog", { name: "取消回写？" })
      .getByRole("button", { name: "取消 1 个回写" })
      .click();
    await expect(refusal(page)).toHaveText("取消需要填写原因：未取消任何回写");
    await expect(row).toHaveCount(1);

    await tick.check();
    await page.getByRole("button", { name: "立即重试" }).click();
    await expect(notice(page)).toHaveText("已将 1 条回写重新排队发送");
  } finally {
    await context.close();
  }
});
