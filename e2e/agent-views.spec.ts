import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContextOptions, expect, type Page, test } from "@playwright/test";
import { fillFailedOutcome, openCall, resetSimulator } from "./helpers";
import { storageStatePath } from "./servers";

/**
 * The agent's desk as issue 10 asks for it: the list's views (To do by default, Done today
 * and All one click away, kept in the address), the header's tally, the theme chooser with
 * dark mode axe clean, and every agent page at 360 px without sideways scrolling, the list
 * as cards on a phone with touch-sized targets.
 */

const VIEW_CALL = "E2E-VIEW-014";
/** A context's default is agent1's saved sign-in (playwright.config.ts): this one has none. */
const signedOut = { cookies: [], origins: [] };

async function withContext<T>(
  browser: Browser,
  options: BrowserContextOptions,
  run: (page: Page) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext(options);
  try {
    return await run(await context.newPage());
  } finally {
    await context.close();
  }
}

/** The header's three figures, read as a person reads them. */
async function tally(page: Page): Promise<{ done: number; accepted: number; waiting: number }> {
  const list = page.getByRole("list", { name: "Your work today" });
  await expect(list).toBeVisible();
  const text = (await list.getByRole("listitem").allTextContents()).join(" · ");
  const figure = (words: string) => Number(new RegExp(`(\\d+) ${words}`).exec(text)?.[1] ?? Number.NaN);
  return { done: figure("done today"), accepted: figure("accepted"), waiting: figure("waiting") };
}

/** The page scrolls sideways when its content is wider than the window. */
async function sidewaysOverflow(page: Page): Promise<{ scrollWidth: number; clientWidth: number }> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  });
}

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

test("the list opens on To do; Done today and All are one click away and kept in the address; the tally counts the send", async ({
  page,
}) => {
  await page.goto("/");
  const views = page.getByRole("navigation", { name: "Views" });
  await expect(views.getByRole("link", { name: "To do" })).toHaveAttribute("aria-current", "page");
  const rows = page.getByRole("row");
  await expect(rows.filter({ hasText: VIEW_CALL })).toHaveCount(1);
  const before = await tally(page);
  expect(Number.isInteger(before.done) && Number.isInteger(before.accepted)).toBe(true);

  await openCall(page, VIEW_CALL);
  await fillFailedOutcome(page);
  await page.getByRole("button", { name: "Send to iSales" }).click();
  await expect(page.getByTestId("write-back-outcome")).toContainText("iSales accepted the outcome.");
  // The send refreshes the page's server parts, the header's tally with them.
  await expect
    .poll(() => tally(page))
    .toEqual({ done: before.done + 1, accepted: before.accepted + 1, waiting: before.waiting });

  await page.goto("/");
  await expect(rows.filter({ hasText: "E2E-PLAIN-006" })).toHaveCount(1);
  // Written back: no longer to do.
  await expect(rows.filter({ hasText: VIEW_CALL })).toHaveCount(0);

  await views.getByRole("link", { name: "Done today" }).click();
  await expect(page).toHaveURL(/[?&]view=today/);
  await expect(views.getByRole("link", { name: "Done today" })).toHaveAttribute("aria-current", "page");
  await expect(rows.filter({ hasText: VIEW_CALL })).toHaveCount(1);
  await expect(rows.filter({ hasText: VIEW_CALL }).getByText("Accepted")).toBeVisible();
  // Never written back: not done today.
  await expect(rows.filter({ hasText: "E2E-PLAIN-006" })).toHaveCount(0);

  await views.getByRole("link", { name: "All" }).click();
  await expect(page).toHaveURL(/[?&]view=all/);
  await expect(rows.filter({ hasText: VIEW_CALL })).toHaveCount(1);
  await expect(rows.filter({ hasText: "E2E-PLAIN-006" })).toHaveCount(1);
  // Another agent's call is in none of the views.
  await expect(rows.filter({ hasText: "E2E-OTHER-008" })).toHaveCount(0);

  // The view is in the address: a reload (or a shared link) shows the same, read on the server.
  await page.reload();
  await expect(views.getByRole("link", { name: "All" })).toHaveAttribute("aria-current", "page");
  await expect(rows.filter({ hasText: VIEW_CALL })).toHaveCount(1);

  await views.getByRole("link", { name: "To do" }).click();
  await expect(page).not.toHaveURL(/view=/);
  await expect(rows.filter({ hasText: VIEW_CALL })).toHaveCount(0);

  // The API answers the same views with the same schema, and refuses a view it does not know.
  const today = (await (await page.request.get("/api/calls?view=today")).json()) as {
    rows: { uniqueId: string }[];
  };
  expect(today.rows.map((r) => r.uniqueId)).toContain(VIEW_CALL);
  const bad = await page.request.get("/api/calls?view=later");
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ parameter: "view" });
});

