import { readFileSync } from "node:fs";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { fillFailedOutcome, openCall, receivedWriteBacks, resetSimulator } from "./helpers";
import { storageStatePath } from "./servers";
import { failWriteBack, importCalls, uniqueSuffix } from "./supervisor-support";

test.use({ storageState: storageStatePath("super1") });

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

async function asUser<T>(browser: Browser, username: string, work: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ storageState: storageStatePath(username) });
  try {
    return await work(await context.newPage());
  } finally {
    await context.close();
  }
}

async function sendAccepted(page: Page, uniqueId: string): Promise<void> {
  await openCall(page, uniqueId);
  await fillFailedOutcome(page);
  await page.getByRole("button", { name: "Send to iSales" }).click();
  await expect(page.getByTestId("write-back-outcome")).toContainText("iSales accepted the outcome.");
}

/** The calls of the filter form, as a supervisor sets them and presses Apply. */
async function applyFilter(
  page: Page,
  fields: { task?: string; state?: string; agent?: string; tz?: string },
) {
  // With a zone in the address the page does not put the browser's there (and re-render) first.
  await page.goto("/review?tz=UTC");
  const form = page.getByRole("form", { name: "Filter calls" });
  if (fields.task) await form.getByLabel("Task").selectOption(fields.task);
  if (fields.state) await form.getByLabel("Write-back state").selectOption({ label: fields.state });
  if (fields.agent) await form.getByLabel("Agent").selectOption({ label: fields.agent });
  if (fields.tz) await form.getByLabel("Time zone").fill(fields.tz);
  await form.getByRole("button", { name: "Apply" }).click();
  if (fields.task) await expect(page).toHaveURL(new RegExp(`[?&]serviceId=${fields.task}`));
}

const calls = (page: Page) => page.getByRole("table", { name: "Calls matching the filter" });
/** The notice the page shows after an action. */
const notice = (page: Page) => page.getByRole("main").getByRole("status");

test("a supervisor filters to failed write-backs, sees counts per state, exports them in a chosen zone and opens one", async ({
  page,
  browser,
}) => {
  const sfx = uniqueSuffix();
  const task = `REV-${sfx}`;
  const failed = `REV-${sfx}-F`;
  const accepted = `REV-${sfx}-A`;
  await importCalls(browser, [
    // 09:15 in iSales's zone (Asia/Shanghai, UTC+8) is 20:15 the day before in New York (UTC-5).
    { serviceId: task, uniqueId: failed, agent: "agent1", fetchTime: "2025-11-20 09:15:00" },
    { serviceId: task, uniqueId: accepted, agent: "agent1", fetchTime: "2025-11-20 09:20:00" },
  ]);
  await asUser(browser, "agent1", async (agent) => {
    await failWriteBack(agent, failed);
    await sendAccepted(agent, accepted);
  });

  await applyFilter(page, { task, state: "Failed", tz: "America/New_York" });
  await expect(page).toHaveURL(/[?&]state=failed/);
  await expect(page).toHaveURL(/[?&]tz=America%2FNew_York/);
  // Counts per state are of the other filters (here the task), whatever state is chosen.
  await expect(page.getByTestId("count-failed")).toHaveText("Failed: 1");
  await expect(page.getByTestId("count-accepted")).toHaveText("Accepted: 1");
  await expect(page.getByTestId("count-none")).toHaveText("Not sent: 0");
  await expect(page.getByTestId("count-failed")).toHaveAttribute("aria-current", "true");

  const rows = calls(page).getByRole("row");
  await expect(rows).toHaveCount(2); // the header and the failed call
  const row = rows.filter({ hasText: failed });
  await expect(row.getByRole("cell").nth(4)).toHaveText("2025-11-19 20:15:00");
  await expect(row).toContainText("Failed");
  await expect(page.getByText("1 call · times in America/New_York")).toBeVisible();

  // The CSV of exactly this filter, times in the chosen zone.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^calls-.*\.csv$/);
  const csv = readFileSync((await download.path()) ?? "", "utf8");
  const lines = csv.trim().split("\r\n");
  expect(lines[0]).toContain("fetched (America/New_York)");
  expect(lines).toHaveLength(2);
  // Ids as text for a spreadsheet: ="…", quoted by the CSV (lib/review/csv.ts).
  expect(lines[1]).toContain(`,"=""${task}""","=""${failed}""",`);
  expect(lines[1]).toContain(",2025-11-19 20:15:00,");
  expect(lines[1]).toContain(",failed,");
  expect(csv).not.toContain(accepted);

  // Open it: its page shows the failed attempt.
  await row.getByRole("link", { name: failed }).click();
  // The call's page, whose way back is the review with these filters.
  await expect(page).toHaveURL(/\/calls\/\d+\?back=%2Freview%3F/);
  await expect(page.getByRole("heading", { name: /^Call to / })).toBeVisible();
  await expect(page.getByRole("list", { name: "Write-backs, newest first" })).toContainText("Not accepted");
  await page.getByRole("link", { name: "← Back to the review" }).click();
  await expect(page).toHaveURL(/\/review\?(?=.*state=failed)(?=.*tz=America%2FNew_York)/);
});

