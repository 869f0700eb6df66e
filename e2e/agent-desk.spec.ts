import { type Browser, expect, type Page, test } from "@playwright/test";
import { receivedWriteBacks, resetSimulator } from "./helpers";
import { storageStatePath } from "./servers";
import { importCalls, uniqueSuffix } from "./supervisor-support";

/**
 * The agent's desk (issue 10): the keyboard-only path from the list to an accepted
 * write-back and on to the next call, in English and in Chinese; each shortcut; the `?`
 * list; auto-advance; the read-only form and "Change outcome"; the wrap-up timer; focus
 * that never falls to the page's body. As agent2, whose calls these tests import, so what
 * "Next call" opens is agent2's own open call.
 */

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

/** Import `count` calls for agent2 and return their customer ids, in order. */
async function agent2Calls(browser: Browser, count: number): Promise<string[]> {
  const sfx = uniqueSuffix();
  const ids = Array.from({ length: count }, (_, i) => `DESK-${sfx}-${i}`);
  await importCalls(
    browser,
    ids.map((uniqueId, i) => ({
      serviceId: `DESK-${sfx}`,
      uniqueId,
      phoneNumber: `1370${String(1_000_000 + i).slice(-7)}`,
      fetchTime: new Date(Date.now() - 60_000).toISOString().slice(0, 19).replace("T", " "),
      agent: "agent2",
    })),
  );
  return ids;
}

async function agent2Page(browser: Browser, locale: "en-GB" | "zh-CN" = "en-GB") {
  const context = await browser.newContext({ storageState: storageStatePath("agent2"), locale });
  return { context, page: await context.newPage() };
}

/** Open a call by its customer id (through the list's search route, as the list does). */
async function openById(page: Page, uniqueId: string) {
  const found = await page.request.post("/api/calls", { data: { q: uniqueId } });
  const id = ((await found.json()) as { rows: { id: number }[] }).rows[0]?.id;
  expect(id, uniqueId).toBeDefined();
  await page.goto(`/calls/${id}`);
  await expect(page.getByRole("heading", { name: /^(Call to|呼叫) / })).toBeVisible();
  await formIsLive(page);
}

/** The page's keys are attached (the ? button marks it). */
const keysAreLive = (page: Page) =>
  expect(page.locator("button[aria-keyshortcuts='Shift+?'][data-hydrated]")).toBeVisible();

/** The form's script has run: its keys and handlers are attached. */
const formIsLive = (page: Page) => expect(page.locator("form[data-hydrated]")).toBeVisible();

const customerId = (page: Page, label = "Customer id") => page.locator(`dt:text-is("${label}") + dd`);
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? "");
const focusIsOnBody = (page: Page) => page.evaluate(() => document.activeElement === document.body);

