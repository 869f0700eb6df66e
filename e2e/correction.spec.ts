import { expect, test } from "@playwright/test";
import { fillFailedOutcome, openCall, receivedWriteBacks, resetSimulator } from "./helpers";
import { storageStatePath } from "./servers";

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

test("a supervisor corrects a call with a reason and sees the history grow; a concurrent save is told what changed", async ({
  page,
  browser,
  request,
}) => {
  // The agent's outcome first.
  await openCall(page, "E2E-CORRECT-011");
  await page.getByLabel("Call id").fill("AGENT-11");
  await fillFailedOutcome(page);
  await page.getByRole("button", { name: "Send to iSales" }).click();
  await expect(page.getByTestId("write-back-outcome")).toContainText("iSales accepted the outcome.");
  const versions = page.getByRole("list", { name: "Versions, newest first" });
  await expect(versions.getByTestId("call-version")).toHaveCount(1);

  // The supervisor and the agent both have version 1 open.
  const supervisorContext = await browser.newContext({ storageState: storageStatePath("super1") });
  const sup = await supervisorContext.newPage();
  await openCall(sup, "E2E-CORRECT-011");
  await expect(sup.getByRole("heading", { name: "Correct the outcome" })).toBeVisible();
  await page.reload();

  await sup.getByLabel("Call id").fill("SUPER-11");
  await sup.getByRole("button", { name: "Save correction and send to iSales" }).click();
  await expect(sup.getByText("Reason for the change: say why you change this outcome")).toBeVisible();
  await sup.getByLabel("Reason for the change (required)").fill("Wrong call id entered");
  await sup.getByRole("button", { name: "Save correction and send to iSales" }).click();
  await expect(sup.getByTestId("write-back-outcome")).toContainText("iSales accepted the outcome.");

  const supVersions = sup.getByRole("list", { name: "Versions, newest first" }).getByTestId("call-version");
  await expect(supVersions).toHaveCount(2);
  await expect(supVersions.first()).toContainText("Version 2");
  await expect(supVersions.first()).toContainText("by super1");
  await expect(supVersions.first()).toContainText("Reason: Wrong call id entered");
  await expect(supVersions.first()).toContainText("Call id: AGENT-11 → SUPER-11");
  await expect(supVersions.first()).toContainText("Accepted by iSales");

  // The agent saves from version 1: told who changed what; their values stay. (Their form
  // is read-only since iSales accepted their outcome: "Change outcome" first.)
  await page.getByRole("button", { name: "Change outcome" }).click();
  await page.getByLabel("Detection result (ASR)").fill("answered");
  await page.getByRole("button", { name: "Send to iSales" }).click();
  const conflict = page.getByRole("alert").filter({ hasText: "Someone else changed this call" });
  await expect(conflict).toContainText("super1");
  await expect(conflict).toContainText("Call id: AGENT-11 → SUPER-11");
  await expect(page.getByLabel("Detection result (ASR)")).toHaveValue("answered");
  expect(await receivedWriteBacks(request, "E2E-CORRECT-011")).toHaveLength(2);

  await conflict.getByRole("button", { name: "Send mine on the new version" }).click();
  await expect(page.getByTestId("write-back-outcome")).toContainText("iSales accepted the outcome.");
  await expect(versions.getByTestId("call-version")).toHaveCount(3);
  await supervisorContext.close();
});
