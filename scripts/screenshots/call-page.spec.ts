import { expect, test } from "@playwright/test";
import { openCall } from "../../e2e/helpers";

/** Run by `npm run screenshots` (playwright.screenshots.config.ts), never by `npm test`. */
const sizes = [
  { name: "desktop", viewport: { width: 1440, height: 900 }, isMobile: false },
  { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true },
] as const;
const schemes = ["light", "dark"] as const;

for (const size of sizes) {
  for (const scheme of schemes) {
    test(`the call page, ${scheme}, ${size.name}`, async ({ browser }) => {
      const context = await browser.newContext({
        viewport: size.viewport,
        isMobile: size.isMobile,
        hasTouch: size.isMobile,
        deviceScaleFactor: 1,
        colorScheme: scheme,
      });
      try {
        const page = await context.newPage();
        if (size.isMobile) {
          await page.goto("/");
          await page.getByLabel("Search by number or customer id").fill("E2E-SUCCESS-001");
          const card = page.getByRole("listitem").filter({ hasText: "E2E-SUCCESS-001" });
          await expect(card).toHaveCount(1);
          await card.getByRole("link").click();
          await expect(page.getByRole("heading", { name: /^Call to / })).toBeVisible();
        } else {
          await openCall(page, "E2E-SUCCESS-001");
        }
        // The times are the browser's: wait for them, not the server's UTC stand-in.
        await expect(page.locator("time").first()).not.toContainText(" UTC");
        await page.screenshot({
          path: `docs/screenshots/call-page-${scheme}-${size.name}.png`,
          fullPage: size.isMobile,
        });
      } finally {
        await context.close();
      }
    });
  }
}

/** The agent's list: cards on a phone, the table on a desktop. */
for (const [scheme, size] of [
  ["light", sizes[1]],
  ["dark", sizes[0]],
] as const) {
  test(`the list, ${scheme}, ${size.name}`, async ({ browser }) => {
    const context = await browser.newContext({
      viewport: size.viewport,
      isMobile: size.isMobile,
      hasTouch: size.isMobile,
      deviceScaleFactor: 1,
      colorScheme: scheme,
    });
    try {
      const page = await context.newPage();
      await page.goto("/");
      await expect(page.getByText("E2E-SUCCESS-001").filter({ visible: true })).toBeVisible();
      await expect(page.locator("time").filter({ visible: true }).first()).not.toContainText(" UTC");
      await page.screenshot({ path: `docs/screenshots/list-${scheme}-${size.name}.png` });
    } finally {
      await context.close();
    }
  });
}