for (const lang of ["en-GB", "zh-CN"] as const) {
  const zh = lang === "zh-CN";
  const words = zh
    ? {
        list: "预览通话",
        send: "发送到 iSales",
        next: "下一个通话",
        accepted: "iSales 代码：0",
        customer: "客户编号",
      }
    : {
        list: "Previewed calls",
        send: "Send to iSales",
        next: "Next call",
        accepted: "iSales code: 0",
        customer: "Customer id",
      };

  test(`keyboard only (${lang}): from the list to an accepted write-back in four keys, Enter to the next call`, async ({
    browser,
    request,
  }) => {
    await agent2Calls(browser, 2);
    const { context, page } = await agent2Page(browser, lang);
    try {
      await page.goto("/");
      await expect(page.locator("html")).toHaveAttribute("lang", zh ? "zh-CN" : "en");
      await expect(page.getByRole("heading", { name: words.list })).toBeVisible();
      await keysAreLive(page);

      // N: the agent's next open call.
      await page.keyboard.press("n");
      await expect(page).toHaveURL(/\/calls\/\d+$/);
      await expect(page.getByRole("button", { name: words.send })).toBeVisible();
      await formIsLive(page);
      await expect(page.locator("html")).toHaveAttribute("lang", zh ? "zh-CN" : "en");
      const uniqueId = (await customerId(page, words.customer).textContent()) ?? "";
      // The quick outcomes in the page's language, each with its key.
      const busy = page.getByRole("button", { name: zh ? "忙" : "Busy", exact: true });
      await expect(busy).toHaveAttribute("aria-keyshortcuts", "2");
      // D: dial (a tel: link) and stamp the start; 2: Busy (stamps the end); Ctrl+Enter: send.
      await page.keyboard.press("d");
      await page.keyboard.press("2");
      await page.keyboard.press("Control+Enter");
      await expect(page.getByTestId("write-back-outcome")).toContainText(words.accepted);

      const received = await receivedWriteBacks(request, uniqueId);
      expect(received).toHaveLength(1);
      const body = received[0]?.body as Record<string, unknown>;
      expect(body).toMatchObject({ status: "5", failCode: "00145", deviceType: 5, asrResult: "Busy tone" });
      expect(body.writeStartTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(String(body.endCallTime) >= String(body.writeStartTime)).toBe(true);

      // Focus is on "Next call", never on the body; Enter opens another open call.
      await expect(page.getByRole("button", { name: words.next })).toBeFocused();
      const url = page.url();
      await page.keyboard.press("Enter");
      await expect(page).not.toHaveURL(url);
      await expect(page.getByRole("button", { name: words.send })).toBeVisible();
      await expect(customerId(page, words.customer)).not.toHaveText(uniqueId);
    } finally {
      await context.close();
    }
  });
}

test("a zh-CN agent's refusals are Chinese too, naming the field in Chinese", async ({ browser }) => {
  await agent2Calls(browser, 1);
  const { context, page } = await agent2Page(browser, "zh-CN");
  try {
    await page.goto("/");
    await keysAreLive(page);
    await page.keyboard.press("n");
    await expect(page).toHaveURL(/\/calls\/\d+$/);
    await formIsLive(page);
    // Sent with nothing chosen: the one schema's message, in the page's language.
    await page.keyboard.press("Control+Enter");
    await expect(page.getByText("呼叫状态：请选择这通电话的结果")).toBeVisible();
    await expect(page.getByText("Call status: choose what happened on the call")).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("each shortcut does its one thing, none fires while typing, and the keys are on the buttons", async ({
  browser,
}) => {
  const [first = ""] = await agent2Calls(browser, 1);
  const { context, page } = await agent2Page(browser);
  try {
    await openById(page, first);
    const start = page.getByLabel("Call start time");
    const end = page.getByLabel("Call end time");
    const status = page.getByLabel("Call status");
    const code = page.getByRole("combobox", { name: "Failure cause code" });

    // Typing in a text field is typing: s, e, d and digits go into the field.
    await page.getByLabel("Call id").fill("");
    await page.getByLabel("Call id").pressSequentially("sed12");
    await expect(page.getByLabel("Call id")).toHaveValue("sed12");
    await expect(start).toHaveValue("");
    await expect(status).toHaveValue("");
    await page.getByLabel("Call id").blur();

    // S and E stamp the start and the end, as a time of day.
    await page.keyboard.press("s");
    await expect(start).toHaveValue(/^\d{2}:\d{2}:\d{2}$/);
    await page.keyboard.press("e");
    await expect(end).toHaveValue(/^\d{2}:\d{2}:\d{2}$/);

    // Digits choose the quick outcome with that key, and the key is on its button.
    const noAnswer = page.getByRole("button", { name: "No answer" });
    await expect(noAnswer).toHaveAttribute("aria-keyshortcuts", "3");
    await expect(noAnswer).toContainText("3");
    await page.keyboard.press("3");
    await expect(status).toHaveValue("5");
    await expect(code).toHaveValue("00146");
    await expect(noAnswer).toHaveAttribute("aria-pressed", "true");
    await page.keyboard.press("1");
    await expect(status).toHaveValue("6");
    await expect(code).toHaveValue("00000");

    // /: to the failure-code search; a digit typed there is text, not a quick outcome.
    await page.keyboard.press("/");
    await expect(code).toBeFocused();
    await code.fill("");
    await page.keyboard.type("2");
    await expect(code).toHaveValue("2");
    await expect(status).toHaveValue("6");
    // Tab out of the failure-code box goes to the next field, not to the body.
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Detection result (ASR)")).toBeFocused();
    await page.getByLabel("Detection result (ASR)").blur();

    // D: the Dial control is a tel: link with its key, and it stamps a new start.
    const dial = page.locator("[aria-keyshortcuts=D]");
    await expect(dial).toHaveAttribute("href", /^tel:1370\d{7}$/);
    await expect(dial).toContainText("D");
    await start.fill("");
    await end.fill("");
    await end.blur();
    await page.keyboard.press("d");
    await expect(start).toHaveValue(/^\d{2}:\d{2}:\d{2}$/);
    expect(new URL(page.url()).pathname).toMatch(/^\/calls\/\d+$/);

    // Keys on the other buttons.
    await expect(page.getByRole("button", { name: "Call started" })).toHaveAttribute(
      "aria-keyshortcuts",
      "S",
    );
    await expect(page.getByRole("button", { name: "Call ended" })).toHaveAttribute("aria-keyshortcuts", "E");
    await expect(page.getByRole("button", { name: "Send to iSales" })).toContainText("Ctrl+Enter");
    await expect(page.getByRole("button", { name: "Next call" })).toContainText("N");

    // ?: the list of shortcuts, in a dialog; Escape closes it and focus goes back.
    await page.getByRole("button", { name: "Call ended" }).focus();
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toBeVisible();
    for (const text of [
      "Ctrl+Enter",
      "1–9",
      "Back to the list",
      "Open the next call",
      "Stamp the call's end (now)",
    ])
      await expect(help).toContainText(text);
    // No shortcut fires behind the dialog.
    await page.keyboard.press("b");
    await expect(help).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();
    await expect(page.getByRole("button", { name: "Call ended" })).toBeFocused();

    // B: back to the list.
    await page.keyboard.press("b");
    await expect(page.getByRole("heading", { name: "Previewed calls" })).toBeVisible();
    await keysAreLive(page);
    // /: the list's search; N: the next open call.
    await page.keyboard.press("/");
    await expect(page.getByLabel("Search by number or customer id")).toBeFocused();
    await page.getByLabel("Search by number or customer id").blur();
    await page.keyboard.press("n");
    await expect(page).toHaveURL(/\/calls\/\d+$/);
  } finally {
    await context.close();
  }
});

test("the `?` list in Chinese", async ({ browser }) => {
  const { context, page } = await agent2Page(browser, "zh-CN");
  try {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "预览通话" })).toBeVisible();
    await keysAreLive(page);
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "键盘快捷键" });
    await expect(help).toContainText("打开下一个通话");
    await expect(help).toContainText("转到搜索框");
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();
    expect(await focusIsOnBody(page)).toBe(false);
  } finally {
    await context.close();
  }
});

