import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { fillFailedOutcome, openCall } from "./helpers";
import { storageStatePath } from "./servers";
import { importCalls, uniqueSuffix } from "./supervisor-support";

/** The supervisor's overview (issue 13): live figures, the way into the review, for supervisors only. */

test("a supervisor's overview updates by itself when an agent's write-back is accepted, and an agent's row opens the review", async ({
  browser,
}) => {
  const suffix = uniqueSuffix();
  const uniqueId = `OV-${suffix}`;
  await importCalls(browser, [{ serviceId: `OV${suffix}`, uniqueId, agent: "agent1" }]);
  const supervisor = await browser.newContext({ storageState: storageStatePath("super1") });
  const agent = await browser.newContext({ storageState: storageStatePath("agent1") });
  try {
    const page = await supervisor.newPage();
    await page.goto("/overview?tz=Europe/Berlin");
    await expect(page.getByRole("heading", { name: "The shift at a glance" })).toBeVisible();
    const written = page.getByTestId("total-writtenBack");
    const before = Number(await written.textContent());

    const agentPage = await agent.newPage();
    await openCall(agentPage, uniqueId);
    await fillFailedOutcome(agentPage);
    await agentPage.getByRole("button", { name: "Send to iSales" }).click();
    await expect(agentPage.getByTestId("write-back-outcome")).toContainText("iSales accepted the outcome.");

    // No reload: the page reads the figures again while it is visible.
    await expect(written).toHaveText(String(before + 1), { timeout: 20_000 });
    await expect(page.getByTestId("delivery-health")).toBeVisible();
    await page.getByRole("link", { name: "agent1", exact: true }).click();
    await expect(page).toHaveURL(/\/review\?.*agent=agent1/);
  } finally {
    await supervisor.close();
    await agent.close();
  }
});

test("the report downloads the same figures as CSV; a bad range is refused with the parameter", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: storageStatePath("super1") });
  try {
    const csv = await context.request.get("/api/overview/report?tz=Asia/Shanghai");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect((await csv.text()).startsWith("\uFEFFPreview Desk overview")).toBe(true);
    const bad = await context.request.get("/api/overview?tz=Mars/Olympus");
    expect(bad.status()).toBe(400);
    expect((await bad.json()).parameter).toBe("tz");

    // The CSV header option: Chinese headings on request (the page's language by default).
    const zh = await context.request.get("/api/overview/report?tz=Asia/Shanghai&lang=zh-CN");
    expect((await zh.text()).startsWith("\uFEFFPreview Desk 概览,从,到,时区")).toBe(true);
    const review = await context.request.get("/api/review/export?tz=UTC&lang=zh-CN");
    const heading = (await review.text()).split("\r\n")[0] ?? "";
    expect(heading).toContain("客户编号");
    expect(heading).toContain("通话开始（UTC）");
    const english = await context.request.get("/api/review/export?tz=UTC&lang=en");
    expect((await english.text()).split("\r\n")[0]).toContain("customer id");
    for (const path of ["/api/review/export?tz=UTC&lang=fr", "/api/overview/report?tz=UTC&lang=fr"]) {
      const refused = await context.request.get(path);
      expect(refused.status(), path).toBe(400);
      expect((await refused.json()).parameter).toBe("lang");
    }
  } finally {
    await context.close();
  }
});

test("the printable page: no header or controls, which range it is, the chart as a table, light colours", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: storageStatePath("super1"), colorScheme: "dark" });
  try {
    const page = await context.newPage();
    await page.goto("/overview?from=2026-12-01&to=2026-12-01&tz=Asia/Shanghai");
    await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
    await expect(page.getByTestId("print-heading")).toBeHidden();
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
    await expect(page.getByTestId("print-heading")).toHaveText(
      "Report for 2026-12-01 to 2026-12-01 (Asia/Shanghai)",
    );
    // The chart's table, behind a disclosure on screen, is on paper.
    await expect(
      page.getByRole("table", { name: "Write-backs per 15 minutes (Asia/Shanghai)" }),
    ).toBeVisible();
    const scheme = await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme);
    expect(scheme).toBe("light");
  } finally {
    await context.close();
  }
});

test("agents get the not-found page and a 403 from the API", async ({ page }) => {
  const response = await page.goto("/overview");
  expect(response?.status()).toBe(404);
  expect((await page.request.get("/api/overview")).status()).toBe(403);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the overview has no accessibility violations (${colorScheme})`, async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStatePath("super1"), colorScheme });
    try {
      const page = await context.newPage();
      await page.goto("/overview?tz=Asia/Shanghai");
      await expect(page.getByTestId("chart-summary")).toBeVisible();
      expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    } finally {
      await context.close();
    }
  });
}
