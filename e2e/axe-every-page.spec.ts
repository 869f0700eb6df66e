import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { storageStatePath } from "./servers";
import { uniqueSuffix } from "./supervisor-support";

/**
 * axe on every page of the product, in light and dark, on a desktop and a 390 px wide
 * phone: no violation of any impact. Each test collects every page's findings and
 * asserts once, so one run names them all.
 */

const modes = [
  { colorScheme: "light", width: 1280, height: 900 },
  { colorScheme: "dark", width: 1280, height: 900 },
  { colorScheme: "light", width: 390, height: 844 },
  { colorScheme: "dark", width: 390, height: 844 },
] as const;

type Finding = string;

async function scan(page: Page, path: string, ready?: (page: Page) => Promise<void>): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const mode of modes) {
    await page.setViewportSize({ width: mode.width, height: mode.height });
    await page.emulateMedia({ colorScheme: mode.colorScheme });
    await page.goto(path);
    await expect(page.locator("main").first()).toBeVisible();
    if (ready) await ready(page);
    const results = await new AxeBuilder({ page }).analyze();
    for (const v of results.violations)
      findings.push(
        `${path} [${mode.colorScheme} ${mode.width}px] ${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
      );
  }
  return findings;
}

async function as(browser: Browser, user: string | null, work: (page: Page) => Promise<Finding[]>) {
  const context = await browser.newContext({
    storageState: user ? storageStatePath(user) : { cookies: [], origins: [] },
  });
  try {
    return await work(await context.newPage());
  } finally {
    await context.close();
  }
}

test.describe.configure({ timeout: 240_000 });

test("the agent's pages and sign-in have no accessibility violations, light and dark, desktop and phone", async ({
  browser,
}) => {
  const findings: Finding[] = [];
  findings.push(...(await as(browser, null, (page) => scan(page, "/sign-in"))));
  findings.push(
    ...(await as(browser, "agent1", async (page) => {
      const list = await page.request.post("/api/calls", { data: { q: "E2E-AXE-007" } });
      const id = ((await list.json()) as { rows: { id: number }[] }).rows[0]?.id;
      expect(id).toBeDefined();
      return [
        ...(await scan(page, "/")),
        ...(await scan(page, `/calls/${id}`)),
        ...(await scan(page, "/no-such-page")),
        // What the service worker shows offline (issue 14), as it is fetched: for nobody.
        ...(await scan(page, "/offline")),
      ];
    })),
  );
  expect(findings).toEqual([]);
});

test("the supervisor's pages have no accessibility violations, light and dark, desktop and phone", async ({
  browser,
}) => {
  const findings = await as(browser, "super1", async (page) => {
    // A dry run and an uploaded file, so their pages exist.
    await page.goto("/review?tz=UTC");
    await page.getByRole("radio", { name: /all \d+ calls this filter shows/ }).check();
    await page.getByRole("button", { name: "Re-send failed and refused… (dry run)" }).click();
    await expect(page).toHaveURL(/\/review\/bulk\/\d+$/);
    const bulk = new URL(page.url()).pathname;
    await page.goto("/supervisor/import");
    await page.getByLabel("File of calls (CSV or JSON)").setInputFiles({
      name: `axe-${uniqueSuffix()}.csv`,
      mimeType: "text/csv",
      buffer: Buffer.from(
        "subCCNo,vdnId,serviceId,uniqueId,phoneNumber,callData\n1,88,AXE,AXE-1,13800000001,x\n1,88,AXE,,1,x\n",
      ),
    });
    await page.getByRole("button", { name: "Upload and check" }).click();
    await expect(page).toHaveURL(/\/supervisor\/import\/\d+$/);
    const job = new URL(page.url()).pathname;
    return [
      ...(await scan(page, "/review?tz=UTC")),
      ...(await scan(page, bulk)),
      ...(await scan(page, "/queue")),
      ...(await scan(page, "/supervisor/tasks")),
      ...(await scan(page, "/supervisor/import")),
      ...(await scan(page, "/supervisor/erasures")),
      ...(await scan(page, job)),
    ];
  });
  expect(findings).toEqual([]);
});

test("the admin's pages have no accessibility violations, light and dark, desktop and phone", async ({
  browser,
}) => {
  const findings = await as(browser, "admin1", async (page) => [
    ...(await scan(page, "/admin/users")),
    ...(await scan(page, "/admin/api-keys")),
    ...(await scan(page, "/dev/ui")),
    ...(await scan(page, "/dev/ui", async (p) => {
      await p.getByRole("button", { name: "Delete 2 records…" }).click();
      await expect(p.getByRole("alertdialog")).toBeVisible();
    })),
  ]);
  expect(findings).toEqual([]);
});
