import { expect, test } from "@playwright/test";
import { storageStatePath } from "./servers";

/** The design system's keyboard behaviour, once per component, on its own page (/dev/ui). */
test.use({ storageState: storageStatePath("admin1") });

test("/dev/ui is for admins only", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStatePath("super1") });
  const response = await (await context.newPage()).goto("/dev/ui");
  expect(response?.status()).toBe(404);
  await context.close();
});

test("a dialog traps focus while open and gives it back to its trigger", async ({ page }) => {
  await page.goto("/dev/ui");
  const trigger = page.getByRole("button", { name: "Open a dialog" });
  await trigger.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "A dialog" });
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Shift+Tab");
  expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();
});

test("a destructive action asks first; Cancel changes nothing, confirming submits and a toast is announced", async ({
  page,
}) => {
  await page.goto("/dev/ui");
  const destroy = page.getByRole("button", { name: "Delete 2 records…" });
  await destroy.click();
  const question = page.getByRole("alertdialog", { name: "Delete 2 records?" });
  await expect(question).toContainText("This deletes 2 records of the example");
  // Focus starts on Cancel: Enter at once never destroys anything.
  await expect(question.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(question).toBeHidden();
  await expect(destroy).toBeFocused();
  await expect(page.getByTestId("dev-submitted")).toHaveText("");

  await destroy.click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete 2 records" }).click();
  await expect(page.getByTestId("dev-submitted")).toHaveText("Submitted: delete");
  const live = page.locator('[aria-live="polite"]').filter({ hasText: "Deleted (nothing real" });
  await expect(live).toHaveCount(1);
});

test("a toast is announced in a live region", async ({ page }) => {
  await page.goto("/dev/ui");
  await page.getByRole("button", { name: "Show a toast" }).press("Enter");
  const region = page.getByRole("region", { name: /Notifications/ });
  await expect(region).toHaveAttribute("aria-live", "polite");
  await expect(region).toContainText("Saved: the example toast.");
});

test("a submit button shows it is working while its form is sent", async ({ page }) => {
  await page.goto("/dev/ui");
  const button = page.getByRole("button", { name: "Submit (shows it is working)" });
  await button.click();
  await expect(button).toHaveAttribute("aria-busy", "true");
  await expect(page.getByTestId("dev-submitted")).toHaveText("Submitted: save");
  await expect(button).not.toHaveAttribute("aria-busy", "true");
});

test("table rows are selected with Space; columns are hidden from the menu by keyboard", async ({ page }) => {
  await page.goto("/dev/ui");
  const table = page.getByRole("table", { name: "Example rows" });
  const bravo = table.getByRole("checkbox", { name: "Choose row Bravo" });
  await bravo.focus();
  await page.keyboard.press("Space");
  await expect(bravo).toBeChecked();
  await expect(table.getByRole("row").filter({ hasText: "Bravo" })).toHaveAttribute("data-state", "selected");
  const all = table.getByRole("checkbox", { name: "Tick every row on this page" });
  expect(await all.evaluate((b) => (b as HTMLInputElement).indeterminate)).toBe(true);
  await all.focus();
  await page.keyboard.press("Space");
  for (const name of ["Alpha", "Bravo", "Charlie"])
    await expect(table.getByRole("checkbox", { name: `Choose row ${name}` })).toBeChecked();

  await expect(table.getByRole("columnheader", { name: "Count" })).toBeVisible();
  await page.getByRole("button", { name: "Columns" }).focus();
  await page.keyboard.press("Enter");
  const count = page.getByRole("menuitemcheckbox", { name: "Count" });
  await expect(count).toBeVisible();
  await count.focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("Escape");
  await expect(table.getByRole("columnheader", { name: "Count" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Columns" })).toBeFocused();
});

test("the pager is followed by keyboard", async ({ page }) => {
  await page.goto("/dev/ui");
  const pager = page.getByRole("navigation", { name: "Pages" });
  await expect(pager).toContainText("Page 1 of 3");
  await pager.getByRole("link", { name: "Next page" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/page=2/);
  await expect(pager).toContainText("Page 2 of 3");
  await pager.getByRole("link", { name: "Previous page" }).focus();
  await page.keyboard.press("Enter");
  await expect(pager).toContainText("Page 1 of 3");
});
