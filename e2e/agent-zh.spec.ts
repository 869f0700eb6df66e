import { expect, test } from "@playwright/test";
import { storageStatePath } from "./servers";

/**
 * The agent's screens in Simplified Chinese: a browser whose language is zh-CN sees the
 * calls list and the call page with Chinese labels, `<html lang="zh-CN">`, and times that
 * say their zone.
 */
test("a Chinese browser sees the calls list and the call page in Chinese", async ({ browser }) => {
  const context = await browser.newContext({
    storageState: storageStatePath("agent1"),
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
  });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { name: "预览通话" })).toBeVisible();
  await expect(page.getByText("时间按 Asia/Shanghai 显示")).toBeVisible();
  await page.getByLabel("按号码或客户编号搜索").fill("E2E-PLAIN-006");
  const row = page.getByRole("row").filter({ hasText: "E2E-PLAIN-006" });
  await expect(row).toHaveCount(1);
  await expect(row.getByText("未回写")).toBeVisible();
  await row.getByRole("link").click();

  await expect(page.getByRole("heading", { name: /^呼叫 / })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("link", { name: "← 全部通话" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "记录通话结果" })).toBeVisible();
  await expect(page.getByLabel("呼叫状态")).toBeVisible();
  await expect(page.getByLabel("设备类型")).toBeVisible();
  await expect(page.getByLabel("通话开始时间")).toBeVisible();
  await expect(page.getByRole("button", { name: "发送到 iSales" })).toBeVisible();
  await expect(page.getByRole("button", { name: "通话开始" })).toBeVisible();
  // The catalogue's codes in Chinese; the failure-code search finds a code by its Chinese meaning.
  await page.getByLabel("呼叫状态").selectOption({ label: "呼叫失败（5）" });
  const code = page.getByRole("combobox", { name: "失败原因码" });
  await code.fill("忙");
  await expect(page.getByRole("option", { name: /00145 用户忙/ })).toBeVisible();
  await page.getByRole("option", { name: /00145 用户忙/ }).click();
  await expect(code).toHaveValue("00145");
  await expect(page.getByText("含义：用户忙")).toBeVisible();
  // The fetch time is written in the reader's zone, and says so.
  await expect(page.getByRole("definition").locator("time").first()).toContainText(/GMT\+8|CST|UTC\+8/);
  await context.close();
});

test("a call opened from the review goes back to the review with its filters", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStatePath("super1") });
  const page = await context.newPage();
  await page.goto("/review?tz=UTC&serviceId=TASK-C");
  const link = page.getByRole("row").filter({ hasText: "E2E-PLAIN-006" }).getByRole("link").first();
  await link.click();
  const back = page.getByRole("link", { name: "← Back to the review" });
  await expect(back).toBeVisible();
  await back.click();
  await expect(page).toHaveURL(/\/review\?(?=.*serviceId=TASK-C)(?=.*tz=UTC)/);
  await context.close();
});