test("auto-advance, kept on the account, opens the next call by itself once the write-back is accepted", async ({
  browser,
}) => {
  const [first = ""] = await agent2Calls(browser, 2);
  const { context, page } = await agent2Page(browser);
  const auto = page.getByRole("checkbox", { name: "Open the next call by itself after a send" });
  try {
    await openById(page, first);
    await expect(auto).not.toBeChecked();
    await auto.check();
    await expect(page.getByText("Saved on your account.")).toBeVisible();
    await page.reload();
    await expect(auto).toBeChecked();

    const url = page.url();
    await page.keyboard.press("d");
    await page.keyboard.press("4");
    await page.keyboard.press("Control+Enter");
    await expect(page).not.toHaveURL(url);
    await expect(page.getByRole("button", { name: "Send to iSales" })).toBeVisible();
    await expect(customerId(page)).not.toHaveText(first);
  } finally {
    // agent2 is shared with the other tests: put the choice back.
    await formIsLive(page);
    await auto.uncheck();
    await expect(page.getByText("Saved on your account.")).toBeVisible();
    await context.close();
  }
});

test("after iSales accepts, the form is read-only until Change outcome, which sends a new version", async ({
  browser,
  request,
}) => {
  const [first = ""] = await agent2Calls(browser, 1);
  const { context, page } = await agent2Page(browser);
  try {
    await openById(page, first);
    await page.keyboard.press("d");
    await page.keyboard.press("5");
    await page.getByRole("button", { name: "Send to iSales" }).click();
    await expect(page.getByTestId("write-back-outcome")).toContainText("iSales accepted the outcome.");
    await expect(page.getByRole("button", { name: "Next call" })).toBeFocused();

    const status = page.getByLabel("Call status");
    await expect(page.getByTestId("read-only")).toBeVisible();
    await expect(status).toBeDisabled();
    await expect(page.getByRole("button", { name: "Send to iSales" })).toHaveCount(0);
    // Keys that would change the outcome do nothing.
    await page.keyboard.press("1");
    await expect(status).toHaveValue("5");

    // Still read-only after a reload.
    await page.reload();
    await expect(page.getByTestId("read-only")).toBeVisible();
    await expect(status).toBeDisabled();
    await expect(status).toHaveValue("5");

    await page.getByRole("button", { name: "Change outcome" }).click();
    await expect(status).toBeEnabled();
    await expect(status).toBeFocused();
    await status.blur();
    await page.keyboard.press("6");
    await page.keyboard.press("Control+Enter");
    await expect(page.getByTestId("write-back-outcome")).toContainText("iSales accepted the outcome.");
    await expect(page.getByTestId("read-only")).toBeVisible();
    const versions = page.getByRole("list", { name: "Versions, newest first" });
    await expect(versions.getByTestId("call-version").first()).toContainText("Version 2");
    const received = await receivedWriteBacks(request, first);
    expect(received.map((r) => (r.body as { failCode?: string }).failCode)).toEqual(["00208", "00538"]);
  } finally {
    await context.close();
  }
});

