import { expect, type Page, test } from "@playwright/test";
import { storageStatePath } from "./servers";

/** The header offers every page the user's role may open, and marks the one they are on. */

const navLinks = async (page: Page) =>
  page.getByRole("navigation", { name: "Main" }).getByRole("link").allTextContents();

test("each role sees every page it may open in the header, and only those; the current one is marked", async ({
  browser,
}) => {
  const expected: [string, string[]][] = [
    ["agent1", ["Preview Desk", "Calls"]],
    ["super1", ["Preview Desk", "Calls", "Overview", "Review", "Queue", "Tasks", "Import", "Erasures"]],
    [
      "admin1",
      [
        "Preview Desk",
        "Calls",
        "Overview",
        "Review",
        "Queue",
        "Tasks",
        "Import",
        "Erasures",
        "Users",
        "API keys",
      ],
    ],
  ];
  for (const [user, links] of expected) {
    const context = await browser.newContext({ storageState: storageStatePath(user) });
    const page = await context.newPage();
    await page.goto("/");
    expect(await navLinks(page), user).toEqual(links);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Calls" })).toHaveAttribute("aria-current", "page");
    if (user !== "agent1") {
      await nav.getByRole("link", { name: "Tasks" }).click();
      await expect(page).toHaveURL(/\/supervisor\/tasks$/);
      await expect(nav.getByRole("link", { name: "Tasks" })).toHaveAttribute("aria-current", "page");
      await expect(nav.getByRole("link", { name: "Calls" })).not.toHaveAttribute("aria-current", "page");
    }
    await context.close();
  }
});
