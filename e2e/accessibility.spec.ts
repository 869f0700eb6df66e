import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { openCall } from "./helpers";

test("the list page has no accessibility violations", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("row").filter({ hasText: "E2E-AXE-007" })).toHaveCount(1);
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations).toEqual([]);
});

test("the call page has no accessibility violations, with the failure-code list open", async ({ page }) => {
  await openCall(page, "E2E-AXE-007");
  await expect(page.getByRole("definition").filter({ hasText: "Prefers calls after 6 pm" })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.getByRole("combobox", { name: "Failure cause code" }).fill("no");
  await expect(page.getByRole("listbox")).toBeVisible();
  await page.keyboard.press("ArrowDown");
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});
