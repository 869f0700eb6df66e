import { expect, test } from "@playwright/test";
import { storageStatePath } from "./servers";

/**
 * The UI's language (issue 10's foundation): the browser's Accept-Language picks it, the
 * header's switch changes it (a plain form POST, so it works without JavaScript), and
 * `<html lang>` always says which it is.
 */

test("a Chinese browser gets the Chinese header with lang=zh-CN; the switch goes to English and back", async ({
  browser,
}) => {
  const context = await browser.newContext({
    storageState: storageStatePath("super1"),
    locale: "zh-CN",
  });
  const page = await context.newPage();
  await page.goto("/review");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  const nav = page.getByRole("navigation", { name: "主导航" });
  await expect(nav.getByRole("link", { name: "审核" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();

  await page.getByRole("button", { name: "English" }).click();
  await expect(page).toHaveURL(/\/review(\?|$)/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review", exact: true }),
  ).toBeVisible();

  await page.getByRole("button", { name: "简体中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await context.close();
});

test("the switch works without JavaScript and keeps the page's query", async ({ browser }) => {
  const context = await browser.newContext({
    storageState: storageStatePath("super1"),
    javaScriptEnabled: false,
  });
  const page = await context.newPage();
  await page.goto("/review?state=refused");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "简体中文" }).click();
  await expect(page).toHaveURL(/\/review\?state=refused$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await context.close();
});

test("the sign-in page offers the switch to a signed-out visitor", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-US", storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "简体中文" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await context.close();
});
