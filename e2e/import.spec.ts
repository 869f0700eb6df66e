import { writeFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { resetSimulator, signIn } from "./helpers";
import { downAppUrl, storageStatePath } from "./servers";
import { callsCsv, uniqueSuffix, uploadFile } from "./supervisor-support";

test.use({ storageState: storageStatePath("super1") });

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

type ListBody = { rows: { uniqueId: string }[]; total: number };

/** The calls whose customer id starts with `prefix`, as POST /api/calls shows them to this page's user. */
async function listed(page: Page, prefix: string): Promise<ListBody> {
  const response = await page.request.post("/api/calls", { data: { q: prefix } });
  expect(response.status()).toBe(200);
  return (await response.json()) as ListBody;
}

test("a file with good and bad rows: preview, every bad row by line and field, all-or-nothing refuses, good rows only imports and assigns", async ({
  page,
  browser,
}) => {
  const sfx = uniqueSuffix();
  const task = `IMP-${sfx}`;
  const id = (n: string) => `IMP-${sfx}-${n}`;
  const csv = [
    "subCCNo,vdnId,serviceId,uniqueId,phoneNumber,callData,agent",
    `1,88,${task},${id("A")},13800000101,first good,agent1`, // line 2
    `1,88,${task},${id("BADPHONE")},12-34-56,bad phone,`, // line 3
    `1,88,${task},${id("B")},13800000102;13900000102,second good,agent2`, // line 4
    `1,88,${task},,13800000103,no customer id,`, // line 5
    `1,88,${task},${id("C")},13800000104,third good,`, // line 6: the pool
    `x,88,${task},${id("BADSUB")},13800000105,bad subCCNo,`, // line 7
    `1,88,${task},${id("SHORT")},13800000106`, // line 8: too few cells
  ].join("\n");
  const fileName = `mixed-${sfx}.csv`;
  await uploadFile(page, fileName, csv);

  await expect(page.getByText("3 good row(s), 4 bad row(s) (csv, read as UTF-8, detected).")).toBeVisible();

  const preview = page.getByRole("region", { name: "First rows" });
  const previewRows = preview.getByRole("row");
  // The header and the three good rows, in file order, with their lines and agents.
  await expect(previewRows).toHaveCount(4);
  await expect(previewRows.nth(1)).toContainText(id("A"));
  await expect(previewRows.nth(1).getByRole("cell").first()).toHaveText("2");
  await expect(previewRows.nth(1)).toContainText("agent1");
  await expect(previewRows.nth(2)).toContainText("13800000102;13900000102");
  await expect(previewRows.nth(2)).toContainText("agent2");
  await expect(previewRows.nth(3)).toContainText(id("C"));
  await expect(preview).not.toContainText(id("BADPHONE"));

  const errors = page.getByRole("region", { name: /^Bad rows/ });
  const errorRows = errors.getByRole("row");
  await expect(errorRows).toHaveCount(5); // header + one problem on each of four lines
  const problem = async (i: number, line: string, field: string, words: RegExp) => {
    const cells = errorRows.nth(i).getByRole("cell");
    await expect(cells.nth(0)).toHaveText(line);
    await expect(cells.nth(1)).toHaveText(field);
    await expect(cells.nth(2)).toHaveText(words);
  };
  await problem(1, "3", "phoneNumber", /0-9/);
  await problem(2, "5", "uniqueId", /is missing/);
  await problem(3, "7", "subCCNo", /whole number/);
  await problem(4, "8", "row", /has 5 cells where the header has 7 columns/);
  // Errors never echo a phone number.
  await expect(errors).not.toContainText("12-34-56");

  // All or nothing: refused, and nothing was imported.
  await page.getByRole("button", { name: "Import all (all or nothing)" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "all-or-nothing imports nothing" })).toContainText(
    "4 bad row(s)",
  );
  expect((await listed(page, `IMP-${sfx}`)).total).toBe(0);

  // Good rows only: imported, the bad ones left out.
  await page.getByRole("button", { name: "Import only the good rows" }).click();
  await expect(page.getByText("Imported: 3 new, 0 updated, 4 bad row(s) left out.")).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByRole("button", { name: "Import all (all or nothing)" })).toHaveCount(0);
  const imported = await listed(page, `IMP-${sfx}`);
  expect(imported.rows.map((r) => r.uniqueId).sort()).toEqual([id("A"), id("B"), id("C")]);

  // The agent column assigned the calls; the row without one went to the pool.
  await page.goto(`/review?serviceId=${task}&tz=UTC`);
  const reviewRow = (n: string) => page.getByRole("row").filter({ hasText: id(n) });
  await expect(reviewRow("A").getByRole("cell").nth(3)).toHaveText("agent1");
  await expect(reviewRow("B").getByRole("cell").nth(3)).toHaveText("agent2");
  await expect(reviewRow("C").getByRole("cell").nth(3)).toHaveText("pool");

  // And each agent sees only their own.
  for (const [agent, expected] of [
    ["agent1", [id("A")]],
    ["agent2", [id("B")]],
  ] as const) {
    const context = await browser.newContext({ storageState: storageStatePath(agent) });
    const agentPage = await context.newPage();
    const mine = await listed(agentPage, `IMP-${sfx}`);
    expect(
      mine.rows.map((r) => r.uniqueId),
      agent,
    ).toEqual(expected);
    await context.close();
  }
});