test("a supervisor assigns a call to another agent and returns it to the pool", async ({ page, browser }) => {
  const sfx = uniqueSuffix();
  const task = `ASN-${sfx}`;
  const id = `ASN-${sfx}-1`;
  await importCalls(browser, [{ serviceId: task, uniqueId: id, agent: "agent1" }]);
  const seenBy = (username: string) =>
    asUser(browser, username, async (p) => {
      const body = (await (await p.request.post("/api/calls", { data: { q: id } })).json()) as {
        total: number;
      };
      return body.total;
    });
  expect(await seenBy("agent1")).toBe(1);

  await applyFilter(page, { task });
  const row = calls(page).getByRole("row").filter({ hasText: id });
  await expect(row.getByRole("cell").nth(3)).toHaveText("agent1");

  await row.getByRole("checkbox", { name: `Choose call ${id}` }).check();
  await page.getByLabel("Assign to").selectOption({ label: "agent2" });
  await page.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(notice(page)).toHaveText("1 assigned to agent2");
  await expect(row.getByRole("cell").nth(3)).toHaveText("agent2");
  expect(await seenBy("agent2")).toBe(1);
  expect(await seenBy("agent1")).toBe(0);

  await row.getByRole("checkbox", { name: `Choose call ${id}` }).check();
  await page.getByLabel("Assign to").selectOption({ label: "The pool (nobody)" });
  await page.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(notice(page)).toHaveText("1 returned to the pool");
  await expect(row.getByRole("cell").nth(3)).toHaveText("pool");
  expect(await seenBy("agent2")).toBe(0);
});