test("the tally is an agent's own: a supervisor has none, another agent counts only their calls", async ({
  browser,
}) => {
  await withContext(browser, { storageState: storageStatePath("super1") }, async (page) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Previewed calls" })).toBeVisible();
    await expect(page.getByTestId("agent-tally")).toHaveCount(0);
  });
  await withContext(browser, { storageState: storageStatePath("agent2") }, async (page) => {
    await page.goto("/");
    // agent2's own calls only (other specs write back for agent2 too): what the list's
    // "Done today" view shows of them, and nothing of agent1's.
    const today = (await (await page.request.get("/api/calls?view=today")).json()) as {
      rows: { uniqueId: string; writeBackState: string }[];
    };
    expect(today.rows.map((r) => r.uniqueId)).not.toContain(VIEW_CALL);
    expect(await tally(page)).toEqual({
      done: today.rows.length,
      accepted: today.rows.filter((r) => r.writeBackState === "accepted").length,
      waiting: today.rows.filter((r) => r.writeBackState === "pending").length,
    });
  });
});

test("the theme chooser: light, dark or the system's, rendered by the server (no flash), in both languages", async ({
  browser,
}) => {
  const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = "rgb(248, 250, 252)";
  const dark = "rgb(11, 17, 32)";
  await withContext(
    browser,
    { storageState: storageStatePath("agent1"), colorScheme: "dark" },
    async (page) => {
      await page.goto("/");
      const chooser = page.getByRole("form", { name: "Theme" });
      // By default the system's: dark here.
      await expect(chooser.getByRole("button", { name: "System" })).toHaveAttribute("aria-pressed", "true");
      expect(await background(page)).toBe(dark);

      await chooser.getByRole("button", { name: "Light" }).click();
      await expect(chooser.getByRole("button", { name: "Light" })).toHaveAttribute("aria-pressed", "true");
      await expect(page.locator("html")).toHaveClass("light");
      expect(await background(page)).toBe(light);
      // The server renders the choice into the page itself: nothing to wait for, no flash.
      const html = await (await page.request.get("/")).text();
      expect(html).toMatch(/<html lang="en" class="light"/);

      await page.emulateMedia({ colorScheme: "light" });
      await chooser.getByRole("button", { name: "Dark" }).click();
      await expect(page.locator("html")).toHaveClass("dark");
      expect(await background(page)).toBe(dark);
      await page.reload();
      await expect(chooser.getByRole("button", { name: "Dark" })).toHaveAttribute("aria-pressed", "true");
      expect(await background(page)).toBe(dark);

      await chooser.getByRole("button", { name: "System" }).click();
      await expect(chooser.getByRole("button", { name: "System" })).toHaveAttribute("aria-pressed", "true");
      await expect(page.locator("html")).not.toHaveClass(/dark|light/);
      expect(await background(page)).toBe(light);
    },
  );
  await withContext(browser, { storageState: storageStatePath("agent1"), locale: "zh-CN" }, async (page) => {
    await page.goto("/");
    const chooser = page.getByRole("form", { name: "主题" });
    await expect(chooser.getByRole("button", { name: "浅色" })).toBeVisible();
    await expect(chooser.getByRole("button", { name: "深色" })).toBeVisible();
    await expect(chooser.getByRole("button", { name: "跟随系统" })).toHaveAttribute("aria-pressed", "true");
    // The tally and the views speak Chinese too.
    await expect(
      page.getByRole("list", { name: "您今天的工作" }).getByText(/^今日完成 \d+ 个$/),
    ).toBeVisible();
    await expect(
      page.getByRole("navigation", { name: "视图" }).getByRole("link", { name: "待办" }),
    ).toHaveAttribute("aria-current", "page");
  });
  // Without JavaScript: a plain form post, and the next page comes in the chosen theme.
  await withContext(
    browser,
    { storageState: storageStatePath("agent1"), javaScriptEnabled: false },
    async (page) => {
      await page.goto("/?view=all");
      await page.getByRole("form", { name: "Theme" }).getByRole("button", { name: "Dark" }).click();
      await expect(page.locator("html")).toHaveClass("dark");
      await expect(page).toHaveURL(/\/\?view=all$/);
      await expect(
        page.getByRole("form", { name: "Theme" }).getByRole("button", { name: "Dark" }),
      ).toHaveAttribute("aria-pressed", "true");
    },
  );
  // Signed out too: the sign-in page has the chooser.
  await withContext(browser, { storageState: signedOut, colorScheme: "light" }, async (page) => {
    await page.goto("/sign-in");
    await page.getByRole("form", { name: "Theme" }).getByRole("button", { name: "Dark" }).click();
    await expect(page.locator("html")).toHaveClass("dark");
    await expect(page.getByRole("heading", { name: "Sign in to Preview Desk" })).toBeVisible();
  });
});

