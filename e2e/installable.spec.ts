import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { z } from "zod";

/**
 * The desk installs from the browser (issue 14, "Installable"): the manifest, its icons, the
 * favicon and robots.txt are served to a browser that has not signed in, with the types and
 * sizes they claim; the manifest speaks the browser's language; every page's head links
 * them and carries the theme colours for light and dark and a noindex.
 */

test.use({ storageState: { cookies: [], origins: [] } });

const manifestSchema = z.object({
  name: z.string(),
  short_name: z.string(),
  lang: z.string(),
  start_url: z.string(),
  display: z.string(),
  theme_color: z.string(),
  icons: z.array(z.object({ src: z.string(), type: z.string(), sizes: z.string(), purpose: z.string() })),
});

test("the manifest and every icon it names are served without a session, as they claim", async ({
  request,
}) => {
  const zh = await request.get("/manifest.webmanifest", { headers: { "Accept-Language": "zh-CN,zh;q=0.9" } });
  expect(zh.status()).toBe(200);
  expect(zh.headers()["content-type"]).toContain("application/manifest+json");
  expect(manifestSchema.parse(await zh.json())).toMatchObject({ name: "预览外呼台", lang: "zh-CN" });

  const en = await request.get("/manifest.webmanifest", { headers: { "Accept-Language": "en-US,en;q=0.9" } });
  const manifest = manifestSchema.parse(await en.json());
  expect(manifest).toMatchObject({ name: "Preview Desk", lang: "en", start_url: "/", display: "standalone" });
  expect(manifest.icons.length).toBeGreaterThanOrEqual(5);

  for (const icon of manifest.icons) {
    const response = await request.get(icon.src);
    expect(response.status(), icon.src).toBe(200);
    expect(response.headers()["content-type"], icon.src).toContain(icon.type);
    const meta = await sharp(await response.body()).metadata();
    if (icon.sizes === "any") expect(meta.format, icon.src).toBe("svg");
    else expect(`${meta.width}x${meta.height}`, icon.src).toBe(icon.sizes);
  }

  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  const apple = await request.get("/apple-touch-icon.png");
  expect(apple.status()).toBe(200);
  const appleMeta = await sharp(await apple.body()).metadata();
  expect([appleMeta.format, appleMeta.width, appleMeta.height]).toEqual(["png", 180, 180]);
});

test("robots.txt keeps every crawler off every path, and answers say noindex", async ({ request }) => {
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  const lines = (await robots.text()).split("\n").map((l) => l.trim());
  expect(lines).toContain("User-Agent: *");
  expect(lines).toContain("Disallow: /");
  expect(lines.some((l) => /^Allow:/i.test(l))).toBe(false);
  expect(robots.headers()["x-robots-tag"]).toBe("noindex, nofollow");
  expect((await request.get("/sign-in")).headers()["x-robots-tag"]).toBe("noindex, nofollow");
});

test("a page's head links the manifest and icons, with theme colours for light and dark", async ({
  page,
}) => {
  await page.goto("/sign-in");
  const head = page.locator("head");
  await expect(head.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  await expect(head.locator('link[rel="icon"][type="image/svg+xml"]')).toHaveAttribute("href", "/icon.svg");
  await expect(head.locator('link[rel="icon"][href="/favicon.ico"]')).toHaveCount(1);
  await expect(head.locator('link[rel="apple-touch-icon"]')).toHaveAttribute("href", "/apple-touch-icon.png");
  await expect(
    head.locator('meta[name="theme-color"][media="(prefers-color-scheme: light)"]'),
  ).toHaveAttribute("content", "#ffffff");
  await expect(
    head.locator('meta[name="theme-color"][media="(prefers-color-scheme: dark)"]'),
  ).toHaveAttribute("content", "#0f172a");
  await expect(head.locator('meta[name="robots"]')).toHaveAttribute("content", "noindex, nofollow");
});
