import { TZDate } from "@date-fns/tz";
import { expect, type Locator, test } from "@playwright/test";
import { format } from "date-fns";
import {
  openCall,
  pickFailureCause,
  receivedWriteBacks,
  resetSimulator,
  setSimulatorFaults,
  signIn,
} from "./helpers";
import { downAppUrl } from "./servers";

const AGENT_ZONE = "Europe/Berlin"; // playwright.config.ts: use.timezoneId
const ISALES_ZONE = "Asia/Shanghai"; // the app servers' ISALES_TIME_ZONE

/** What the agent's datetime-local value (in the agent's zone) must be sent as. */
function inIsalesZone(local: string): string {
  const [d = "", t = ""] = local.split("T");
  const [y, mo, day] = d.split("-").map(Number);
  const [h, mi, s = 0] = t.split(":").map(Number);
  const instant = new TZDate(y ?? 0, (mo ?? 1) - 1, day ?? 1, h ?? 0, mi ?? 0, s, AGENT_ZONE);
  return format(new TZDate(instant.getTime(), ISALES_ZONE), "yyyy-MM-dd HH:mm:ss");
}

/** A control's error message element: the first it is described by (time fields add a format hint). */
async function errorIdOf(control: Locator): Promise<string> {
  return ((await control.getAttribute("aria-describedby")) ?? "").split(" ")[0] ?? "";
}

test.beforeEach(async ({ request }) => {
  await resetSimulator(request);
});

test("an agent records a call's outcome and iSales receives exactly the documented body", async ({
  page,
  request,
}) => {
  await openCall(page, "E2E-SUCCESS-001");

  // The call's data is shown readably: its JSON object as a definition list.
  await expect(page.getByRole("definition").filter({ hasText: "Gold 5G" })).toBeVisible();

  await page.getByRole("button", { name: "Call started" }).click();
  await page.getByRole("button", { name: "Call ended" }).click();
  // The times show as times of day; "Show dates" shows the whole date and time.
  await expect(page.getByLabel("Call start time")).toHaveValue(/^\d{2}:\d{2}:\d{2}$/);
  await page.getByRole("button", { name: "Show dates" }).click();
  const asFormValue = (shown: string) => shown.replace(" ", "T");
  const started = asFormValue(await page.getByLabel("Call start time").inputValue());
  const ended = asFormValue(await page.getByLabel("Call end time").inputValue());
  expect(started).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  expect(ended >= started).toBe(true);

  await page.getByLabel("Call status").selectOption({ label: "Call failed (5)" });
  await pickFailureCause(page, "busy", "User busy");
  await expect(page.getByRole("combobox", { name: "Failure cause code" })).toHaveValue("00145");
  await expect(page.getByLabel("Device type")).toHaveValue("5");
  await page.getByRole("radio", { name: "13900000001" }).check();
  await page.getByLabel("Call id").fill("CALL-1001");

  await page.getByRole("button", { name: "Send to iSales" }).click();

  const outcome = page.getByTestId("write-back-outcome");
  await expect(outcome).toContainText("iSales accepted the outcome.");
  await expect(outcome).toContainText("iSales code: 0");

  const history = page.getByRole("list", { name: "Write-backs, newest first" });
  await expect(history.getByRole("listitem").first()).toContainText("Accepted");
  await history.getByText("What was sent").first().click();

  const received = await receivedWriteBacks(request, "E2E-SUCCESS-001");
  expect(received).toHaveLength(1);
  const expectedBody =
    "{" +
    [
      `"subCCNo":1`,
      `"vdnId":88`,
      `"uniqueId":"E2E-SUCCESS-001"`,
      `"serviceId":"TASK-A"`,
      `"status":"5"`,
      `"deviceType":5`,
      `"phoneNumber":"13900000001"`,
      `"failCode":"00145"`,
      `"asrResult":""`,
      `"fetchTime":"2025-11-20 09:15:00"`,
      `"writeStartTime":"${inIsalesZone(started)}"`,
      `"endCallTime":"${inIsalesZone(ended)}"`,
      `"callId":"CALL-1001"`,
    ].join(",") +
    "}";
  expect(received[0]?.bodyText).toBe(expectedBody);
  // The body the history shows is the one iSales received, byte for byte.
  await expect(history.locator("pre").first()).toHaveText(expectedBody);
});

