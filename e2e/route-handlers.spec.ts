import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { appUrl, storageStatePath } from "./servers";

/**
 * Route handlers that change something refuse a request from another site (as Next.js does
 * for server actions), and a body over a limit is answered 413 with a message, whole, never
 * cut short and refused as malformed.
 */

const foreign = { Origin: "https://evil.example" };

test.describe("as a supervisor", () => {
  test.use({ storageState: storageStatePath("super1") });

  test("an import upload from another site is refused with 403 and creates no job", async ({
    page,
    request,
  }) => {
    const name = `origin-probe-${randomBytes(4).toString("hex")}.json`;
    const file = { name, mimeType: "application/json", buffer: Buffer.from("[]") };
    const refused = await request.post("/supervisor/import/upload", {
      headers: foreign,
      multipart: { file },
    });
    expect(refused.status()).toBe(403);
    expect(JSON.stringify(await refused.json())).toMatch(/another site/);
    const nullOrigin = await request.post("/supervisor/import/upload", {
      headers: { Origin: "null" },
      multipart: { file },
    });
    expect(nullOrigin.status()).toBe(403);
    await page.goto("/supervisor/import");
    await expect(page.getByRole("heading", { name: "Recent imports" })).toBeVisible();
    await expect(page.getByText(name)).toHaveCount(0);

    // The same request from this site is accepted (so the 403 was the Origin, nothing else).
    const accepted = await request.post("/supervisor/import/upload", {
      headers: { Origin: appUrl },
      multipart: { file: { ...file, buffer: Buffer.from("subCCNo,vdnId,serviceId,uniqueId,phoneNumber\n") } },
    });
    expect(accepted.status()).not.toBe(403);
  });

  test("an upload over 20 MB is answered 413 with a message, above and below the proxy's buffer", async ({
    request,
  }) => {
    for (const mb of [21, 30]) {
      const res = await request.post("/supervisor/import/upload", {
        headers: { Origin: appUrl },
        multipart: {
          file: { name: "big.csv", mimeType: "text/csv", buffer: Buffer.alloc(mb * 1024 * 1024, 0x41) },
        },
      });
      expect(res.status(), `${mb} MB`).toBe(413);
      expect((await res.json()).error, `${mb} MB`).toMatch(/larger than 20 MB/);
    }
  });
});

test("taking the next call from another site is refused with 403", async ({ request }) => {
  const res = await request.post("/api/assignment/take-next", {
    headers: { ...foreign, Accept: "application/json" },
  });
  expect(res.status()).toBe(403);
});

test("a sign-out posted from another site is refused, and the session still works", async ({ request }) => {
  const res = await request.post("/sign-out", { headers: foreign, maxRedirects: 0 });
  expect(res.status()).toBe(403);
  const list = await request.get("/api/calls");
  expect(list.status()).toBe(200);
});

test.describe("the calls API (API key, no cookies: no Origin check)", () => {
  test.use({ storageState: storageStatePath("admin1") });

  test("a body over 10 MB is answered 413 with a message, not 400 'must be JSON'", async ({
    page,
    request,
  }) => {
    await page.goto("/admin/api-keys");
    await page.getByLabel("Name (which system)").fill(`e2e-413-${randomBytes(3).toString("hex")}`);
    await page.getByLabel("Tasks it may touch (serviceIds, or * for all)").fill("*");
    await page.getByRole("button", { name: "Make key" }).click();
    const key = await page.getByLabel("New key").inputValue();
    expect(key).toMatch(/^pdk_/);
    const auth = { Authorization: `Bearer ${key}`, "Content-Type": "application/json" };

    const call = { subCCNo: 1, vdnId: 1, serviceId: "E2E-413", uniqueId: "x", phoneNumber: "13700000000" };
    const big = JSON.stringify(
      Array.from({ length: 1000 }, () => ({ ...call, callData: "x".repeat(12_000) })),
    );
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    const over = await request.post("/api/v1/calls", { headers: auth, data: big });
    expect(over.status()).toBe(413);
    expect((await over.json()).error).toMatch(/larger than 10 MB/);

    const huge = await request.post("/api/v1/calls", {
      headers: auth,
      data: "[" + "1,".repeat(15_000_000) + "1]",
    });
    expect(huge.status()).toBe(413);
  });
});