test("dark mode: the agent's pages have no accessibility violations", async ({ browser }) => {
  await withContext(
    browser,
    { storageState: storageStatePath("agent1"), colorScheme: "dark" },
    async (page) => {
      await page.goto("/");
      await expect(page.getByRole("row").filter({ hasText: "E2E-AXE-007" })).toHaveCount(1);
      expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
      await page.goto("/?view=all");
      await expect(page.getByRole("row").filter({ hasText: "E2E-AXE-007" })).toHaveCount(1);
      expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
      await openCall(page, "E2E-AXE-007");
      expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
      // Chosen rather than the system's: the same colours.
      await page.emulateMedia({ colorScheme: "light" });
      await page.getByRole("form", { name: "Theme" }).getByRole("button", { name: "Dark" }).click();
      await expect(page.locator("html")).toHaveClass("dark");
      expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    },
  );
  await withContext(browser, { storageState: signedOut, colorScheme: "dark" }, async (page) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("heading", { name: "Sign in to Preview Desk" })).toBeVisible();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  });
});

test("at 360 px nothing scrolls sideways on any agent page (and the supervisor's)", async ({ browser }) => {
  const narrow = { width: 360, height: 740 };
  const check = async (page: Page, path: string, ready: (page: Page) => Promise<void>) => {
    await page.goto(path);
    await ready(page);
    const { scrollWidth, clientWidth } = await sidewaysOverflow(page);
    expect(
      scrollWidth,
      `${path}: content ${scrollWidth} px wide in a ${clientWidth} px window`,
    ).toBeLessThanOrEqual(clientWidth);
  };
  const heading = (name: string | RegExp) => async (page: Page) => {
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  };
  await withContext(browser, { storageState: storageStatePath("agent1"), viewport: narrow }, async (page) => {
    for (const path of ["/", "/?view=today", "/?view=all"])
      await check(page, path, heading("Previewed calls"));
    // On a phone the list is cards: open the call from its card.
    await page.getByLabel("Search by number or customer id").fill("E2E-FIELDS-004");
    const card = page.getByRole("listitem").filter({ hasText: "E2E-FIELDS-004" });
    await expect(card).toHaveCount(1);
    await card.getByRole("link").click();
    await expect(page.getByRole("heading", { name: /^Call to / })).toBeVisible();
    await check(page, page.url(), heading(/^Call to /));
  });
  await withContext(browser, { storageState: signedOut, viewport: narrow }, async (page) => {
    await check(page, "/sign-in", heading("Sign in to Preview Desk"));
  });
  await withContext(browser, { storageState: storageStatePath("admin1"), viewport: narrow }, async (page) => {
    for (const path of [
      "/",
      "/review?tz=UTC",
      "/queue",
      "/overview?tz=UTC",
      "/supervisor/tasks",
      "/supervisor/import",
      "/admin/users",
      "/admin/api-keys",
    ]) {
      await check(page, path, async (p) => {
        await expect(p.getByRole("heading", { level: 1 })).toBeVisible();
      });
    }
  });
});

test("on a phone the list is cards with touch-sized targets, and radios and checkboxes are larger than 13 px", async ({
  browser,
}) => {
  await withContext(
    browser,
    {
      storageState: storageStatePath("agent1"),
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    },
    async (page) => {
      await page.goto("/?view=all");
      const cards = page.getByRole("list", { name: "Previewed calls, newest first" });
      const card = cards.getByRole("listitem").filter({ hasText: "E2E-AXE-007" });
      await expect(card).toHaveCount(1);
      // The table is not shown at all on a phone.
      await expect(page.getByRole("table")).toHaveCount(0);
      const tall = async (locator: ReturnType<Page["locator"]>, what: string) => {
        const box = await locator.boundingBox();
        expect(box?.height ?? 0, `${what} is at least 44 px tall`).toBeGreaterThanOrEqual(44);
      };
      await tall(card.getByRole("link"), "the card's link");
      await tall(page.getByRole("button", { name: "Take next call" }), "Take next call");
      await tall(
        page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "All" }),
        "a view",
      );
      await tall(page.getByLabel("Write-back state"), "the state filter");
      await tall(page.getByRole("button", { name: "Sign out" }), "Sign out");
      await tall(page.getByRole("form", { name: "Theme" }).getByRole("button", { name: "Dark" }), "a theme");

      await card.getByRole("link").click();
      await expect(page.getByRole("heading", { name: /^Call to / })).toBeVisible();
      const choices = page.locator('input[type="radio"], input[type="checkbox"]');
      const count = await choices.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) {
        const choice = choices.nth(i);
        if (!(await choice.isVisible())) continue;
        const box = await choice.boundingBox();
        expect(box?.width ?? 0, "a radio or checkbox is larger than 13 px").toBeGreaterThan(13);
      }
    },
  );
});
