import { type Browser, expect, type Page } from "@playwright/test";
import { fillFailedOutcome, openCall, setSimulatorFaults } from "./helpers";
import { storageStatePath } from "./servers";

/**
 * Shared steps of the supervisor specs (import, review, queue): each test makes its own
 * calls through the product's import page, under ids no other test uses, so the specs do
 * not depend on one another or on their order.
 */

/** A short id no other test (or run) uses: letters and digits, as iSales ids are. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`.toUpperCase();
}

export type CallRow = {
  serviceId: string;
  uniqueId: string;
  phoneNumber?: string;
  callData?: string;
  fetchTime?: string;
  agent?: string;
};

const header = ["subCCNo", "vdnId", "serviceId", "uniqueId", "phoneNumber", "callData", "fetchTime", "agent"];

/** A CSV file of calls with the interface's column names (and the optional agent). */
export function callsCsv(rows: CallRow[]): string {
  const lines = rows.map((r, i) =>
    [
      "1",
      "88",
      r.serviceId,
      r.uniqueId,
      r.phoneNumber ?? `1380${String(1_000_000 + i).slice(-7)}`,
      r.callData ?? "e2e",
      r.fetchTime ?? "",
      r.agent ?? "",
    ].join(","),
  );
  return `${[header.join(","), ...lines].join("\n")}\n`;
}

/** On the import page: upload a file and land on its check (preview and bad rows). */
export async function uploadFile(page: Page, fileName: string, text: string): Promise<void> {
  await page.goto("/supervisor/import");
  await page.getByLabel("File of calls (CSV or JSON)").setInputFiles({
    name: fileName,
    mimeType: "text/csv",
    buffer: Buffer.from(text),
  });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByRole("heading", { name: `Import of ${fileName}` })).toBeVisible({ timeout: 30_000 });
}

/** Import these calls as the supervisor would, all or nothing, and wait until it is done. */
export async function importCalls(browser: Browser, rows: CallRow[]): Promise<void> {
  const context = await browser.newContext({ storageState: storageStatePath("super1") });
  try {
    const page = await context.newPage();
    await uploadFile(page, `calls-${uniqueSuffix()}.csv`, callsCsv(rows));
    await page.getByRole("button", { name: "Import all (all or nothing)" }).click();
    await expect(page.getByText(`Imported: ${rows.length} new`)).toBeVisible({ timeout: 20_000 });
  } finally {
    await context.close();
  }
}

/**
 * Make the call's write-back fail: iSales answers HTTP 500 (a person must look, so it is not
 * retried), the agent sends, and the call ends "failed". The simulator is healthy again after.
 */
export async function failWriteBack(page: Page, uniqueId: string): Promise<void> {
  await setSimulatorFaults(page.request, { errorRate: 1, errorKind: "http500" });
  try {
    await openCall(page, uniqueId);
    await fillFailedOutcome(page);
    await page.getByRole("button", { name: "Send to iSales" }).click();
    await expect(page.getByTestId("write-back-outcome")).toContainText("HTTP status: 500");
  } finally {
    await setSimulatorFaults(page.request, {});
  }
}
