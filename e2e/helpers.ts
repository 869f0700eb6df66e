import { type APIRequestContext, expect, type Page } from "@playwright/test";
import { simUrl } from "./servers";

/** No faults, nothing received: each test starts from a healthy simulator. */
export async function resetSimulator(request: APIRequestContext) {
  const faults = await request.post(`${simUrl}/__sim/faults`, { data: {} });
  expect(faults.ok()).toBe(true);
  const reset = await request.post(`${simUrl}/__sim/reset`);
  expect(reset.ok()).toBe(true);
}

export async function setSimulatorFaults(request: APIRequestContext, faults: Record<string, unknown>) {
  const response = await request.post(`${simUrl}/__sim/faults`, { data: faults });
  expect(response.ok(), await response.text()).toBe(true);
}

export type Received = {
  interface: string | null;
  bodyText: string;
  body: unknown;
  answer: { status: number | null; body: string | null };
};

export async function receivedWriteBacks(
  request: APIRequestContext,
  uniqueId: string,
  iface: "midresult" | "result" = "midresult",
): Promise<Received[]> {
  const response = await request.get(`${simUrl}/__sim/received`);
  expect(response.ok()).toBe(true);
  const all = (await response.json()) as Received[];
  return all.filter(
    (r) =>
      r.interface === iface &&
      typeof r.body === "object" &&
      r.body !== null &&
      (r.body as { uniqueId?: unknown }).uniqueId === uniqueId,
  );
}

/** Find a call on the list by its customer id, as an agent would, and open it. */
export async function openCall(page: Page, uniqueId: string, baseUrl?: string) {
  await page.goto(baseUrl ? `${baseUrl}/` : "/");
  await page.getByLabel("Search by number or customer id").fill(uniqueId);
  const row = page.getByRole("row").filter({ hasText: uniqueId });
  await expect(row).toHaveCount(1);
  await row.getByRole("link").click();
  await expect(page.getByRole("heading", { name: /^Call to / })).toBeVisible();
}

/** Pick a failure cause by typing words of its meaning and choosing the match. */
export async function pickFailureCause(page: Page, words: string, meaning: string) {
  const combo = page.getByRole("combobox", { name: "Failure cause code" });
  await combo.fill(words);
  await page.getByRole("option", { name: new RegExp(meaning) }).click();
}

/**
 * A failed call with its cause: the least outcome the catalogue's rules accept (a status,
 * its failure code, a device type: the form's default).
 */
export async function fillFailedOutcome(page: Page) {
  await page.getByLabel("Call status").selectOption({ label: "Call failed (5)" });
  await pickFailureCause(page, "busy", "User busy");
}

/** Sign in through the sign-in page, as a person would, and land on the call list. */
export async function signIn(page: Page, username: string, password: string, baseUrl?: string) {
  await page.goto(baseUrl ? `${baseUrl}/sign-in` : "/sign-in");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page.getByRole("heading", { name: "Previewed calls" })).toBeVisible();
}
