import { expect, test } from "@playwright/test";
import { openCall, pickFailureCause, resetSimulator, signIn } from "./helpers";

// The demo account (lib/auth/users.ts ensureDemoUsers), as e2e/auth.setup.ts signs in with it.
const AGENT1_PASSWORD = "agent1-demo-pass";

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

test("half a form is saved as a draft, comes back after a reload and in another browser, and ends when accepted", async ({
  page,
  browser,
}) => {
  await openCall(page, "E2E-DRAFT-009");
  const draftState = page.getByTestId("draft-state");
  await expect(draftState).not.toContainText("Draft");

  await page.getByLabel("Call status").selectOption({ label: "Call failed (5)" });
  await page.getByLabel("Call id").fill("DRAFT-9");
  await page.getByLabel("Detection result (ASR)").fill("voicemail");
  await expect(draftState).toContainText("Draft saved");

  await page.reload();
  await expect(page.getByLabel("Call id")).toHaveValue("DRAFT-9");
  await expect(page.getByLabel("Detection result (ASR)")).toHaveValue("voicemail");
  await expect(page.getByLabel("Call status")).toHaveValue("5");
  await expect(page.getByTestId("draft-state")).toContainText("Draft saved");

  // Kept on the server: a fresh browser with a new sign-in finds it too.
  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const second = await other.newPage();
  await signIn(second, "agent1", AGENT1_PASSWORD);
  await openCall(second, "E2E-DRAFT-009");
  await expect(second.getByLabel("Call id")).toHaveValue("DRAFT-9");
  await other.close();

  // The catalogue's rules want a failed call's cause before it is sent.
  await pickFailureCause(page, "busy", "User busy");
  await page.getByRole("button", { name: "Send to iSales" }).click();
  await expect(page.getByTestId("write-back-outcome")).toContainText("iSales accepted the outcome.");
  await page.reload();
  // The draft ended; the form shows the call's recorded outcome, which is what was sent.
  await expect(page.getByTestId("draft-state")).not.toContainText("Draft");
  await expect(page.getByLabel("Call id")).toHaveValue("DRAFT-9");
});