test("a Chinese supervisor reads the bad rows, the refusal and the import's outcome in Chinese", async ({
  browser,
}) => {
  const sfx = uniqueSuffix();
  const task = `IMZ-${sfx}`;
  const csv = [
    "subCCNo,vdnId,serviceId,uniqueId,phoneNumber,callData",
    `1,88,${task},IMZ-${sfx}-A,13800000201,good`, // line 2
    `1,88,${task},IMZ-${sfx}-B,12-34,bad phone`, // line 3
    `1,88,${task},IMZ-${sfx}-C,13800000203`, // line 4: too few cells
  ].join("\n");
  const fileName = `zh-${sfx}.csv`;
  const context = await browser.newContext({ storageState: storageStatePath("super1"), locale: "zh-CN" });
  try {
    const page = await context.newPage();
    await page.goto("/supervisor/import");
    await page
      .getByLabel("呼叫文件（CSV 或 JSON）")
      .setInputFiles({ name: fileName, mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "上传并检查" }).click();
    await expect(page.getByRole("heading", { name: `导入 ${fileName}` })).toBeVisible({ timeout: 30_000 });

    // The bad rows' problems, made when the file was read, in the page's language.
    const errorRows = page.getByRole("region", { name: /^错误行/ }).getByRole("row");
    await expect(errorRows).toHaveCount(3);
    await expect(errorRows.nth(1).getByRole("cell").nth(2)).toHaveText(
      "号码必须为 1 到 24 个字符，每个字符为 0-9、* 或 #",
    );
    await expect(errorRows.nth(2).getByRole("cell").nth(2)).toHaveText("有 5 个单元格，而表头有 6 列");

    // The action's refusal and the background import's outcome, in Chinese too.
    await page.getByRole("button", { name: "全部导入（全部成功或全部不导入）" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "不会导入任何内容" })).toContainText(
      "文件中有 2 行错误",
    );
    await page.getByRole("button", { name: "只导入有效行" }).click();
    await expect(page.getByText("已导入：新增 1 条，更新 0 条，略过 2 行错误。")).toBeVisible({
      timeout: 20_000,
    });
  } finally {
    await context.close();
  }
});

test("a GB18030 (GBK) file from Excel in Chinese is detected and read correctly; a file that is neither is refused with its line", async ({
  page,
}) => {
  const sfx = uniqueSuffix();
  // callData "王芳" (Wang Fang) as Excel in a Chinese locale saves it.
  const gbk = Buffer.concat([
    Buffer.from(
      `subCCNo,vdnId,serviceId,uniqueId,phoneNumber,callData\n1,88,GBK-${sfx},GBK-${sfx}-1,13800000201,`,
    ),
    Buffer.from([0xcd, 0xf5, 0xb7, 0xbc, 0x0a]),
  ]);
  await page.goto("/supervisor/import");
  await page.getByLabel("File of calls (CSV or JSON)").setInputFiles({
    name: `gbk-${sfx}.csv`,
    mimeType: "text/csv",
    buffer: gbk,
  });
  await expect(page.getByLabel("Encoding")).toHaveValue("auto");
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(
    page.getByText("1 good row(s), 0 bad row(s) (csv, read as GB18030 (GBK), detected)."),
  ).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole("region", { name: "First rows" })).toContainText("王芳");

  await page.goto("/supervisor/import");
  await page.getByLabel("File of calls (CSV or JSON)").setInputFiles({
    name: `neither-${sfx}.csv`,
    mimeType: "text/csv",
    buffer: Buffer.concat([Buffer.from("subCCNo,vdnId\n1,"), Buffer.from([0xff, 0x0a])]),
  });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Line 2: the file is neither UTF-8 nor GB18030" }),
  ).toBeVisible();
});