test("bulk re-send: the failed calls' dry run says how many and what, then they are sent with a reason and accepted", async ({
  page,
  browser,
  request,
}) => {
  const sfx = uniqueSuffix();
  const task = `BLK-${sfx}`;
  const ids = [`BLK-${sfx}-1`, `BLK-${sfx}-2`];
  await importCalls(
    browser,
    ids.map((uniqueId) => ({ serviceId: task, uniqueId, agent: "agent1" })),
  );
  await asUser(browser, "agent1", async (agent) => {
    for (const id of ids) await failWriteBack(agent, id);
  });

  await applyFilter(page, { task, state: "Failed" });
  await expect(page.getByTestId("count-failed")).toHaveText("Failed: 2");
  for (const id of ids) await page.getByRole("checkbox", { name: `Choose call ${id}` }).check();
  await page.getByRole("button", { name: "Re-send failed and refused… (dry run)" }).click();

  await expect(page.getByRole("heading", { name: /^Bulk re-send #\d+$/ })).toBeVisible();
  await expect(page.getByTestId("dry-run-count")).toHaveText(
    "2 calls will be sent again with their current outcome.",
  );
  const dryRun = page.getByRole("region", { name: "Dry run" });
  await expect(dryRun.getByRole("listitem").filter({ hasText: "2 failed" })).toHaveCount(1);
  await expect(dryRun.getByRole("listitem").filter({ hasText: `2 of task ${task}` })).toHaveCount(1);
  // The sample shows the exact bodies that will be sent.
  await expect(dryRun.locator("pre").filter({ hasText: `"uniqueId":"${ids[0]}"` })).toHaveCount(1);
  // A dry run sends nothing: iSales has seen only the first, failed, attempts.
  for (const id of ids) {
    expect((await receivedWriteBacks(request, id)).map((r) => r.answer.status)).toEqual([500]);
  }

  await page.getByLabel("Reason (required, kept with the re-send)").fill("iSales was failing this morning");
  await page.getByRole("button", { name: "Send 2 calls" }).click();
  await expect(
    page.getByText("Sent by reason “iSales was failing this morning”: 2 write-backs queued."),
  ).toBeVisible();
  await expect(page.getByTestId("bulk-progress")).toHaveText("Done. 2 of 2 finished", { timeout: 30_000 });
  await expect(page.getByTestId("bulk-accepted")).toHaveText("2");
  await expect(page.getByRole("progressbar", { name: "Finished" })).toHaveAttribute("value", "2");

  for (const id of ids) {
    expect((await receivedWriteBacks(request, id)).map((r) => r.answer.status)).toEqual([500, 200]);
  }
  await applyFilter(page, { task });
  await expect(page.getByTestId("count-accepted")).toHaveText("Accepted: 2");
  await expect(page.getByTestId("count-failed")).toHaveText("Failed: 0");
});

test("an agent's Take next call opens the call a supervisor returned to the pool", async ({
  page,
  browser,
}) => {
  const sfx = uniqueSuffix();
  const task = `NXT-${sfx}`;
  const id = `NXT-${sfx}-1`;
  await importCalls(browser, [{ serviceId: task, uniqueId: id, agent: "agent2" }]);

  // Empty the pool first (earlier tests may have left calls in it), then put this call there.
  await applyFilter(page, { agent: "Pool (nobody)" });
  await page.getByRole("radio", { name: /all \d+ calls this filter shows/ }).check();
  await page.getByLabel("Assign to").selectOption({ label: "agent2" });
  await page.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(notice(page)).toHaveText(/^\d+ assigned to agent2$/);
  await expect(page.getByText("0 calls · times in")).toBeVisible();

  await applyFilter(page, { task });
  await page.getByRole("checkbox", { name: `Choose call ${id}` }).check();
  await page.getByLabel("Assign to").selectOption({ label: "The pool (nobody)" });
  await page.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(notice(page)).toHaveText("1 returned to the pool");

  await asUser(browser, "agent1", async (agent) => {
    await agent.goto("/");
    await expect(agent.getByRole("row").filter({ hasText: id })).toHaveCount(0);
    await agent.getByRole("button", { name: "Take next call" }).click();
    await expect(agent).toHaveURL(/\/calls\/\d+$/);
    await expect(agent.getByRole("heading", { name: /^Call to / })).toBeVisible();
    await expect(agent.getByText(id, { exact: true }).first()).toBeVisible();
    // Now it is the agent's, and the pool is empty.
    await agent.goto("/");
    await agent.getByLabel("Search by number or customer id").fill(id);
    await expect(agent.getByRole("row").filter({ hasText: id })).toHaveCount(1);
    await agent.getByRole("button", { name: "Take next call" }).click();
    await expect(agent.getByRole("status").filter({ hasText: "The pool is empty" })).toBeVisible();
  });
});

test("the address is the review's one filter: a count link sets the state control, and Apply keeps it", async ({
  page,
}) => {
  await page.goto("/review?tz=UTC");
  const form = page.getByRole("form", { name: "Filter calls" });
  await expect(form.getByLabel("Write-back state")).toHaveValue("");
  await page.getByTestId("count-refused").click();
  await expect(page).toHaveURL(/[?&]state=refused/);
  // The control shows what the count link applied (it said "Any state" before).
  await expect(form.getByLabel("Write-back state")).toHaveValue("refused");
  await expect(page.getByTestId("count-refused")).toHaveAttribute("aria-current", "true");
  // Apply with another control changed keeps the state.
  await form.getByLabel("Time zone").fill("Asia/Shanghai");
  await form.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]tz=Asia%2FShanghai/);
  await expect(page).toHaveURL(/[?&]state=refused/);
  await expect(form.getByLabel("Write-back state")).toHaveValue("refused");
  // The time zone is chosen from the list of IANA zones.
  const zones = await form
    .getByLabel("Time zone")
    .evaluate((input) => [...((input as HTMLInputElement).list?.options ?? [])].map((o) => o.value));
  expect(zones).toContain("Europe/Berlin");
  expect(zones.length).toBeGreaterThan(300);
  // The same count link again clears the state.
  await page.getByTestId("count-refused").click();
  await expect(page).not.toHaveURL(/state=/);
  await expect(form.getByLabel("Write-back state")).toHaveValue("");
});