test("the wrap-up timer counts from the call's end; Saving… does not outlive a send", async ({ browser }) => {
  const [first = ""] = await agent2Calls(browser, 1);
  const { context, page } = await agent2Page(browser);
  try {
    await openById(page, first);
    const timer = page.getByRole("timer");
    await expect(timer).toHaveCount(0);
    await page.keyboard.press("d");
    await page.keyboard.press("e");
    await expect(timer).toContainText(/^Wrap-up: 0:\d{2} since the call ended$/);
    const shown = await timer.textContent();
    await expect.poll(() => timer.textContent()).not.toBe(shown);

    // An end two minutes ago (typed as a time of day in the agent's zone): two minutes of wrap-up.
    const twoMinutesAgo = await page.evaluate(() => {
      const d = new Date(Date.now() - 125_000);
      const p = (n: number) => String(n).padStart(2, "0");
      return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
    });
    await page.getByLabel("Call start time").fill(twoMinutesAgo);
    await page.getByLabel("Call end time").fill(twoMinutesAgo);
    await expect(timer).toContainText(/^Wrap-up: 2:\d{2} since the call ended$/);

    // A stamp schedules a draft save ("Saving…"); sending at once must not leave it behind.
    await page.getByLabel("Call end time").blur();
    await page.keyboard.press("2");
    await expect(page.getByTestId("draft-state")).toContainText(/Saving…|Draft saved/);
    await page.keyboard.press("Control+Enter");
    await expect(page.getByTestId("write-back-outcome")).toContainText("iSales accepted the outcome.");
    await expect(page.getByTestId("draft-state")).not.toContainText("Saving…");
    await expect(timer).toHaveCount(0);
    expect(await focusIsOnBody(page)).toBe(false);
    expect(await focusedText(page)).toContain("Next call");
  } finally {
    await context.close();
  }
});