test("a row naming no such agent is a bad row in the preview, with its line and field, and all-or-nothing imports nothing", async ({
  page,
}) => {
  const sfx = uniqueSuffix();
  const csv = callsCsv([
    { serviceId: `NOB-${sfx}`, uniqueId: `NOB-${sfx}-1`, agent: "agent1" },
    { serviceId: `NOB-${sfx}`, uniqueId: `NOB-${sfx}-2`, agent: "nobody-here" },
  ]);
  await uploadFile(page, `nobody-${sfx}.csv`, csv);
  // The preview judges agents as the import (and calls:import) does.
  await expect(page.getByText("1 good row(s), 1 bad row(s) (csv, read as UTF-8, detected).")).toBeVisible();
  const errors = page.getByRole("region", { name: /^Bad rows/ });
  await expect(errors.getByRole("row").nth(1).getByRole("cell").nth(0)).toHaveText("3");
  await expect(errors.getByRole("row").nth(1).getByRole("cell").nth(1)).toHaveText("agent");
  await expect(errors.getByRole("row").nth(1).getByRole("cell").nth(2)).toHaveText(/no active user/);
  await page.getByRole("button", { name: "Import all (all or nothing)" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "all-or-nothing imports nothing" })).toContainText(
    "1 bad row(s)",
  );
  expect((await listed(page, `NOB-${sfx}`)).total).toBe(0);
});

test("a large file imports in the background with a progress bar; the page can be left and come back", async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const sfx = uniqueSuffix();
  // The size: 20,000 rows import in under the page's first poll here, 100,000 take
  // seconds. They go to the second app (its own database), so the other specs' lists and
  // exports over the first app stay small.
  const rows = 100_000;
  await signIn(page, "super1", "super1-demo-pass", downAppUrl);
  const lines = ["subCCNo,vdnId,serviceId,uniqueId,phoneNumber,callData,agent"];
  // Given to agent2 so the pool (Take next call) is not flooded.
  for (let i = 0; i < rows; i++) {
    lines.push(`1,88,BIG-${sfx},BIG-${sfx}-${i},139${String(i).padStart(8, "0")},row ${i},agent2`);
  }
  const fileName = `big-${sfx}.csv`;
  const path = testInfo.outputPath(fileName);
  writeFileSync(path, `${lines.join("\n")}\n`);

  // What the page's progress poll reads, in order.
  const seen: { state: string; processed: number }[] = [];
  page.on("response", (response) => {
    if (/\/supervisor\/import\/\d+\/status$/.test(new URL(response.url()).pathname) && response.ok()) {
      // A poll in flight when the page is left has no body to read: it is not counted.
      response.json().then(
        (body: { state: string; processed: number }) => seen.push(body),
        () => undefined,
      );
    }
  });

  await page.goto(`${downAppUrl}/supervisor/import`);
  await page.getByLabel("File of calls (CSV or JSON)").setInputFiles(path);
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByRole("heading", { name: `Import of ${fileName}` })).toBeVisible({ timeout: 60_000 });
  await expect(
    page.getByText("100,000 good row(s), 0 bad row(s) (csv, read as UTF-8, detected)."),
  ).toBeVisible();
  // The preview shows the first rows only.
  await expect(page.getByRole("region", { name: "First rows" }).getByRole("row")).toHaveCount(11);
  const jobUrl = page.url();

  const polled = page.waitForResponse((r) => /\/supervisor\/import\/\d+\/status$/.test(r.url()));
  await page.getByRole("button", { name: "Import all (all or nothing)" }).click();
  const progress = page.getByRole("progressbar", { name: /^Imported [\d,]+ of 100,000 rows$/ });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute("max", "100000");
  // The page polls the job's status while it runs: the first answer is from the middle.
  const first = (await (await polled).json()) as { state: string; processed: number };
  expect(["queued", "running"]).toContain(first.state);
  expect(first.processed).toBeLessThan(rows);

  // Leave while it runs, and come back through the list of imports.
  await page.goto(`${downAppUrl}/review`);
  await page.goto(`${downAppUrl}/supervisor/import`);
  const entry = page.getByRole("row").filter({ hasText: fileName });
  await expect(entry.getByRole("cell").nth(2)).toHaveText("100000"); // good rows
  await expect(entry.getByRole("cell").nth(3)).toHaveText("0"); // bad rows
  await entry.getByRole("link", { name: fileName }).click();
  await expect(page).toHaveURL(jobUrl);

  await expect(page.getByText("Imported: 100000 new, 0 updated.")).toBeVisible({ timeout: 120_000 });
  const done = page.getByRole("progressbar", { name: "Imported 100,000 of 100,000 rows" });
  await expect(done).toHaveAttribute("value", "100000");

  // Its count never went backwards.
  for (let i = 1; i < seen.length; i++) {
    expect(seen[i]?.processed ?? 0).toBeGreaterThanOrEqual(seen[i - 1]?.processed ?? 0);
  }
  const body = (await (
    await page.request.post(`${downAppUrl}/api/calls`, { data: { q: `BIG-${sfx}-` } })
  ).json()) as {
    total: number;
    estimated: boolean;
  };
  // Beyond 10,000 the list counts no further and says its total is an estimate (issue 12);
  // the exact figure is the import's own, checked above.
  expect(body.estimated).toBe(true);
  expect(body.total).toBeGreaterThan(10_000);
});
