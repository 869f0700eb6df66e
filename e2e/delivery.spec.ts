import { expect, test } from "@playwright/test";
import {
  fillFailedOutcome,
  openCall,
  receivedWriteBacks,
  resetSimulator,
  setSimulatorFaults,
  signIn,
} from "./helpers";
import { downAppUrl } from "./servers";

// The demo account (lib/auth/users.ts ensureDemoUsers), as e2e/auth.setup.ts signs in with it.
const AGENT1_PASSWORD = "agent1-demo-pass";

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

test("while iSales answers 503 the write-back is queued; it turns accepted live when iSales recovers", async ({
  page,
  request,
}) => {
  await setSimulatorFaults(request, { errorRate: 1, errorKind: "http503" });
  await openCall(page, "E2E-QUEUE-010");
  await page.getByLabel("Call id").fill("QUEUE-10");
  await fillFailedOutcome(page);
  // A marker that a reload would wipe: the page must update without one.
  await page.evaluate(() => {
    (window as unknown as { __noReload: boolean }).__noReload = true;
  });
  await page.getByRole("button", { name: "Send to iSales" }).click();

  const outcome = page.getByTestId("write-back-outcome");
  await expect(outcome).toContainText("Queued — will be sent when iSales answers");
  await expect(outcome).toContainText(/Attempt \d+ did not get through/);
  await expect(outcome).toContainText("HTTP 503");

  await setSimulatorFaults(request, {});
  await expect(outcome).toContainText("iSales accepted the outcome.", { timeout: 20_000 });
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  const received = await receivedWriteBacks(request, "E2E-QUEUE-010");
  expect(received.filter((r) => r.answer.status === 200)).toHaveLength(1);
});

test("a double click sends once", async ({ page, request }) => {
  await setSimulatorFaults(request, { latencyMs: 800 });
  await openCall(page, "E2E-DOUBLE-013");
  await fillFailedOutcome(page);
  const send = page.getByRole("button", { name: "Send to iSales" });
  await send.dblclick();
  await expect(page.getByRole("button", { name: "Sending…" })).toBeDisabled();
  await expect(page.getByTestId("write-back-outcome")).toContainText("iSales accepted the outcome.");
  expect(await receivedWriteBacks(request, "E2E-DOUBLE-013")).toHaveLength(1);
});

test("when iSales keeps failing every signed-in page shows the banner", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "agent1", AGENT1_PASSWORD, downAppUrl);
  await openCall(page, "E2E-BANNER-012", downAppUrl);
  await fillFailedOutcome(page);
  await page.getByRole("button", { name: "Send to iSales" }).click();
  await expect(page.getByTestId("write-back-outcome")).toContainText(
    "Queued — will be sent when iSales answers",
  );
  // The sender keeps retrying with backoff; after enough failures the breaker opens.
  const banner = page.getByText(
    "iSales is not answering: write-backs are queued and will be sent when it answers.",
  );
  await expect
    .poll(
      async () => {
        await page.goto(`${downAppUrl}/`);
        return banner.count();
      },
      { timeout: 75_000, intervals: [2000] },
    )
    .toBe(1);
});

// Crash safety (the server SIGKILLed with write-backs queued and in flight) runs as its own
// step of npm test, through scripts/bench/soak.ts --scenario crash: see scripts/test.ts.