test("a refusal is shown with its code and the form keeps what was entered", async ({ page, request }) => {
  await setSimulatorFaults(request, { errorRate: 1, errorKind: "refuse", resultCode: "0200033" });
  await openCall(page, "E2E-REFUSE-002");
  await expect(page.getByRole("definition").filter({ hasText: "Wang Fang" })).toBeVisible();

  await page.getByLabel("Call status").selectOption({ label: "Call succeeded (6)" });
  await pickFailureCause(page, "00000", "Succeeded");
  await page.getByLabel("Detection result (ASR)").fill("Answered by a person");
  await page.getByLabel("Call id").fill("CALL-2002");
  await page.getByRole("button", { name: "Send to iSales" }).click();

  const outcome = page.getByTestId("write-back-outcome");
  await expect(outcome).toContainText("iSales refused the outcome with code 0200033");
  await expect(outcome).toContainText("iSales code: 0200033");

  await expect(page.getByLabel("Call status")).toHaveValue("6");
  await expect(page.getByRole("combobox", { name: "Failure cause code" })).toHaveValue("00000");
  await expect(page.getByLabel("Detection result (ASR)")).toHaveValue("Answered by a person");
  await expect(page.getByLabel("Call id")).toHaveValue("CALL-2002");
  await expect(page.getByRole("list", { name: "Write-backs, newest first" })).toContainText("Refused");
  expect(await receivedWriteBacks(request, "E2E-REFUSE-002")).toHaveLength(1);
});

test("when iSales cannot be reached the agent is told so and nothing is lost", async ({ page }) => {
  // This app instance writes back to a port where nothing listens; it has its own sessions.
  await signIn(page, "agent1", "agent1-demo-pass", downAppUrl);
  await openCall(page, "E2E-DOWN-003", downAppUrl);
  await expect(page.getByText("Please confirm the delivery address")).toBeVisible();

  await page.getByLabel("Call status").selectOption({ label: "Call failed (5)" });
  await pickFailureCause(page, "powered", "Mobile powered off");
  await page.getByRole("button", { name: "Send to iSales" }).click();

  // Recorded, then queued for delivery: whether an attempt was made at once depends on this
  // app's circuit breaker (other tests may have opened it), so only the queue is asserted.
  const outcome = page.getByTestId("write-back-outcome");
  await expect(outcome).toContainText("Queued — will be sent when iSales answers");
  await expect(outcome).toContainText("Your outcome is saved");
  await expect(page.getByRole("combobox", { name: "Failure cause code" })).toHaveValue("00548");
  await expect(page.getByRole("list", { name: "Write-backs, newest first" })).toContainText(
    /Waiting to be sent|Will be sent again|Being sent/,
  );
});

test("field errors are shown beside their fields and nothing is sent", async ({ page, request }) => {
  await openCall(page, "E2E-FIELDS-004");
  const start = page.getByLabel("Call start time");
  const end = page.getByLabel("Call end time");
  await start.fill("2025-11-20T10:00:30");
  await end.fill("2025-11-20T09:59:00");
  await page.getByRole("combobox", { name: "Failure cause code" }).fill("bad code!");
  await page.getByRole("button", { name: "Send to iSales" }).click();

  await expect(end).toHaveAttribute("aria-invalid", "true");
  const endError = page.locator(`#${await errorIdOf(end)}`);
  await expect(endError).toHaveText("Call ended: must not be before the call started");
  const code = page.getByRole("combobox", { name: "Failure cause code" });
  await expect(code).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(`#${await code.getAttribute("aria-describedby")}`)).toContainText(
    "letters and digits only",
  );
  await expect(start).not.toHaveAttribute("aria-invalid", "true");

  // Corrected, it goes (the catalogue's rules also want a status and its failure code).
  await end.fill("2025-11-20T10:05:00");
  await page.getByLabel("Call status").selectOption({ label: "Call failed (5)" });
  await pickFailureCause(page, "busy", "User busy");
  await page.getByRole("button", { name: "Send to iSales" }).click();
  await expect(page.getByTestId("write-back-outcome")).toContainText("iSales accepted the outcome.");
  await expect(end).not.toHaveAttribute("aria-invalid", "true");
  const received = await receivedWriteBacks(request, "E2E-FIELDS-004");
  expect(received).toHaveLength(1);
  expect(received[0]?.body).toMatchObject({
    writeStartTime: "2025-11-20 17:00:30",
    endCallTime: "2025-11-20 17:05:00",
  });
});

test("the form refuses what the catalogue's rules refuse, with the server's words, and nothing is sent", async ({
  page,
  request,
}) => {
  await openCall(page, "E2E-PLAIN-006");
  await page.getByLabel("Call status").selectOption({ label: "Call succeeded (6)" });
  const code = page.getByRole("combobox", { name: "Failure cause code" });
  await code.fill("00146");
  const start = page.getByLabel("Call start time");
  // 02:30 on 2025-03-30 does not exist in Berlin (the agent's zone): the clocks jumped to 03:00.
  await start.fill("2025-03-30T02:30:00");
  await page.getByRole("button", { name: "Send to iSales" }).click();

  await expect(page.locator(`#${await code.getAttribute("aria-describedby")}`)).toHaveText(
    "Failure cause code: with the status “Call succeeded” the code must be 00000 (Succeeded)",
  );
  await expect(page.locator(`#${await errorIdOf(start)}`)).toContainText(
    "Call started: this time does not exist in Europe/Berlin",
  );
  await expect(start).toHaveAttribute("aria-invalid", "true");
  expect(await receivedWriteBacks(request, "E2E-PLAIN-006")).toHaveLength(0);
});
